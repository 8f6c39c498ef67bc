import { describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, type Res, setupApp, type TestTeam } from '../helpers/app.ts'
import { getReview, ifMatch, makeActionItem, makeReview } from '../helpers/factories.ts'
import { expectProblem, pointers } from '../helpers/problems.ts'

const t = await setupApp()

/** Sends a raw payload with the given content type, for what `team.call` (always JSON) cannot send. */
async function rawCall(
  team: TestTeam,
  method: 'POST' | 'PATCH',
  url: string,
  payload: string,
  type?: string,
) {
  const res = await t.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${team.key}`,
      ...(type ? { 'content-type': type } : {}),
      ...ifMatch(1),
    },
    payload,
  })
  return { status: res.statusCode, body: res.json(), headers: res.headers, text: res.body } as Res
}

const countReviews = async (team: TestTeam) =>
  (await t.sql<{ n: number }>('select count(*)::int as n from reviews where team_id = $1', [team.id]))[0]!.n

describe('request bodies', () => {
  it('refuses server-owned and unknown fields with a pointer for each, at any depth', async () => {
    const team = await t.team()
    const res = await team.call('POST', '/v1/reviews', {
      title: 'Outage',
      id: '00000000-0000-4000-8000-000000000000',
      teamId: team.id,
      version: 7,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      status: 'published',
      bogus: true,
      answers: { intent: 'x', bogus: 'y' },
      incident: { source: 'pagerduty', externalId: 'P1', extra: 1 },
      participants: [{ name: 'Alice' }, { name: 'Bob', x: 1 }],
    })
    expectProblem(res, 400, 'validation-failed')
    expect(pointers(res)).toEqual(
      [
        '/answers/bogus',
        '/bogus',
        '/createdAt',
        '/id',
        '/incident/extra',
        '/participants/1/x',
        '/status',
        '/teamId',
        '/updatedAt',
        '/version',
      ].sort(),
    )
    for (const e of res.body.errors) expect(e).toMatchObject({ in: 'body', detail: expect.any(String) })
    expect(await countReviews(team)).toBe(0)
  })

  it('refuses server-owned fields on PATCH of reviews and parts, changing nothing', async () => {
    const team = await t.team()
    const review = await makeReview(team)
    const patch = await team.call(
      'PATCH',
      `/v1/reviews/${review.id}`,
      { title: 'ok', status: 'published', version: 9, participants: [{ name: 'A', id: 1 }] },
      ifMatch(1),
    )
    expectProblem(patch, 400, 'validation-failed')
    expect(pointers(patch)).toEqual(['/participants/0/id', '/status', '/version'])
    const item = await makeActionItem(team, review.id)
    const itemPatch = await team.call(
      'PATCH',
      `/v1/reviews/${review.id}/action-items/${item.id}`,
      { completedAt: '2026-01-01T00:00:00Z', reviewId: review.id, id: item.id },
      ifMatch(1),
    )
    expectProblem(itemPatch, 400, 'validation-failed')
    expect(pointers(itemPatch)).toEqual(['/completedAt', '/id', '/reviewId'])
    expect(await getReview(team, review.id)).toMatchObject({
      title: review.title,
      version: 2,
      status: 'draft',
    })
  })

  it('refuses wrong types, bad dates, bad URLs and bad enums with a pointer to each', async () => {
    const team = await t.team()
    const review = await makeReview(team)
    const cases: [string, unknown, string[]][] = [
      ['/v1/reviews', { title: 42 }, ['/title']],
      ['/v1/reviews', { title: '   ' }, ['/title']],
      ['/v1/reviews', {}, ['/title']],
      ['/v1/reviews', { title: 'x', participants: 'Alice' }, ['/participants']],
      ['/v1/reviews', { title: 'x', participants: [{ handle: '@a' }] }, ['/participants/0/name']],
      [
        '/v1/reviews',
        { title: 'x', startedAt: 'yesterday', resolvedAt: '2026-11-20' },
        ['/resolvedAt', '/startedAt'],
      ],
      ['/v1/reviews', { title: 'x', detectedAt: '2026-02-30T10:00:00Z' }, ['/detectedAt']],
      ['/v1/reviews', { title: 'x', startedAt: '0000-01-01T00:00:00Z' }, ['/startedAt']],
      ['/v1/reviews', { title: 'x', mitigatedAt: '9999-12-31T23:00:00-14:00' }, ['/mitigatedAt']],
      [
        '/v1/reviews',
        { title: 'x', incident: { source: 'pd', externalId: 'e', url: 'javascript:alert(1)' } },
        ['/incident/url'],
      ],
      ['/v1/reviews', { title: 'x', answers: { intent: 5 } }, ['/answers/intent']],
      [`/v1/reviews/${review.id}/timeline-events`, { occurredAt: 'soon', description: 'x' }, ['/occurredAt']],
      [
        `/v1/reviews/${review.id}/timeline-events`,
        { occurredAt: '2026-11-20T10:00:00Z', description: 'x', kind: 'blame' },
        ['/kind'],
      ],
      [
        `/v1/reviews/${review.id}/contributing-factors`,
        { category: 'human error', description: 'x' },
        ['/category'],
      ],
      [
        `/v1/reviews/${review.id}/contributing-factors`,
        { category: 'process', description: 'x', timelineEventIds: ['nope'] },
        ['/timelineEventIds/0'],
      ],
      [
        `/v1/reviews/${review.id}/action-items`,
        { title: 't', owner: 'o', dueDate: '31/12/2026' },
        ['/dueDate'],
      ],
      [
        `/v1/reviews/${review.id}/action-items`,
        { title: 't', owner: 'o', dueDate: '0000-01-01' },
        ['/dueDate'],
      ],
      [
        `/v1/reviews/${review.id}/action-items`,
        { title: 't', owner: 'o', dueDate: '2027-01-01', status: 'closed', priority: 1 },
        ['/priority', '/status'],
      ],
    ]
    for (const [url, body, expected] of cases) {
      const res = await team.call('POST', url, body)
      expectProblem(res, 400, 'validation-failed')
      expect(pointers(res), JSON.stringify(body)).toEqual(expected)
    }
    expect(await countReviews(team)).toBe(1)
    expect((await getReview(team, review.id)).version).toBe(1)
  })

  it('refuses text PostgreSQL cannot store as sent (NUL, unpaired surrogates) with 400, not 500', async () => {
    const team = await t.team(['write', 'admin'])
    const res = await team.call('POST', '/v1/reviews', {
      title: 'a\u0000b',
      answers: { intent: 'fine', actual: 'bad \ud800' },
      participants: [{ name: 'x\udc00' }],
    })
    expectProblem(res, 400, 'validation-failed')
    expect(pointers(res)).toEqual(['/answers/actual', '/participants/0/name', '/title'])
    expectProblem(await team.call('GET', '/v1/reviews?q=a%00b'), 400, 'validation-failed')
    expect(await countReviews(team)).toBe(0)
    // Paired surrogates (emoji) are ordinary text and are stored unchanged.
    const ok = await team.call('POST', '/v1/reviews', {
      title: 'Pager storm 🔥',
      participants: [{ name: 'Zoë 👩‍💻' }],
    })
    expect(ok.status).toBe(201)
    expect((await getReview(team, ok.body.id)).participants).toEqual([{ name: 'Zoë 👩‍💻' }])
  })

  it('refuses JSON nested deeper than 64 levels on every JSON route with 400 and a pointer, not 500', async () => {
    const team = await t.team(['write', 'admin'])
    const review = await makeReview(team)
    // 100,000 levels: far past where a recursive walk overflows the stack.
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    const object = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`
    for (const [method, url] of [
      ['POST', '/v1/reviews'],
      ['PATCH', `/v1/reviews/${review.id}`],
      ['POST', '/v1/integrations'],
      ['POST', '/v1/webhook-endpoints'],
    ] as const) {
      for (const body of [`{"title":${deep}}`, object]) {
        const res = await rawCall(team, method, url, body, 'application/json')
        expectProblem(res, 400, 'validation-failed')
        expect(res.body.errors[0].detail).toMatch(/nested deeper than 64 levels/)
        expect(res.body.errors[0].pointer).toMatch(/^(\/title)?(\/(0|a))+$/)
      }
    }
    expect(await countReviews(team)).toBe(1)
    expect((await getReview(team, review.id)).version).toBe(1)
  })

  it('refuses an integration whose config.baseUrl is not a URL with 400 and the pointer', async () => {
    const team = await t.team(['admin'])
    for (const baseUrl of ['x', '', 'http//nope', 7]) {
      const res = await team.call('POST', '/v1/integrations', {
        kind: 'confluence-cloud',
        name: 'wiki',
        config: { baseUrl, spaceId: '1' },
        credentials: { email: 'a@example.com', apiToken: 'secret-token' },
      })
      expectProblem(res, 400, 'validation-failed')
      expect(pointers(res)).toContain('/config/baseUrl')
    }
    expect(await t.sql('select 1 from integrations where team_id = $1', [team.id])).toEqual([])
  })

  it('answers 400 problem+json to a body that is not JSON, or not an object', async () => {
    const team = await t.team()
    expectProblem(await rawCall(team, 'POST', '/v1/reviews', '{"title": ', 'application/json'), 400)
    expectProblem(await rawCall(team, 'POST', '/v1/reviews', '', 'application/json'), 400)
    for (const body of [null, [], 'title', 7]) {
      const res = await rawCall(team, 'POST', '/v1/reviews', JSON.stringify(body), 'application/json')
      expectProblem(res, 400, 'validation-failed')
      expect(pointers(res)).toEqual([''])
    }
    expect(await countReviews(team)).toBe(0)
  })

  it('answers 413 problem+json to a body over the limit', async () => {
    const team = await t.team()
    const res = await team.call('POST', '/v1/reviews', {
      title: 'big',
      answers: { actual: 'x'.repeat(1024 * 1024) },
    })
    expectProblem(res, 413, 'payload-too-large')
    expect(await countReviews(team)).toBe(0)
  })

  it('answers 415 problem+json to a content type it does not read', async () => {
    const team = await t.team()
    for (const type of [
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      expectProblem(
        await rawCall(team, 'POST', '/v1/reviews', 'title=x', type),
        415,
        'unsupported-media-type',
      )
    }
    expect(await countReviews(team)).toBe(0)
  })
})

