import { describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, call, setupApp, type TestTeam } from '../helpers/app.ts'
import { getReview, makeFactor, makeReview } from '../helpers/factories.ts'
import { expectProblem } from '../helpers/problems.ts'

const t = await setupApp({ poolSize: 25 })

const countReviews = async (team: TestTeam) =>
  (await t.sql<{ n: number }>('select count(*)::int as n from reviews where team_id = $1', [team.id]))[0]!.n
const countRevisions = async (team: TestTeam) =>
  (await t.sql<{ n: number }>('select count(*)::int as n from revisions where team_id = $1', [team.id]))[0]!.n

const key = (k: string) => ({ 'idempotency-key': k })

describe('Idempotency-Key on creates', () => {
  it('replays the first response for the same key and body, and creates nothing new', async () => {
    const team = await t.team()
    const body = { title: 'Checkout outage', severity: 'SEV1', answers: { intent: 'Ship the canary' } }
    const first = await team.call('POST', '/v1/reviews', body, key('create-1'))
    expect(first.status).toBe(201)
    expect(first.headers['idempotent-replayed']).toBeUndefined()
    const retry = await team.call('POST', '/v1/reviews', body, key('create-1'))
    expect(retry.status).toBe(201)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.body).toEqual(first.body)
    expect(retry.headers.location).toBe(first.headers.location)
    expect(retry.headers.etag).toBe(first.headers.etag)
    expect(await countReviews(team)).toBe(1)
    expect(await countRevisions(team)).toBe(1)
  })

  it('replays the original response even after the resource changed', async () => {
    const team = await t.team()
    const first = await team.call('POST', '/v1/reviews', { title: 'Original' }, key('k'))
    await team.call('PATCH', `/v1/reviews/${first.body.id}`, { title: 'Edited' }, { 'if-match': '"v1"' })
    const retry = await team.call('POST', '/v1/reviews', { title: 'Original' }, key('k'))
    expect(retry.status).toBe(201)
    expect(retry.body).toMatchObject({ id: first.body.id, title: 'Original', version: 1 })
    expect((await getReview(team, first.body.id)).title).toBe('Edited')
    expect(await countReviews(team)).toBe(1)
  })

  it('refuses the same key with a different body (or path) with 422, creating nothing', async () => {
    const team = await t.team()
    const first = await team.call('POST', '/v1/reviews', { title: 'One' }, key('reuse'))
    expect(first.status).toBe(201)
    expectProblem(
      await team.call('POST', '/v1/reviews', { title: 'Two' }, key('reuse')),
      422,
      'idempotency-key-reused',
    )
    expectProblem(
      await team.call(
        'POST',
        `/v1/reviews/${first.body.id}/timeline-events`,
        { occurredAt: '2026-11-20T10:00:00Z', description: 'x' },
        key('reuse'),
      ),
      422,
      'idempotency-key-reused',
    )
    expect(await countReviews(team)).toBe(1)
    expect((await getReview(team, first.body.id)).timelineEvents).toEqual([])
  })

  it('creates exactly one review from 20 concurrent identical requests', async () => {
    const team = await t.team()
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        team.call('POST', '/v1/reviews', { title: 'Retry storm' }, key('storm')),
      ),
    )
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201))
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1)
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19)
    expect(await countReviews(team)).toBe(1)
    expect(await countRevisions(team)).toBe(1)
  })

  it('scopes keys per team: two teams using the same key each get their own review', async () => {
    const a = await t.team()
    const b = await t.team()
    const ra = await a.call('POST', '/v1/reviews', { title: 'Same body' }, key('shared-key'))
    const rb = await b.call('POST', '/v1/reviews', { title: 'Same body' }, key('shared-key'))
    expect(ra.status).toBe(201)
    expect(rb.status).toBe(201)
    expect(rb.headers['idempotent-replayed']).toBeUndefined()
    expect(rb.body.id).not.toBe(ra.body.id)
    expect((await b.call('GET', `/v1/reviews/${rb.body.id}`)).status).toBe(200)
    expect(await countReviews(a)).toBe(1)
    expect(await countReviews(b)).toBe(1)
    // A different body under the same key in the other team is not a reuse either.
    const a2 = await a.call('POST', '/v1/reviews', { title: 'Other body' }, key('only-b-used-this'))
    const b2 = await b.call('POST', '/v1/reviews', { title: 'Another body' }, key('only-b-used-this'))
    expect([a2.status, b2.status]).toEqual([201, 201])
  })

  it('works on review part creates, each kind, including concurrent retries', async () => {
    const team = await t.team()
    const review = await makeReview(team)
    const factor = await makeFactor(team, review.id)
    const parts = [
      ['timeline-events', { occurredAt: '2026-11-20T10:00:00Z', description: 'Paged' }],
      ['contributing-factors', { category: 'knowledge', description: 'Runbook was outdated' }],
      [
        'action-items',
        { title: 'Update runbook', owner: 'sre', dueDate: '2027-01-01', factorIds: [factor.id] },
      ],
    ] as const
    for (const [kind, body] of parts) {
      const url = `/v1/reviews/${review.id}/${kind}`
      const results = await Promise.all(
        Array.from({ length: 5 }, () => team.call('POST', url, body, key(`part-${kind}`))),
      )
      expect(results.map((r) => r.status)).toEqual(Array(5).fill(201))
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1)
      expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(4)
      expect(results[0]!.headers.location).toBe(`${url}/${results[0]!.body.id}`)
    }
    const stored = await getReview(team, review.id)
    expect(stored.timelineEvents).toHaveLength(1)
    expect(stored.contributingFactors).toHaveLength(2)
    expect(stored.actionItems).toHaveLength(1)
    expect(stored.version).toBe(5) // created, one factor, then one of each part
  })

  it('does not burn the key when the create fails', async () => {
    const team = await t.team()
    // Refused by validation…
    expectProblem(
      await team.call('POST', '/v1/reviews', { title: '' }, key('after-400')),
      400,
      'validation-failed',
    )
    const ok = await team.call('POST', '/v1/reviews', { title: 'Fixed' }, key('after-400'))
    expect(ok.status).toBe(201)
    expect(ok.headers['idempotent-replayed']).toBeUndefined()
    // …and refused inside the create's transaction (a link to a factor that does not exist).
    const url = `/v1/reviews/${ok.body.id}/action-items`
    const item = { title: 'Follow up', owner: 'sre', dueDate: '2027-01-01' }
    const bad = await team.call('POST', url, { ...item, factorIds: [ok.body.id] }, key('after-link-400'))
    expectProblem(bad, 400, 'validation-failed')
    const good = await team.call('POST', url, item, key('after-link-400'))
    expect(good.status).toBe(201)
    expect(good.headers['idempotent-replayed']).toBeUndefined()
    // …and a 404 for a review that does not exist.
    const missing = await team.call(
      'POST',
      `/v1/reviews/${crypto.randomUUID()}/action-items`,
      item,
      key('after-404'),
    )
    expectProblem(missing, 404, 'not-found')
    expect((await team.call('POST', url, item, key('after-404'))).status).toBe(201)
    const stored = await t.sql<{ key: string }>(
      'select key from idempotency_keys where scope = $1 order by key',
      [`team:${team.id}`],
    )
    expect(stored.map((r) => r.key)).toEqual(['after-400', 'after-404', 'after-link-400'])
  })

  it('works for teams and keys created with the operator token', async () => {
    const body = { name: `idem-team-${crypto.randomUUID()}` }
    const first = await call(t.app, ADMIN_TOKEN, 'POST', '/v1/teams', body, key(body.name))
    const retry = await call(t.app, ADMIN_TOKEN, 'POST', '/v1/teams', body, key(body.name))
    expect(first.status).toBe(201)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.body.id).toBe(first.body.id)
    const rows = await t.sql('select id from teams where name = $1', [body.name])
    expect(rows).toHaveLength(1)
  })
})
