import { describe, expect, it } from 'vitest'
import { PROBLEM_TYPES } from '../../src/shared/problem-types.ts'
import { ADMIN_TOKEN, call, setupApp } from '../helpers/app.ts'
import { ifMatch, makeCompleteReview, makeReview } from '../helpers/factories.ts'
import { expectProblem, pointers } from '../helpers/problems.ts'

const t = await setupApp()

describe('methods', () => {
  it('answers 405 with Allow to a method a known path does not take, and 204 + Allow to OPTIONS', async () => {
    const team = await t.team()
    const review = await makeReview(team)
    const put = await team.call('PUT', `/v1/reviews/${review.id}`, { title: 'x' })
    expectProblem(put, 405, 'method-not-allowed')
    expect(put.headers.allow).toBe('DELETE, GET, HEAD, PATCH')
    const del = await team.call('DELETE', '/v1/reviews')
    expectProblem(del, 405, 'method-not-allowed')
    expect(del.headers.allow).toBe('GET, HEAD, POST')
    const options = await team.call('OPTIONS', `/v1/reviews/${review.id}/submit`)
    expect(options.status).toBe(204)
    expect(options.headers.allow).toBe('POST')
    expectProblem(await team.call('PUT', '/v1/nothing'), 404, 'not-found')
  })
})

describe('conditional GET and caching', () => {
  it('answers 304 to If-None-Match with the current ETag, 200 with the new one after a change', async () => {
    const team = await t.team()
    const review = await makeReview(team)
    const url = `/v1/reviews/${review.id}`
    const first = await team.call('GET', url)
    expect(first.headers.etag).toBe('"v1"')
    expect(first.headers['cache-control']).toBe('private, no-cache')
    const same = await team.call('GET', url, undefined, { 'if-none-match': '"v0", "v1"' })
    expect(same.status).toBe(304)
    expect(same.text).toBe('')
    expect(same.headers.etag).toBe('"v1"')
    await team.call('PATCH', url, { title: 'Renamed' }, ifMatch(1))
    const changed = await team.call('GET', url, undefined, { 'if-none-match': '"v1"' })
    expect(changed.status).toBe(200)
    expect(changed.body.title).toBe('Renamed')
  })

  it('gives the guide, lists, publications and teams an ETag that follows their bytes', async () => {
    const team = await t.team(['admin'])
    let review = await makeCompleteReview(team)
    review = (await team.call('POST', `/v1/reviews/${review.id}/submit`, undefined, ifMatch(review.version)))
      .body
    await team.call('POST', `/v1/reviews/${review.id}/publish`, undefined, ifMatch(review.version))
    for (const url of [
      `/v1/reviews/${review.id}/guide`,
      `/v1/reviews/${review.id}/publications`,
      `/v1/reviews/${review.id}/publications/1`,
      `/v1/teams/${team.id}`,
      '/v1/reviews',
    ]) {
      const res = await team.call('GET', url)
      expect(res.status, url).toBe(200)
      expect(res.headers.etag, url).toMatch(/^"h[\w-]{22}"$/)
      expect(
        (await team.call('GET', url, undefined, { 'if-none-match': res.headers.etag as string })).status,
      ).toBe(304)
    }
    const guide = await team.call('GET', `/v1/reviews/${review.id}/guide`)
    await team.call(
      'PATCH',
      `/v1/reviews/${review.id}`,
      { answers: { intent: null } },
      ifMatch(review.version + 1),
    )
    const after = await team.call('GET', `/v1/reviews/${review.id}/guide`)
    expect(after.headers.etag).not.toBe(guide.headers.etag)
  })

  it('gives each export template its own ETag, equal across generated_at, and answers 304 to it', async () => {
    const team = await t.team()
    const review = await makeReview(team)
    const url = `/v1/reviews/${review.id}/export.md`
    const aar = await team.call('GET', url)
    const classic = await team.call('GET', `${url}?template=classic`)
    expect(aar.headers.etag).toMatch(/^W\/"h[\w-]{22}"$/)
    expect(classic.headers.etag).not.toBe(aar.headers.etag)
    const again = await team.call('GET', url, undefined, { 'if-none-match': aar.headers.etag as string })
    expect(again.status).toBe(304)
    await team.call('PATCH', `/v1/reviews/${review.id}`, { severity: 'SEV1' }, ifMatch(1))
    const changed = await team.call('GET', url, undefined, { 'if-none-match': aar.headers.etag as string })
    expect(changed.status).toBe(200)
    expect(changed.headers.etag).not.toBe(aar.headers.etag)
  })
})

