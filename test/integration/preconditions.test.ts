import { describe, expect, it } from 'vitest'
import { setupApp } from '../helpers/app.ts'
import {
  getReview,
  ifMatch,
  makeActionItem,
  makeCompleteReview,
  makeFactor,
  makeReview,
  makeTimelineEvent,
} from '../helpers/factories.ts'
import { expectProblem } from '../helpers/problems.ts'

// 50 concurrent writers need more than the default pool to actually overlap in PostgreSQL.
const t = await setupApp({ poolSize: 30 })

const revisionCount = async (reviewId: string) =>
  (
    await t.sql<{ n: number }>('select count(*)::int as n from revisions where review_id = $1', [reviewId])
  )[0]!.n

describe('If-Match on reviews', () => {
  it('answers 428 to PATCH, DELETE, submit and publish without If-Match, and changes nothing', async () => {
    const team = await t.team()
    const review = await makeReview(team)
    const r = `/v1/reviews/${review.id}`
    for (const [method, url, body] of [
      ['PATCH', r, { title: 'unguarded' }],
      ['DELETE', r],
      ['POST', `${r}/submit`],
      ['POST', `${r}/publish`],
    ] as const) {
      expectProblem(await team.call(method, url, body), 428, 'precondition-required')
      expectProblem(await team.call(method, url, body, { 'if-match': '  ' }), 428, 'precondition-required')
    }
    expect(await getReview(team, review.id)).toMatchObject({
      version: 1,
      title: review.title,
      status: 'draft',
    })
    expect(await revisionCount(review.id)).toBe(1)
  })

  it('answers 412 with the current ETag to a stale If-Match, and changes nothing', async () => {
    const team = await t.team()
    const review = await makeReview(team)
    const r = `/v1/reviews/${review.id}`
    const first = await team.call('PATCH', r, { title: 'First edit' }, ifMatch(1))
    expect(first.status).toBe(200)
    expect(first.headers.etag).toBe('"v2"')
    for (const [method, url, body] of [
      ['PATCH', r, { title: 'Lost update' }],
      ['DELETE', r],
      ['POST', `${r}/submit`],
      ['POST', `${r}/publish`],
    ] as const) {
      const stale = await team.call(method, url, body, ifMatch(1))
      expectProblem(stale, 412, 'precondition-failed')
      expect(stale.body.currentEtag).toBe('"v2"')
    }
    expect(await getReview(team, review.id)).toMatchObject({
      version: 2,
      title: 'First edit',
      status: 'draft',
    })
    expect(await revisionCount(review.id)).toBe(2)
  })

  it('accepts the current ETag, a list containing it, or *', async () => {
    const team = await t.team()
    const review = await makeReview(team)
    const r = `/v1/reviews/${review.id}`
    const get = await team.call('GET', r)
    expect(get.headers.etag).toBe('"v1"')
    expect(
      (await team.call('PATCH', r, { title: 'a' }, { 'if-match': get.headers.etag as string })).status,
    ).toBe(200)
    expect((await team.call('PATCH', r, { title: 'b' }, { 'if-match': '"v1", "v2"' })).status).toBe(200)
    const star = await team.call('PATCH', r, { title: 'c' }, { 'if-match': '*' })
    expect(star.status).toBe(200)
    expect(star.headers.etag).toBe('"v4"')
    expectProblem(await team.call('PATCH', r, { title: 'd' }, { 'if-match': 'v4' }), 400, 'validation-failed')
  })

  it('answers 412 (RFC 9110 strong comparison) to a well-formed ETag that is not current, weak or foreign; 400 only to a malformed one', async () => {
    const team = await t.team()
    const review = await makeReview(team)
    const r = `/v1/reviews/${review.id}`
    for (const tag of ['"abc"', 'W/"v1"', '""', '"v1x"', 'W/"v1", "nope"']) {
      const res = await team.call('PATCH', r, { title: 'never' }, { 'if-match': tag })
      expectProblem(res, 412, 'precondition-failed')
      expect(res.body.currentEtag).toBe('"v1"')
    }
    for (const tag of ['v1', '"v1', 'W/v1', '"v1" x', '"a"b"']) {
      expectProblem(
        await team.call('PATCH', r, { title: 'never' }, { 'if-match': tag }),
        400,
        'validation-failed',
      )
    }
    expect(await getReview(team, review.id)).toMatchObject({ version: 1, title: review.title })
  })

  it('lets DELETE and submit through with the current ETag', async () => {
    const team = await t.team()
    const review = await makeReview(team)
    const submitted = await team.call('POST', `/v1/reviews/${review.id}/submit`, undefined, ifMatch(1))
    expect(submitted.status).toBe(200)
    expect(submitted.headers.etag).toBe('"v2"')
    const deleted = await team.call('DELETE', `/v1/reviews/${review.id}`, undefined, ifMatch(2))
    expect(deleted.status).toBe(204)
    expect((await team.call('GET', `/v1/reviews/${review.id}`)).status).toBe(404)
  })
})

