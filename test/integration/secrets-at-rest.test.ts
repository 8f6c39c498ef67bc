import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { openDatabase } from '../../src/db/client.ts'
import { encryptJson } from '../../src/shared/secrets.ts'
import { ADMIN_TOKEN, call, createTestDatabase, setupApp, testConfig } from '../helpers/app.ts'

const t = await setupApp({ deliveries: true })
const idem = (k: string) => ({ 'idempotency-key': k })
/** Every idempotency record, as text, to search for secrets. */
const storedRecords = async () =>
  (await t.sql<{ row: string }>('select i::text as row from idempotency_keys i')).map((r) => r.row).join('\n')

describe('Idempotency-Key records', () => {
  it('replays a webhook endpoint create with its secret, while no secret is stored in plaintext', async () => {
    const team = await t.team(['admin'])
    const body = { url: 'https://hooks.example.com/x', events: ['review.published'] }
    const first = await team.call('POST', '/v1/webhook-endpoints', body, idem('wh-1'))
    expect(first.status).toBe(201)
    expect(first.body.secret).toMatch(/^whsec_/)
    const replay = await team.call('POST', '/v1/webhook-endpoints', body, idem('wh-1'))
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect(replay.body).toEqual(first.body)
    const secretBody = first.body.secret.slice('whsec_'.length)
    const records = await storedRecords()
    expect(records).toContain('wh-1') // the record is there…
    expect(records).not.toContain(secretBody) // …and holds no secret
    expect(await t.sql('select 1 from webhook_endpoints where team_id = $1', [team.id])).toHaveLength(1)
  })

  it('replays an API key create including `key`, which is stored only encrypted', async () => {
    const team = await t.team()
    const url = `/v1/teams/${team.id}/api-keys`
    const first = await call(t.app, ADMIN_TOKEN, 'POST', url, { name: 'ci', scopes: ['read'] }, idem('key-1'))
    expect(first.status).toBe(201)
    const replay = await call(
      t.app,
      ADMIN_TOKEN,
      'POST',
      url,
      { name: 'ci', scopes: ['read'] },
      idem('key-1'),
    )
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect(replay.body.key).toBe(first.body.key)
    expect(replay.body).toEqual(first.body)
    expect(await storedRecords()).not.toContain(first.body.key)
    // The replayed key works.
    expect((await call(t.app, replay.body.key, 'GET', '/v1/reviews')).status).toBe(200)
  })

  it('expire after 24 h by default; an expired key starts a new request', async () => {
    const team = await t.team()
    const first = await team.call('POST', '/v1/reviews', { title: 'Outage' }, idem('ttl-1'))
    const [record] = await t.sql<{ hours: number }>(
      `select extract(epoch from expires_at - created_at) / 3600 as hours from idempotency_keys where key = 'ttl-1'`,
    )
    expect(Number(record!.hours)).toBeCloseTo(24, 3)
    expect((await team.call('POST', '/v1/reviews', { title: 'Outage' }, idem('ttl-1'))).body.id).toBe(
      first.body.id,
    )
    await t.sql(`update idempotency_keys set expires_at = now() - interval '1 second' where key = 'ttl-1'`)
    const after = await team.call('POST', '/v1/reviews', { title: 'Outage' }, idem('ttl-1'))
    expect(after.status).toBe(201)
    expect(after.headers['idempotent-replayed']).toBeUndefined()
    expect(after.body.id).not.toBe(first.body.id)
    // The new record replays from now on.
    expect((await team.call('POST', '/v1/reviews', { title: 'Outage' }, idem('ttl-1'))).body.id).toBe(
      after.body.id,
    )
  })
})

describe('the secret key check', () => {
  it('refuses to start with another key than the one that encrypted stored credentials, or with none', async () => {
    const { url, drop } = await createTestDatabase()
    const database = await openDatabase({ url, poolSize: 2 })
    const dataDir = mkdtempSync(join(tmpdir(), 'debrief-key-'))
    try {
      const key = randomBytes(32).toString('base64')
      const first = await buildApp({ config: testConfig({ DEBRIEF_SECRET_KEY: key }), database })
      await first.close()
      const other = testConfig({ DEBRIEF_SECRET_KEY: randomBytes(32).toString('base64') })
      await expect(buildApp({ config: other, database })).rejects.toThrow(
        /not the one that encrypted the credentials stored in this database/,
      )
      // No key given and no key file: it must not generate a fresh key over the existing data.
      const none = { ...testConfig({ DEBRIEF_DATA_DIR: dataDir }), secretKey: undefined }
      await expect(buildApp({ config: none, database })).rejects.toThrow(/will not generate a new key/)
      expect(() => rmSync(join(dataDir, 'secret.key'))).toThrow() // nothing was written
      const again = await buildApp({ config: testConfig({ DEBRIEF_SECRET_KEY: key }), database })
      await again.close()
    } finally {
      await database.close()
      await drop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('deliveries with undecryptable credentials', () => {
  const hits: string[] = []
  const receiver = createServer((req, res) => {
    hits.push(req.url ?? '')
    res.writeHead(204).end()
  })
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())))

  it('are dead-lettered on the first attempt, not retried, and the peer sees nothing', async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const { port } = receiver.address() as AddressInfo
    const team = await t.team(['admin'])
    const endpoint = await team.call('POST', '/v1/webhook-endpoints', {
      url: `http://127.0.0.1:${port}/hook`,
      events: ['review.published'],
    })
    expect(endpoint.status).toBe(201)
    // As if the secret had been encrypted under another key.
    await t.sql('update webhook_endpoints set secret_encrypted = $1 where id = $2', [
      encryptJson(randomBytes(32), 'whsec_other'),
      endpoint.body.id,
    ])
    const test = await team.call('POST', `/v1/webhook-endpoints/${endpoint.body.id}/test`)
    expect(test.status).toBe(202)
    let delivery = await team.call('GET', `/v1/deliveries/${test.body.deliveryId}`)
    for (
      let i = 0;
      i < 200 && ['pending', 'retrying'].includes(delivery.body.status) && delivery.body.attempts === 0;
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      delivery = await team.call('GET', `/v1/deliveries/${test.body.deliveryId}`)
    }
    expect(delivery.body).toMatchObject({ status: 'dead', attempts: 1 })
    expect(delivery.body.lastError).toMatch(/cannot decrypt/)
    expect(hits).toEqual([])
  })
})