describe('problem types', () => {
  it('resolve to a page that explains them, as HTML or Markdown, for every catalogued type', async () => {
    const team = await t.team()
    const problem = expectProblem(await team.call('GET', `/v1/reviews/${crypto.randomUUID()}`), 404)
    const page = await call(t.app, undefined, 'GET', problem.type)
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.text).toContain('<h1>Not Found (404)</h1>')
    for (const [slug, type] of Object.entries(PROBLEM_TYPES)) {
      const md = await call(t.app, undefined, 'GET', `/problems/${slug}`, undefined, {
        accept: 'text/markdown',
      })
      expect(md.status, slug).toBe(200)
      expect(md.text).toContain(`# ${type.title} (${type.status})`)
      expect(md.text).toContain(type.explanation)
    }
    const index = await call(t.app, undefined, 'GET', '/problems', undefined, { accept: 'text/markdown' })
    expect(index.text).toContain('[publish-blocked](/problems/publish-blocked)')
    expectProblem(await call(t.app, undefined, 'GET', '/problems/no-such-type'), 404, 'not-found')
  })
})

describe('request bodies', () => {
  it('accepts an empty body sent as application/json on body-less POSTs', async () => {
    const team = await t.team()
    const review = await makeReview(team)
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/reviews/${review.id}/submit`,
      headers: { authorization: `Bearer ${team.key}`, 'content-type': 'application/json', ...ifMatch(1) },
      payload: '',
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().status).toBe('in_review')
  })

  it('names __proto__ and constructor.prototype as forbidden fields, at any depth, and stores nothing', async () => {
    const team = await t.team()
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/reviews',
      headers: { authorization: `Bearer ${team.key}`, 'content-type': 'application/json' },
      payload:
        '{"title":"x","__proto__":{"admin":true},"participants":[{"name":"a","constructor":{"prototype":{}}}]}',
    })
    const body = expectProblem(
      { status: res.statusCode, body: res.json(), headers: res.headers, text: res.body },
      400,
      'validation-failed',
    )
    expect(body.detail).not.toMatch(/not valid JSON/)
    expect(pointers({ status: 400, body, headers: {}, text: '' })).toEqual([
      '/__proto__',
      '/participants/0/constructor/prototype',
    ])
    expect(({} as Record<string, unknown>).admin).toBeUndefined()
    const stored = await t.sql('select 1 from reviews where team_id = $1', [team.id])
    expect(stored).toEqual([])
  })
})

describe('lists', () => {
  it('filters reviews by a comma-separated status list, like action items', async () => {
    const team = await t.team()
    const draft = await makeReview(team)
    const inReview = await makeReview(team)
    await team.call('POST', `/v1/reviews/${inReview.id}/submit`, undefined, ifMatch(1))
    const both = await team.call('GET', '/v1/reviews?status=draft,in_review')
    expect(both.status, both.text).toBe(200)
    expect(both.body.items.map((r: { id: string }) => r.id).sort()).toEqual([draft.id, inReview.id].sort())
    const one = await team.call('GET', '/v1/reviews?status=in_review')
    expect(one.body.items.map((r: { id: string }) => r.id)).toEqual([inReview.id])
  })

  it('pages through teams instead of stopping silently', async () => {
    for (let i = 0; i < 5; i++) await t.team()
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page = await call(
        t.app,
        ADMIN_TOKEN,
        'GET',
        `/v1/teams?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      )
      expect(page.status, page.text).toBe(200)
      expect(page.body.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.body.items.map((x: { id: string }) => x.id))
      cursor = page.body.nextCursor
    } while (cursor)
    const all = await t.sql<{ id: string }>('select id from teams order by created_at desc, id desc')
    expect(seen).toEqual(all.map((r) => r.id))
  })
})

