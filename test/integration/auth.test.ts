import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, call, type Res, setupApp } from '../helpers/app.ts'
import { ifMatch, makeReview } from '../helpers/factories.ts'
import { expectProblem } from '../helpers/problems.ts'

const t = await setupApp()

const raw = async (headers: Record<string, string>, url = '/v1/reviews'): Promise<Res> => {
  const res = await t.app.inject({ method: 'GET', url, headers })
  return { status: res.statusCode, body: res.json(), headers: res.headers, text: res.body }
}

const expectUnauthorized = (res: Res) => {
  expectProblem(res, 401, 'unauthorized')
  expect(res.headers['www-authenticate']).toMatch(/^Bearer/)
}

describe('authentication', () => {
  it('refuses a request without a token with 401 and WWW-Authenticate', async () => {
    expectUnauthorized(await raw({}))
    expectUnauthorized(await call(t.app, undefined, 'POST', '/v1/reviews', { title: 'x' }))
  })

  it('refuses malformed Authorization headers with 401', async () => {
    const team = await t.team()
    for (const header of [
      `Basic ${team.key}`,
      'Bearer',
      'Bearer ',
      `Token ${team.key}`,
      `Bearer ${team.key} extra`,
    ]) {
      expectUnauthorized(await raw({ authorization: header }))
    }
    // The scheme is case-insensitive (RFC 9110), so this one works.
    expect((await raw({ authorization: `bearer ${team.key}` })).status).toBe(200)
  })

  it('refuses wrong keys with 401', async () => {
    const team = await t.team()
    const tampered = `${team.key.slice(0, -2)}${team.key.endsWith('AA') ? 'BB' : 'AA'}`
    for (const token of [tampered, 'dbk_not-a-real-key', 'not-even-a-key', `${ADMIN_TOKEN}x`]) {
      expectUnauthorized(await call(t.app, token, 'GET', '/v1/reviews'))
    }
  })

  it('refuses a revoked key with 401 at once', async () => {
    const team = await t.team()
    const review = await makeReview(team)
    expect((await team.call('GET', `/v1/reviews/${review.id}`)).status).toBe(200) // now cached as valid
    const revoked = await call(t.app, ADMIN_TOKEN, 'DELETE', `/v1/teams/${team.id}/api-keys/${team.keyId}`)
    expect(revoked.status).toBe(200)
    expect(revoked.body).toMatchObject({ id: team.keyId, revokedAt: expect.any(String) })
    expect(revoked.body.key).toBeUndefined()
    expectUnauthorized(await team.call('GET', `/v1/reviews/${review.id}`))
    expectUnauthorized(
      await team.call('PATCH', `/v1/reviews/${review.id}`, { title: 'after revoke' }, ifMatch(1)),
    )
    const rows = await t.sql<{ title: string }>('select title from reviews where id = $1', [review.id])
    expect(rows[0]!.title).toBe(review.title)
  })

  it('lets a team admin revoke keys of its own team', async () => {
    const admin = await t.team(['admin'])
    const extra = await admin.call('POST', `/v1/teams/${admin.id}/api-keys`, {
      name: 'ci',
      scopes: ['write'],
    })
    expect(extra.status).toBe(201)
    expect((await call(t.app, extra.body.key, 'GET', '/v1/reviews')).status).toBe(200)
    expect((await admin.call('DELETE', `/v1/teams/${admin.id}/api-keys/${extra.body.id}`)).status).toBe(200)
    expectUnauthorized(await call(t.app, extra.body.key, 'GET', '/v1/reviews'))
  })
})

