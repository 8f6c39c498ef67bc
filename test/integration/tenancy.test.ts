import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, call, type Res, setupApp, type TestTeam } from '../helpers/app.ts'
import {
  getReview,
  ifMatch,
  makeActionItem,
  makeCompleteReview,
  makeFactor,
  makeReview,
  makeTimelineEvent,
} from '../helpers/factories.ts'
import { expectProblem, problemShape } from '../helpers/problems.ts'

const t = await setupApp()

const KINDS = {
  'timeline-events': { occurredAt: '2026-11-20T11:00:00Z', description: 'Someone else wrote this' },
  'contributing-factors': { category: 'process', description: 'Someone else wrote this' },
  'action-items': { title: 'Someone else wrote this', owner: 'sre', dueDate: '2027-01-01' },
} as const
type Kind = keyof typeof KINDS
const ALL = { 'if-match': '*' }

/** Every team-scoped route that names a review or one of its parts, as [label, method, path, body, headers]. */
function routes(review: string, parts: Record<Kind, string>) {
  const list: [string, string, string, unknown?, Record<string, string>?][] = [
    ['get review', 'GET', `/v1/reviews/${review}`],
    ['patch review', 'PATCH', `/v1/reviews/${review}`, { title: 'hijacked' }, ALL],
    ['delete review', 'DELETE', `/v1/reviews/${review}`, undefined, ALL],
    ['submit', 'POST', `/v1/reviews/${review}/submit`, undefined, ALL],
    ['publish', 'POST', `/v1/reviews/${review}/publish`, undefined, ALL],
    ['guide', 'GET', `/v1/reviews/${review}/guide`],
    ['revisions', 'GET', `/v1/reviews/${review}/revisions`],
    ['publications', 'GET', `/v1/reviews/${review}/publications`],
    ['publication', 'GET', `/v1/reviews/${review}/publications/1`],
  ]
  for (const kind of Object.keys(KINDS) as Kind[]) {
    const base = `/v1/reviews/${review}/${kind}`
    list.push(
      [`create ${kind}`, 'POST', base, KINDS[kind]],
      [`list ${kind}`, 'GET', base],
      [`get ${kind}`, 'GET', `${base}/${parts[kind]}`],
      [`patch ${kind}`, 'PATCH', `${base}/${parts[kind]}`, { description: 'hijacked' }, ALL],
      [`delete ${kind}`, 'DELETE', `${base}/${parts[kind]}`, undefined, ALL],
    )
  }
  return list
}

const send = (team: TestTeam, [, method, path, body, headers]: ReturnType<typeof routes>[number]) =>
  team.call(method as 'GET', path, body, headers)

