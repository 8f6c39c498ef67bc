import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, call, createTeam, type Res, setupApp } from '../helpers/app.ts'
import { ifMatch, makeReview } from '../helpers/factories.ts'
import { expectProblem } from '../helpers/problems.ts'

/** Polls until `check` holds, for at most `ms`; the test fails with the last value otherwise. */
async function until<T>(probe: () => Promise<T>, check: (value: T) => boolean, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms
  let value = await probe()
  while (!check(value) && Date.now() < deadline) {
    await new Promise((resolve) => setImmediate(resolve))
    value = await probe()
  }
  return value
}

/** Holds `select … for update` on a review from outside Debrief until released. */
async function lockReview(url: string, reviewId: string) {
  const client = new pg.Client({ connectionString: url })
  // If a test fails while holding the lock, dropping the database ends this session.
  client.on('error', () => {})
  await client.connect()
  await client.query('begin')
  await client.query('select 1 from reviews where id = $1 for update', [reviewId])
  return async () => {
    await client.query('rollback')
    await client.end()
  }
}

describe('per-key rate limit', async () => {
  const t = await setupApp({ env: { RATE_LIMIT_PER_MINUTE: '5', AUTH_FAILURES_PER_MINUTE: '1000' } })

  it('counts each key on its own, announces the policy, and answers 429 + Retry-After past it', async () => {
    const [a, b] = [await createTeam(t.app), await createTeam(t.app)]
    const seen: Res[] = []
    for (let i = 0; i < 5; i++) seen.push(await a.call('GET', '/v1/reviews'))
    expect(seen.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    expect(seen[0]!.headers['ratelimit-policy']).toBe('"per-key";q=5;w=60')
    expect(seen.map((r) => String(r.headers.ratelimit).split(';')[1])).toEqual([
      'r=4',
      'r=3',
      'r=2',
      'r=1',
      'r=0',
    ])
    const over = await a.call('GET', '/v1/reviews')
    expectProblem(over, 429, 'too-many-requests')
    expect(Number(over.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    expect(Number(over.headers['retry-after'])).toBeLessThanOrEqual(60)
    expect(over.headers.ratelimit).toMatch(/^"per-key";r=0;t=\d+$/)
    // A refused write is not performed.
    expectProblem(await a.call('POST', '/v1/reviews', { title: 'over the limit' }), 429)
    expect(await t.sql('select 1 from reviews where team_id = $1', [a.id])).toEqual([])
    expect((await b.call('GET', '/v1/reviews')).status).toBe(200)
  })
})

describe('bad credentials', async () => {
  const t = await setupApp({ env: { AUTH_FAILURES_PER_MINUTE: '3' } })

  it('throttles an address after repeated 401s, even for a valid key, and leaves other addresses alone', async () => {
    const team = await createTeam(t.app)
    const from = (remoteAddress: string, token: string) =>
      t.app.inject({
        method: 'GET',
        url: '/v1/reviews',
        remoteAddress,
        headers: { authorization: `Bearer ${token}` },
      })
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) statuses.push((await from('192.0.2.7', `dbk_guess${i}`)).statusCode)
    expect(statuses).toEqual([401, 401, 401])
    const blocked = await from('192.0.2.7', team.key)
    expect(blocked.statusCode).toBe(429)
    expect(blocked.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    expect((await from('192.0.2.8', team.key)).statusCode).toBe(200)
    // Public routes stay reachable for the throttled address.
    expect(
      (await t.app.inject({ method: 'GET', url: '/livez', remoteAddress: '192.0.2.7' })).statusCode,
    ).toBe(200)
  })
})

describe('database timeouts and load shedding', async () => {
  const t = await setupApp({
    poolSize: 1,
    env: {
      DATABASE_STATEMENT_TIMEOUT_MS: '400',
      DATABASE_QUERY_TIMEOUT_MS: '800',
      HTTP_HANDLER_TIMEOUT_MS: '1500',
      LOAD_SHED_POOL_WAITING: '1',
    },
  })

  it('answers 503 + Retry-After when a statement waits past statement_timeout, then works again', async () => {
    const team = await createTeam(t.app)
    const review = await makeReview(team)
    const release = await lockReview(t.url, review.id)
    const started = Date.now()
    const blocked = await team.call('PATCH', `/v1/reviews/${review.id}`, { title: 'x' }, ifMatch(1))
    const took = Date.now() - started
    await release()
    expectProblem(blocked, 503, 'service-unavailable')
    expect(blocked.headers['retry-after']).toMatch(/^\d+$/)
    expect(took).toBeLessThan(1500)
    expect((await team.call('PATCH', `/v1/reviews/${review.id}`, { title: 'x' }, ifMatch(1))).status).toBe(
      200,
    )
  })

  it('sheds new requests with 503 while requests queue for the pool, keeps /livez up, and recovers', async () => {
    const team = await createTeam(t.app)
    const review = await makeReview(team)
    const release = await lockReview(t.url, review.id)
    // One PATCH holds the only connection (waiting on the lock); the others queue for the pool.
    const queued = Array.from({ length: 4 }, () =>
      team.call('PATCH', `/v1/reviews/${review.id}`, { title: 'y' }, ifMatch(1)),
    )
    const shed = await until(
      () => call(t.app, ADMIN_TOKEN, 'GET', '/v1/teams'),
      (r) => r.status === 503 && /overloaded/.test(r.body?.detail),
    )
    expectProblem(shed, 503, 'service-unavailable')
    expect(shed.headers['retry-after']).toBe('2')
    expect((await t.app.inject({ method: 'GET', url: '/livez' })).statusCode).toBe(200)
    await release()
    for (const r of await Promise.all(queued)) expect([200, 412, 503]).toContain(r.status)
    const back = await until(
      () => team.call('GET', `/v1/reviews/${review.id}`),
      (r) => r.status === 200,
    )
    expect(back.status).toBe(200)
  })
})