describe('un-suppressing a finding', () => {
  it('lifts the suppression, records it in the revisions and blocks publishing again', async () => {
    const team = await t.team()
    const complete = await makeCompleteReview(team)
    let review = (
      await team.call(
        'PATCH',
        `/v1/reviews/${complete.id}`,
        { answers: { causes: 'The outage was caused by human error.' } },
        ifMatch(complete.version),
      )
    ).body
    const errors = review.findings.filter((f: { severity: string }) => f.severity === 'error')
    for (const f of errors) {
      review = (
        await team.call('POST', `/v1/reviews/${review.id}/findings/${f.id}/suppress`, {
          justification: 'Quoted from the customer.',
        })
      ).body
    }
    const finding = errors[0]
    const base = `/v1/reviews/${review.id}/findings/${finding.id}`
    expect((await team.call('GET', `/v1/reviews/${review.id}/guide`)).body.blockingFindings).toEqual([])

    const lifted = await team.call('DELETE', `${base}/suppression`)
    expect(lifted.status, lifted.text).toBe(200)
    expect(lifted.headers.etag).toBe(`"v${review.version + 1}"`)
    expect(lifted.body.findings.find((f: { id: string }) => f.id === finding.id).suppression).toBeNull()
    const guide = (await team.call('GET', `/v1/reviews/${review.id}/guide`)).body
    expect(guide.blockingFindings.map((f: { id: string }) => f.id)).toContain(finding.id)
    const revisions = (await team.call('GET', `/v1/reviews/${review.id}/revisions?limit=200`)).body.items
    expect(revisions.at(-1)).toMatchObject({ action: 'finding.unsuppressed' })
    expectProblem(await team.call('DELETE', `${base}/suppression`), 404, 'not-found')
  })
})

describe('key times', () => {
  it('refuses times out of order on create and PATCH with a pointer to the offending field', async () => {
    const team = await t.team()
    const bad = await team.call('POST', '/v1/reviews', {
      title: 'Out of order',
      startedAt: '2026-11-20T10:00:00Z',
      detectedAt: '2026-11-20T09:09:00Z',
    })
    expectProblem(bad, 400, 'validation-failed')
    expect(pointers(bad)).toEqual(['/detectedAt'])
    const review = await makeReview(team, {
      startedAt: '2026-11-20T10:00:00Z',
      detectedAt: '2026-11-20T10:05:00Z',
      resolvedAt: '2026-11-20T11:00:00Z',
    })
    // A PATCH is checked against the stored times: the field it sent is the one named.
    const early = await team.call(
      'PATCH',
      `/v1/reviews/${review.id}`,
      { startedAt: '2026-11-20T10:06:00Z' },
      ifMatch(1),
    )
    expectProblem(early, 400, 'validation-failed')
    expect(pointers(early)).toEqual(['/startedAt'])
    const late = await team.call(
      'PATCH',
      `/v1/reviews/${review.id}`,
      { mitigatedAt: '2026-11-20T12:00:00Z' },
      ifMatch(1),
    )
    expect(pointers(late)).toEqual(['/mitigatedAt'])
    const same = await team.call(
      'PATCH',
      `/v1/reviews/${review.id}`,
      { mitigatedAt: '2026-11-20T10:05:00Z' },
      ifMatch(1),
    )
    expect(same.status, same.text).toBe(200)
    const stored = await t.sql('select version from reviews where id = $1', [review.id])
    expect(stored).toEqual([{ version: 2 }])
  })
})