describe('tenant isolation', () => {
  let a: TestTeam
  let b: TestTeam
  let aReview: { id: string; version: number; title: string }
  let aParts: Record<Kind, string>
  let bReview: { id: string }

  beforeAll(async () => {
    a = await t.team()
    b = await t.team()
    const complete = await makeCompleteReview(a)
    const submitted = await a.call(
      'POST',
      `/v1/reviews/${complete.id}/submit`,
      undefined,
      ifMatch(complete.version),
    )
    const published = await a.call(
      'POST',
      `/v1/reviews/${complete.id}/publish`,
      undefined,
      ifMatch(submitted.body.version),
    )
    expect(published.status).toBe(200)
    aReview = published.body
    aParts = {
      'timeline-events': complete.timelineEvents[0].id,
      'contributing-factors': complete.contributingFactors[0].id,
      'action-items': complete.actionItems[0].id,
    }
    bReview = await makeReview(b, { title: 'B own review' })
  })

  it("answers 404 on every review route for another team's ids, exactly as for ids that do not exist", async () => {
    const missing = {
      'timeline-events': randomUUID(),
      'contributing-factors': randomUUID(),
      'action-items': randomUUID(),
    }
    const foreign = routes(aReview.id, aParts)
    const absent = routes(randomUUID(), missing)
    expect(foreign.length).toBe(24)
    for (const [i, route] of foreign.entries()) {
      const theirs = await send(b, route)
      const nobodys = await send(b, absent[i]!)
      expectProblem(theirs, 404, 'not-found')
      expect(problemShape(theirs), route[0]).toEqual(problemShape(nobodys))
    }
    // …and nothing of team A changed.
    const after = await getReview(a, aReview.id)
    expect(after).toMatchObject({ version: aReview.version, status: 'published', title: aReview.title })
    expect(after.timelineEvents).toHaveLength(1)
    expect(after.contributingFactors).toHaveLength(1)
    expect(after.actionItems).toHaveLength(1)
    expect(after.actionItems[0].description).toBeNull()
    expect((await a.call('GET', `/v1/reviews/${aReview.id}/publications`)).body.items).toHaveLength(1)
  })

  it("answers 404 for another team's part ids under the caller's own review, as for missing parts", async () => {
    const before = await getReview(b, bReview.id)
    for (const kind of Object.keys(KINDS) as Kind[]) {
      const base = `/v1/reviews/${bReview.id}/${kind}`
      for (const [method, body] of [
        ['GET', undefined],
        ['PATCH', { description: 'hijacked' }],
        ['DELETE', undefined],
      ] as const) {
        const theirs = await b.call(method, `${base}/${aParts[kind]}`, body, ALL)
        const nobodys = await b.call(method, `${base}/${randomUUID()}`, body, ALL)
        expectProblem(theirs, 404, 'not-found')
        expect(problemShape(theirs), `${method} ${kind}`).toEqual(problemShape(nobodys))
      }
    }
    expect((await getReview(b, bReview.id)).version).toBe(before.version)
  })

  it('answers 404 for a part of another review of the same team (parts are addressed through their review)', async () => {
    const other = await makeReview(a, { title: 'Another review of A' })
    const res = await a.call('GET', `/v1/reviews/${other.id}/timeline-events/${aParts['timeline-events']}`)
    expectProblem(res, 404, 'not-found')
    const del = await a.call(
      'DELETE',
      `/v1/reviews/${other.id}/action-items/${aParts['action-items']}`,
      undefined,
      ALL,
    )
    expectProblem(del, 404, 'not-found')
    expect((await getReview(a, aReview.id)).actionItems).toHaveLength(1)
  })

  it("never lists another team's reviews or action items", async () => {
    const bItem = await makeActionItem(b, bReview.id, { owner: 'platform team' })
    const reviews = await b.call('GET', '/v1/reviews?limit=200')
    expect(reviews.status).toBe(200)
    expect(reviews.body.items.map((r: { id: string }) => r.id)).toEqual([bReview.id])
    const searched = await b.call('GET', `/v1/reviews?q=${encodeURIComponent(aReview.title)}`)
    expect(searched.body.items).toEqual([])
    const published = await b.call('GET', '/v1/reviews?status=published')
    expect(published.body.items).toEqual([])

    const items = await b.call('GET', '/v1/action-items?limit=200')
    expect(items.body.items.map((i: { id: string }) => i.id)).toEqual([bItem.id])
    const sameOwner = await b.call('GET', '/v1/action-items?owner=platform%20team')
    expect(sameOwner.body.items.map((i: { id: string }) => i.id)).toEqual([bItem.id])
    const byForeignReview = await b.call('GET', `/v1/action-items?reviewId=${aReview.id}`)
    expect(byForeignReview.status).toBe(200)
    expect(byForeignReview.body.items).toEqual([])
    // Team A still sees its own.
    const aItems = await a.call('GET', '/v1/action-items')
    expect(aItems.body.items.map((i: { id: string }) => i.id)).toEqual([aParts['action-items']])
  })

  it('refuses links to factors or timeline events of another review or team with 400 and a pointer', async () => {
    const own = await makeReview(a, { title: 'Linking review' })
    const ownFactor = await makeFactor(a, own.id)
    const bFactor = await makeFactor(b, bReview.id)
    const bEvent = await makeTimelineEvent(b, bReview.id)
    const check = (res: Res, pointer: string) => {
      expectProblem(res, 400, 'validation-failed')
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer })])
    }
    const item = { title: 'Fix it', owner: 'sre', dueDate: '2027-01-01' }
    // A factor of another review of the same team, of another team, and one that never existed.
    for (const factorId of [aParts['contributing-factors'], bFactor.id, randomUUID()]) {
      check(
        await a.call('POST', `/v1/reviews/${own.id}/action-items`, { ...item, factorIds: [factorId] }),
        '/factorIds',
      )
    }
    check(
      await a.call('POST', `/v1/reviews/${own.id}/action-items`, {
        ...item,
        factorIds: [ownFactor.id, bFactor.id],
      }),
      '/factorIds',
    )
    check(
      await a.call('POST', `/v1/reviews/${own.id}/contributing-factors`, {
        category: 'process',
        description: 'x',
        timelineEventIds: [bEvent.id],
      }),
      '/timelineEventIds',
    )
    const ownItem = await makeActionItem(a, own.id, { factorIds: [ownFactor.id] })
    check(
      await a.call(
        'PATCH',
        `/v1/reviews/${own.id}/action-items/${ownItem.id}`,
        { factorIds: [bFactor.id] },
        ifMatch(1),
      ),
      '/factorIds',
    )
    check(
      await a.call(
        'PATCH',
        `/v1/reviews/${own.id}/contributing-factors/${ownFactor.id}`,
        { timelineEventIds: [aParts['timeline-events']] },
        ifMatch(1),
      ),
      '/timelineEventIds',
    )
    const stored = await getReview(a, own.id)
    expect(stored.actionItems.map((i: { factorIds: string[] }) => i.factorIds)).toEqual([[ownFactor.id]])
    expect(stored.contributingFactors.map((f: { timelineEventIds: string[] }) => f.timelineEventIds)).toEqual(
      [[]],
    )
  })
})