describe('If-Match on review parts', () => {
  it("uses the part's own ETag, not the review's", async () => {
    const team = await t.team()
    const review = await makeCompleteReview(team) // the review is at version 4, each part at 1
    expect(review.version).toBe(4)
    const cases = [
      ['timeline-events', review.timelineEvents[0].id, { description: 'Alert fired at 10:00' }],
      ['contributing-factors', review.contributingFactors[0].id, { description: 'No config validation' }],
      ['action-items', review.actionItems[0].id, { status: 'in_progress' }],
    ] as const
    for (const [kind, id, body] of cases) {
      const url = `/v1/reviews/${review.id}/${kind}/${id}`
      const got = await team.call('GET', url)
      expect(got.headers.etag).toBe('"v1"')
      expectProblem(await team.call('PATCH', url, body), 428, 'precondition-required')
      expectProblem(await team.call('DELETE', url), 428, 'precondition-required')
      const wrong = await team.call('PATCH', url, body, ifMatch(review.version))
      expectProblem(wrong, 412, 'precondition-failed')
      expect(wrong.body.currentEtag).toBe('"v1"')
      const ok = await team.call('PATCH', url, body, ifMatch(1))
      expect(ok.status).toBe(200)
      expect(ok.headers.etag).toBe('"v2"')
      expect(ok.body).toMatchObject({ ...body, version: 2 })
      const staleDelete = await team.call('DELETE', url, undefined, ifMatch(1))
      expectProblem(staleDelete, 412, 'precondition-failed')
      expect(staleDelete.body.currentEtag).toBe('"v2"')
    }
    const after = await getReview(team, review.id)
    expect(after.version).toBe(review.version + 3)
    expect(after.timelineEvents).toHaveLength(1)
    expect(after.contributingFactors).toHaveLength(1)
    expect(after.actionItems).toHaveLength(1)
  })

  it('returns the ETag of a created part and accepts it for the next write', async () => {
    const team = await t.team()
    const review = await makeReview(team)
    const created = await team.call('POST', `/v1/reviews/${review.id}/timeline-events`, {
      occurredAt: '2026-11-20T10:00:00Z',
      description: 'Paged',
    })
    expect(created.headers.etag).toBe('"v1"')
    const del = await team.call(
      'DELETE',
      `/v1/reviews/${review.id}/timeline-events/${created.body.id}`,
      undefined,
      { 'if-match': created.headers.etag as string },
    )
    expect(del.status).toBe(204)
  })
})

describe('concurrent edits', () => {
  it('lets exactly one of 50 PATCHes with the same ETag win; the others get 412 and nothing is lost', async () => {
    const team = await t.team()
    const review = await makeReview(team, { answers: { intent: 'Ship it' } })
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        team.call(
          'PATCH',
          `/v1/reviews/${review.id}`,
          { title: `Edit ${i}`, severity: `SEV${i}` },
          ifMatch(1),
        ),
      ),
    )
    const winners = results.filter((r) => r.status === 200)
    const losers = results.filter((r) => r.status === 412)
    expect(winners).toHaveLength(1)
    expect(losers).toHaveLength(49)
    for (const loser of losers) expect(loser.body.currentEtag).toBe('"v2"')
    const winner = winners[0]!.body
    const stored = await getReview(team, review.id)
    expect(stored).toMatchObject({ version: 2, title: winner.title, severity: winner.severity })
    expect(stored.severity).toBe(`SEV${winner.title.slice('Edit '.length)}`)
    expect(stored.answers.intent).toBe('Ship it')
    const revisions = (await team.call('GET', `/v1/reviews/${review.id}/revisions`)).body.items
    expect(revisions.map((r: { action: string }) => r.action)).toEqual(['review.created', 'review.updated'])
    expect(revisions[1].reviewVersion).toBe(2)
    expect(revisions[1].changes).toEqual(
      expect.arrayContaining([{ path: 'title', from: review.title, to: winner.title }]),
    )
  })

  it('serialises concurrent part creation with review edits: every accepted write gets its own version', async () => {
    const team = await t.team()
    const review = await makeReview(team)
    const results = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) =>
        makeTimelineEvent(team, review.id, { occurredAt: `2026-11-20T10:${String(i).padStart(2, '0')}:00Z` }),
      ),
      ...Array.from({ length: 5 }, () => makeFactor(team, review.id)),
      ...Array.from({ length: 5 }, () => makeActionItem(team, review.id)),
    ])
    expect(results).toHaveLength(20)
    const stored = await getReview(team, review.id)
    expect(stored.version).toBe(21)
    expect(stored.timelineEvents).toHaveLength(10)
    const versions = await t.sql<{ review_version: number }>(
      'select review_version from revisions where review_id = $1 order by id',
      [review.id],
    )
    expect(versions.map((v) => v.review_version)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1))
  })
})