describe('authorisation', () => {
  it('gives a read-scoped key 403 on every write, and lets it read', async () => {
    const writer = await t.team()
    const review = await makeReview(writer)
    const key = await call(t.app, ADMIN_TOKEN, 'POST', `/v1/teams/${writer.id}/api-keys`, {
      name: 'reader',
      scopes: ['read'],
    })
    const read = (method: string, url: string, body?: unknown, headers?: Record<string, string>) =>
      call(t.app, key.body.key, method as 'GET', url, body, headers)
    const r = `/v1/reviews/${review.id}`
    const writes: [string, string, unknown?][] = [
      ['POST', '/v1/reviews', { title: 'nope' }],
      ['PATCH', r, { title: 'nope' }],
      ['DELETE', r],
      ['POST', `${r}/submit`],
      ['POST', `${r}/publish`],
      ['POST', `${r}/timeline-events`, { occurredAt: '2026-11-20T10:00:00Z', description: 'x' }],
      ['POST', `${r}/contributing-factors`, { category: 'process', description: 'x' }],
      ['POST', `${r}/action-items`, { title: 'x', owner: 'o', dueDate: '2027-01-01' }],
      ['GET', `/v1/teams/${writer.id}/api-keys`],
      ['POST', `/v1/teams/${writer.id}/api-keys`, { name: 'escalate', scopes: ['admin'] }],
    ]
    for (const [method, url, body] of writes) {
      expectProblem(await read(method, url, body, ifMatch(1)), 403, 'forbidden')
    }
    expect((await read('GET', r)).status).toBe(200)
    expect((await read('GET', '/v1/reviews')).body.items).toHaveLength(1)
    const stored = await t.sql<{ version: number; n: number }>(
      'select version, (select count(*)::int from reviews where team_id = $2) as n from reviews where id = $1',
      [review.id, writer.id],
    )
    expect(stored[0]).toEqual({ version: 1, n: 1 })
  })

  it('gives a write key 403 on team administration', async () => {
    const team = await t.team(['write'])
    expectProblem(await team.call('GET', `/v1/teams/${team.id}/api-keys`), 403, 'forbidden')
    expectProblem(
      await team.call('POST', `/v1/teams/${team.id}/api-keys`, { name: 'x', scopes: ['admin'] }),
      403,
      'forbidden',
    )
  })

  it('gives the operator admin token 403 on team routes', async () => {
    const admin = (method: string, url: string, body?: unknown) =>
      call(t.app, ADMIN_TOKEN, method as 'GET', url, body)
    expectProblem(await admin('GET', '/v1/reviews'), 403, 'forbidden')
    expectProblem(await admin('POST', '/v1/reviews', { title: 'x' }), 403, 'forbidden')
    expectProblem(await admin('GET', '/v1/action-items'), 403, 'forbidden')
    const rows = await t.sql<{ n: number }>("select count(*)::int as n from reviews where title = 'x'")
    expect(rows[0]!.n).toBe(0)
  })

  it('gives team keys, even admin ones, 403 on operator routes', async () => {
    const team = await t.team(['admin'])
    expectProblem(await team.call('POST', '/v1/teams', { name: 'rogue' }), 403, 'forbidden')
    expectProblem(await team.call('GET', '/v1/teams'), 403, 'forbidden')
    expect((await t.sql("select 1 from teams where name = 'rogue'")).length).toBe(0)
  })
})

describe('API key secrets', () => {
  const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

  it('shows the key only when it is created; listings never include it', async () => {
    const team = await t.team(['admin'])
    const created = await team.call('POST', `/v1/teams/${team.id}/api-keys`, {
      name: 'bot',
      scopes: ['read'],
    })
    expect(created.status).toBe(201)
    expect(created.body.key).toMatch(/^dbk_/)
    expect(created.body.prefix).toBe(created.body.key.slice(0, created.body.prefix.length))
    const listed = await team.call('GET', `/v1/teams/${team.id}/api-keys`)
    expect(listed.body.items).toHaveLength(2)
    for (const item of listed.body.items) expect(item).not.toHaveProperty('key')
    expect(listed.text).not.toContain(created.body.key)
    expect(listed.text).not.toContain(team.key)
  })

  it('stores only a hash of the key; the secret is nowhere in the database', async () => {
    const team = await t.team(['admin'])
    // With an Idempotency-Key too, whose first response is kept for replays.
    const created = await call(
      t.app,
      ADMIN_TOKEN,
      'POST',
      `/v1/teams/${team.id}/api-keys`,
      { name: 'kept', scopes: ['write'] },
      { 'idempotency-key': `key-${team.id}` },
    )
    expect(created.status).toBe(201)
    const secret: string = created.body.key
    const [row] = await t.sql<Record<string, unknown>>('select * from api_keys where id = $1', [
      created.body.id,
    ])
    expect(row!.key_hash).toBe(sha256(secret))
    for (const value of Object.values(row!)) expect(String(value)).not.toContain(secret.slice(10))

    const dump = await t.sql<{ hit: string }>(
      `select 'api_keys' as hit from api_keys k where k::text like $1
       union all select 'idempotency_keys' from idempotency_keys i where i::text like $1`,
      [`%${secret.slice(10)}%`],
    )
    expect(dump).toEqual([])
    // A retry answers exactly as the first response did, key included (kept encrypted for replays).
    const replay = await call(
      t.app,
      ADMIN_TOKEN,
      'POST',
      `/v1/teams/${team.id}/api-keys`,
      { name: 'kept', scopes: ['write'] },
      { 'idempotency-key': `key-${team.id}` },
    )
    expect(replay.status).toBe(201)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect(replay.body.id).toBe(created.body.id)
    expect(replay.body.key).toBe(secret)
    expect((await call(t.app, secret, 'GET', '/v1/reviews')).status).toBe(200)
  })
})