describe('team keys and team administration across teams', () => {
  it("a team-admin key can neither see nor manage another team's keys (404, like a missing team)", async () => {
    const a = await t.team()
    const admin = await t.team(['admin'])
    const nobody = randomUUID()
    const pairs: [string, string, string, unknown?][] = [
      ['get team', 'GET', '/v1/teams/{team}'],
      ['list keys', 'GET', '/v1/teams/{team}/api-keys'],
      ['create key', 'POST', '/v1/teams/{team}/api-keys', { name: 'intruder', scopes: ['admin'] }],
      ['revoke key', 'DELETE', `/v1/teams/{team}/api-keys/${a.keyId}`],
    ]
    for (const [label, method, path, body] of pairs) {
      const theirs = await admin.call(method as 'GET', path.replace('{team}', a.id), body)
      const nobodys = await admin.call(method as 'GET', path.replace('{team}', nobody), body)
      expectProblem(theirs, 404, 'not-found')
      expect(problemShape(theirs), label).toEqual(problemShape(nobodys))
    }
    // Naming A's key under the admin's own team is a missing key too.
    const viaOwn = await admin.call('DELETE', `/v1/teams/${admin.id}/api-keys/${a.keyId}`)
    const missing = await admin.call('DELETE', `/v1/teams/${admin.id}/api-keys/${randomUUID()}`)
    expectProblem(viaOwn, 404, 'not-found')
    expect(problemShape(viaOwn)).toEqual(problemShape(missing))

    // Team A's keys are untouched and still work; the admin's own team is manageable.
    const aKeys = await t.sql<{ n: number }>('select count(*)::int as n from api_keys where team_id = $1', [
      a.id,
    ])
    expect(aKeys[0]!.n).toBe(1)
    expect((await a.call('GET', '/v1/reviews')).status).toBe(200)
    const ownKeys = await admin.call('GET', `/v1/teams/${admin.id}/api-keys`)
    expect(ownKeys.status).toBe(200)
    expect(ownKeys.body.items.map((k: { id: string }) => k.id)).toEqual([admin.keyId])
  })

  it('the operator sees every team; a team key never lists teams', async () => {
    const a = await t.team(['admin'])
    const asOperator = await call(t.app, ADMIN_TOKEN, 'GET', `/v1/teams/${a.id}/api-keys`)
    expect(asOperator.status).toBe(200)
    expectProblem(await a.call('GET', '/v1/teams'), 403, 'forbidden')
  })
})
