import { sql } from 'drizzle-orm'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/client.ts'
import { createTestDatabase, setupApp } from '../helpers/app.ts'

const { url, drop } = await createTestDatabase()
const admin = new pg.Client({ connectionString: url })
await admin.connect()
afterAll(async () => {
  await admin.end()
  await drop()
})

/** Terminates a backend the way `pg_ctl restart -m fast` does (57P01) and waits until it is gone. */
async function terminate(pid: number) {
  await admin.query('select pg_terminate_backend($1)', [pid])
  for (;;) {
    const { rowCount } = await admin.query('select 1 from pg_stat_activity where pid = $1', [pid])
    if (rowCount === 0) break
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  // The FATAL message and the socket close reach the client on the next turns of the event loop.
  await new Promise((resolve) => setTimeout(resolve, 100))
}

describe('the server closes a connection held by a transaction', () => {
  it('fails that transaction, keeps the process alive and serves the next one', async () => {
    const database = await openDatabase({ url, poolSize: 2 })
    try {
      const failed = database.db.transaction(async (tx) => {
        const { rows } = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as {
          rows: { pid: number }[]
        }
        // Between two statements of the transaction the client is checked out of the pool:
        // pg-pool's own error listener is detached, so an unhandled 'error' event would crash us.
        await terminate(rows[0]?.pid ?? -1)
        await tx.execute(sql`select 1`)
      })
      await expect(failed).rejects.toThrow()
      const after = (await database.db.execute(sql`select 41 + 1 as answer`)) as unknown as {
        rows: { answer: number }[]
      }
      expect(after.rows[0]?.answer).toBe(42)
    } finally {
      await database.close()
    }
  })

  it('answers a write whose connection was terminated with 503 and Retry-After, then recovers', async () => {
    const { team, sql: query } = await setupApp({ poolSize: 2 })
    const t = await team()
    // Terminate every backend of this database but the killer's own while the writes are in flight.
    const writes = Array.from({ length: 20 }, (_, i) => t.call('POST', '/v1/reviews', { title: `r${i}` }))
    const killer = query(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()`,
    ).catch(() => [])
    const results = await Promise.all(writes)
    await killer
    for (const r of results) expect([201, 503]).toContain(r.status)
    for (const r of results.filter((x) => x.status === 503)) expect(r.headers['retry-after']).toBeDefined()
    const ok = await t.call('POST', '/v1/reviews', { title: 'after' })
    expect(ok.status).toBe(201)
  })
})