describe('paths and query strings', () => {
  it('answers 400, not 500, to malformed ids in the path, naming the parameter', async () => {
    const team = await t.team()
    const review = await makeReview(team)
    const cases: [string, string, string[]][] = [
      ['GET', '/v1/reviews/123', ['/id']],
      ['PATCH', '/v1/reviews/not-a-uuid', ['/id']],
      ['DELETE', "/v1/reviews/1'%20or%201=1", ['/id']],
      ['GET', `/v1/reviews/${review.id}/timeline-events/xyz`, ['/partId']],
      ['GET', `/v1/reviews/${review.id}/publications/first`, ['/number']],
      ['GET', `/v1/reviews/${review.id}/publications/0`, ['/number']],
      ['DELETE', `/v1/teams/${team.id}/api-keys/nope`, ['/keyId']],
    ]
    for (const [method, url, expected] of cases) {
      const token = url.startsWith('/v1/teams') ? ADMIN_TOKEN : team.key
      const res = await t.app.inject({
        method: method as 'GET',
        url,
        headers: { authorization: `Bearer ${token}`, ...ifMatch(1) },
        ...(method === 'PATCH' ? { payload: { title: 'x' } } : {}),
      })
      const parsed = { status: res.statusCode, body: res.json(), headers: res.headers, text: res.body }
      expectProblem(parsed, 400, 'validation-failed')
      expect(pointers(parsed), url).toEqual(expected)
      expect(parsed.body.errors[0].in).toBe('path')
    }
  })

  it('answers 400 to bad query parameters, naming each', async () => {
    const team = await t.team()
    const cases: [string, string[]][] = [
      ['/v1/reviews?limit=0', ['/limit']],
      ['/v1/reviews?limit=201', ['/limit']],
      ['/v1/reviews?limit=ten', ['/limit']],
      ['/v1/reviews?status=closed', ['/status/0']],
      ['/v1/reviews?status=draft,closed', ['/status/1']],
      ['/v1/reviews?createdAfter=yesterday', ['/createdAfter']],
      ['/v1/reviews?createdBefore=0000-01-01T00:00:00Z', ['/createdBefore']],
      ['/v1/reviews?sort=title', ['/sort']],
      ['/v1/reviews?status=draft&status=published', ['/status']],
      ['/v1/action-items?status=open,closed', ['/status/1']],
      ['/v1/action-items?overdue=yes', ['/overdue']],
      ['/v1/action-items?dueBefore=2026-02-30', ['/dueBefore']],
      ['/v1/action-items?reviewId=42', ['/reviewId']],
      [`/v1/reviews/${crypto.randomUUID()}/revisions?limit=-1`, ['/limit']],
    ]
    for (const [url, expected] of cases) {
      const res = await team.call('GET', url)
      expectProblem(res, 400, 'validation-failed')
      expect(pointers(res), url).toEqual(expected)
      expect(res.body.errors.every((e: { in: string }) => e.in === 'query')).toBe(true)
    }
  })

  it('answers 404 problem+json to unknown routes, with or without a token', async () => {
    const team = await t.team()
    for (const res of [
      await team.call('GET', '/v1/nope'),
      await team.call('GET', '/v2/reviews'),
      await team.call('PUT', `/v1/nope/${crypto.randomUUID()}`, { title: 'x' }),
      await t.app.inject({ method: 'GET', url: '/nothing-here' }).then((r) => ({
        status: r.statusCode,
        body: r.json(),
        headers: r.headers,
        text: r.body,
      })),
    ]) {
      expectProblem(res, 404, 'not-found')
    }
  })
})

describe('every error', () => {
  it('is problem+json with a request id, echoing a sane X-Request-Id and replacing an unsafe one', async () => {
    const team = await t.team()
    const echoed = await team.call('GET', '/v1/reviews/123', undefined, { 'x-request-id': 'trace-abc.123' })
    expectProblem(echoed, 400)
    expect(echoed.body.requestId).toBe('trace-abc.123')
    const replaced = await team.call('GET', '/v1/reviews/123', undefined, {
      'x-request-id': 'evil\nheader <x>',
    })
    expectProblem(replaced, 400)
    expect(replaced.body.requestId).not.toContain('evil')
    const ids = new Set<string>()
    for (const url of ['/v1/reviews/1', '/v1/reviews/2', '/v1/nope'])
      ids.add((await team.call('GET', url)).body.requestId)
    expect(ids.size).toBe(3)
  })
})
