import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { databaseTimeouts } from '../../src/config.ts'
import { openDatabase } from '../../src/db/client.ts'
import { ADMIN_TOKEN, call, createTeam, testConfig } from '../helpers/app.ts'
import { startPrivatePostgres } from './private-postgres.ts'

// FULL=1 (npm run test:reliability in .ci/run) runs longer; the short version runs inside npm test.
const FULL = process.env.RELIABILITY_FULL === '1'
const LOAD_MS = FULL ? 8_000 : 3_000
const WRITERS = FULL ? 8 : 4

const pgServer = await startPrivatePostgres()
const database = await openDatabase({
  url: pgServer.url,
  poolSize: 10,
  timeouts: databaseTimeouts(testConfig().limits),
})
await database.migrate()
const app = await buildApp({ config: testConfig(), database })
afterAll(async () => {
  await app.close()
  await database.close()
  pgServer.stop()
})

type Outcome = { status: number; at: number; id?: string }

/** Writers creating reviews until `until`; every acknowledged id is remembered. */
async function writeLoad(key: string, until: () => boolean) {
  const outcomes: Outcome[] = []
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (!until()) {
        const res = await call(app, key, 'POST', '/v1/reviews', { title: `load ${randomUUID()}` })
        outcomes.push({
          status: res.status,
          at: Date.now(),
          id: res.status === 201 ? res.body.id : undefined,
        })
        if (res.status === 503) await new Promise((resolve) => setImmediate(resolve))
      }
    }),
  )
  return outcomes
}

describe('steady mixed load', () => {
  it('creates, reads, edits with If-Match and lists: 0 5xx, 0 acknowledged writes lost', async () => {
    const team = await createTeam(app)
    const started = Date.now()
    const created: string[] = []
    const statuses: number[] = []
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        while (Date.now() - started < LOAD_MS) {
          const made = await call(app, team.key, 'POST', '/v1/reviews', { title: `steady ${w}` })
          statuses.push(made.status)
          if (made.status !== 201) continue
          created.push(made.body.id)
          const read = await call(app, team.key, 'GET', `/v1/reviews/${made.body.id}`)
          const edit = await call(
            app,
            team.key,
            'PATCH',
            `/v1/reviews/${made.body.id}`,
            { title: 'edited' },
            {
              'if-match': String(read.headers.etag),
            },
          )
          const list = await call(app, team.key, 'GET', '/v1/reviews?limit=20')
          statuses.push(read.status, edit.status, list.status)
        }
      }),
    )
    const stored = await database.db.execute(
      sql`select id from reviews where team_id = ${team.id} and title = 'edited'`,
    )
    const storedIds = new Set((stored as unknown as { rows: { id: string }[] }).rows.map((r) => r.id))
    const lost = created.filter((id) => !storedIds.has(id))
    const fiveXx = statuses.filter((s) => s >= 500).length
    console.log(
      `[reliability] steady mixed load: ${statuses.length} requests in ${LOAD_MS} ms, 5xx ${fiveXx} (must be 0), ` +
        `creates ${created.length}, acknowledged edits missing in SQL ${lost.length} (must be 0)`,
    )
    expect(fiveXx).toBe(0)
    expect(lost).toEqual([])
    expect(created.length).toBeGreaterThan(0)
  })
})

describe('PostgreSQL restarts under write load (private cluster)', () => {
  for (const mode of ['fast', 'immediate'] as const) {
    it(`survives pg_ctl restart -m ${mode}: only 2xx/4xx/503, writes resume within 5 s, none lost`, async () => {
      const team = await createTeam(app)
      let acceptingAt = 0
      const started = Date.now()
      const load = writeLoad(team.key, () => Date.now() - started > LOAD_MS && acceptingAt > 0)
      // Restart once the load is running.
      while (Date.now() - started < LOAD_MS / 3) await new Promise((resolve) => setTimeout(resolve, 50))
      acceptingAt = await pgServer.restart(mode)
      const outcomes = await load
      const statuses = [...new Set(outcomes.map((o) => o.status))].sort()
      const fiveXx = outcomes.filter((o) => o.status >= 500 && o.status !== 503)
      const firstWrite = outcomes.find((o) => o.status === 201 && o.at >= acceptingAt)
      const acknowledged = outcomes.filter((o) => o.id).map((o) => o.id!)
      const stored = await database.db.execute(sql`select id from reviews where team_id = ${team.id}`)
      const storedIds = new Set((stored as unknown as { rows: { id: string }[] }).rows.map((r) => r.id))
      const lost = acknowledged.filter((id) => !storedIds.has(id))
      const recoveryMs = firstWrite ? firstWrite.at - acceptingAt : Number.POSITIVE_INFINITY
      console.log(
        `[reliability] restart -m ${mode}: ${outcomes.length} requests, statuses ${statuses.join('/')}, ` +
          `non-503 5xx ${fiveXx.length} (must be 0), 503s ${outcomes.filter((o) => o.status === 503).length}, ` +
          `acknowledged ${acknowledged.length}, lost ${lost.length} (must be 0), ` +
          `first write ${recoveryMs} ms after PostgreSQL accepted connections (must be ≤ 5000)`,
      )
      expect(fiveXx).toEqual([])
      expect(outcomes.every((o) => o.status < 500 || o.status === 503)).toBe(true)
      expect(lost).toEqual([])
      expect(recoveryMs).toBeLessThanOrEqual(5_000)
      expect((await call(app, ADMIN_TOKEN, 'GET', '/readyz')).status).toBe(200)
    })
  }
})
