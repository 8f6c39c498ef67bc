import { describe, expect, it } from 'vitest'
import { setupApp, type TestTeam } from '../helpers/app.ts'
import {
  fullAnswers,
  getReview,
  ifMatch,
  makeActionItem,
  makeCompleteReview,
  makeFactor,
  makeReview,
  makeTimelineEvent,
} from '../helpers/factories.ts'
import { expectProblem } from '../helpers/problems.ts'

const t = await setupApp()

type Piece =
  | 'answer_intent'
  | 'answer_actual'
  | 'answer_causes'
  | 'answer_nextTime'
  | 'timeline_event'
  | 'contributing_factor'
  | 'action_item'
const PIECES: Piece[] = [
  'answer_intent',
  'answer_actual',
  'answer_causes',
  'answer_nextTime',
  'timeline_event',
  'contributing_factor',
  'action_item',
]

/** A review in review with everything the checklist asks for except `missing`. */
async function reviewWithout(team: TestTeam, missing: Piece[]) {
  const answers = Object.fromEntries(
    Object.entries(fullAnswers).filter(([key]) => !missing.includes(`answer_${key}` as Piece)),
  )
  const review = await makeReview(team, { answers })
  if (!missing.includes('timeline_event')) await makeTimelineEvent(team, review.id)
  if (!missing.includes('contributing_factor')) await makeFactor(team, review.id)
  if (!missing.includes('action_item')) await makeActionItem(team, review.id)
  const current = await getReview(team, review.id)
  const submitted = await team.call(
    'POST',
    `/v1/reviews/${review.id}/submit`,
    undefined,
    ifMatch(current.version),
  )
  expect(submitted.status).toBe(200)
  return submitted.body
}

async function publish(team: TestTeam, review: { id: string; version: number }) {
  return team.call('POST', `/v1/reviews/${review.id}/publish`, undefined, ifMatch(review.version))
}

const publications = async (team: TestTeam, id: string) =>
  (await team.call('GET', `/v1/reviews/${id}/publications`)).body.items

async function published(team: TestTeam) {
  const review = await makeCompleteReview(team)
  const submitted = await team.call(
    'POST',
    `/v1/reviews/${review.id}/submit`,
    undefined,
    ifMatch(review.version),
  )
  const res = await publish(team, submitted.body)
  expect(res.status).toBe(200)
  return res.body
}

describe('the publish gate', () => {
  it('refuses to publish a draft with 409, even a complete one', async () => {
    const team = await t.team()
    const review = await makeCompleteReview(team)
    const res = await publish(team, review)
    expectProblem(res, 409, 'invalid-transition')
    expect(await getReview(team, review.id)).toMatchObject({ status: 'draft', version: review.version })
    expect(await publications(team, review.id)).toEqual([])
  })

  it.each(PIECES)('refuses with 422 naming exactly the missing item: %s', async (missing) => {
    const team = await t.team()
    const review = await reviewWithout(team, [missing])
    const res = await publish(team, review)
    expectProblem(res, 422, 'publish-blocked')
    expect(res.body.blockers.map((b: { id: string }) => b.id)).toEqual([missing])
    expect(res.body.blockers[0]).toMatchObject({ done: false, label: expect.any(String) })
    expect(res.body.detail).toContain(res.body.blockers[0].label)
    // Nothing was published and nothing changed.
    expect(await publications(team, review.id)).toEqual([])
    expect(await getReview(team, review.id)).toMatchObject({
      status: 'in_review',
      version: review.version,
      publishedAt: null,
    })
    const guide = (await team.call('GET', `/v1/reviews/${review.id}/guide`)).body
    expect(guide.blockers).toEqual(res.body.blockers)
    expect(guide.readyToPublish).toBe(false)
  })

  it('lists every missing item at once for an empty review', async () => {
    const team = await t.team()
    const review = await reviewWithout(team, PIECES)
    const res = await publish(team, review)
    expectProblem(res, 422, 'publish-blocked')
    expect(res.body.blockers.map((b: { id: string }) => b.id)).toEqual(PIECES)
    expect((await getReview(team, review.id)).version).toBe(review.version)
  })

  it('publishes once the missing items are added', async () => {
    const team = await t.team()
    let review = await reviewWithout(team, ['answer_causes', 'contributing_factor'])
    expectProblem(await publish(team, review), 422, 'publish-blocked')
    review = (
      await team.call(
        'PATCH',
        `/v1/reviews/${review.id}`,
        { answers: { causes: fullAnswers.causes } },
        ifMatch(review.version),
      )
    ).body
    expect(review.status).toBe('in_review')
    const stillBlocked = await publish(team, review)
    expect(stillBlocked.body.blockers.map((b: { id: string }) => b.id)).toEqual(['contributing_factor'])
    await makeFactor(team, review.id)
    review = await getReview(team, review.id)
    expect(review.status).toBe('in_review')
    const res = await publish(team, review)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      status: 'published',
      version: review.version + 1,
      publishedAt: expect.any(String),
    })
    const pubs = await publications(team, review.id)
    expect(pubs).toEqual([expect.objectContaining({ number: 1, reviewVersion: review.version + 1 })])
    expectProblem(await publish(team, res.body), 409, 'invalid-transition')
    expect(await publications(team, review.id)).toHaveLength(1)
  })

  it('refuses to submit anything but a draft', async () => {
    const team = await t.team()
    const review = await reviewWithout(team, [])
    expectProblem(
      await team.call('POST', `/v1/reviews/${review.id}/submit`, undefined, ifMatch(review.version)),
      409,
      'invalid-transition',
    )
    const pub = (await publish(team, review)).body
    expectProblem(
      await team.call('POST', `/v1/reviews/${review.id}/submit`, undefined, ifMatch(pub.version)),
      409,
      'invalid-transition',
    )
  })
})

describe('editing a published review', () => {
  it('moves it back to draft on any part write, keeping its publications', async () => {
    const team = await t.team()
    let review = await published(team)
    const republish = async () => {
      const current = await getReview(team, review.id)
      const submitted = await team.call(
        'POST',
        `/v1/reviews/${review.id}/submit`,
        undefined,
        ifMatch(current.version),
      )
      const res = await publish(team, submitted.body)
      expect(res.status).toBe(200)
      review = res.body
    }
    const writes: [string, () => Promise<unknown>][] = [
      ['create event', () => makeTimelineEvent(team, review.id, { description: 'Rollback finished' })],
      [
        'update factor',
        () =>
          team.call(
            'PATCH',
            `/v1/reviews/${review.id}/contributing-factors/${review.contributingFactors[0].id}`,
            { category: 'change' },
            ifMatch(1),
          ),
      ],
      [
        // Follow-up (status, owner, due date, tracker) keeps it published: action-item-followup.test.ts
        'reword action item',
        () =>
          team.call(
            'PATCH',
            `/v1/reviews/${review.id}/action-items/${review.actionItems[0].id}`,
            { title: 'Validate every config in CI' },
            ifMatch(1),
          ),
      ],
      [
        'delete event',
        () =>
          team.call(
            'DELETE',
            `/v1/reviews/${review.id}/timeline-events/${review.timelineEvents[1].id}`,
            undefined,
            ifMatch(1),
          ),
      ],
      ['create action item', () => makeActionItem(team, review.id, { title: 'Second follow-up' })],
    ]
    for (const [label, write] of writes) {
      const before = review.version
      await write()
      const after = await getReview(team, review.id)
      expect(after.status, label).toBe('draft')
      expect(after.version, label).toBe(before + 1)
      await republish()
    }
    const pubs = await publications(team, review.id)
    expect(pubs.map((p: { number: number }) => p.number)).toEqual([1, 2, 3, 4, 5, 6])
    const first = (await team.call('GET', `/v1/reviews/${review.id}/publications/1`)).body.snapshot
    expect(first.timelineEvents).toHaveLength(1)
    expect(first.actionItems).toHaveLength(1)
    expect(first.actionItems[0].status).toBe('open')
  })
})

describe('deleting reviews', () => {
  it('refuses to delete a published review (409), also after it was edited back to draft', async () => {
    const team = await t.team()
    const review = await published(team)
    const res = await team.call('DELETE', `/v1/reviews/${review.id}`, undefined, ifMatch(review.version))
    expectProblem(res, 409, 'review-published')
    expect(await getReview(team, review.id)).toMatchObject({ status: 'published', version: review.version })
    const edited = await team.call(
      'PATCH',
      `/v1/reviews/${review.id}`,
      { title: 'Revised' },
      ifMatch(review.version),
    )
    expect(edited.body.status).toBe('draft')
    expectProblem(
      await team.call('DELETE', `/v1/reviews/${review.id}`, undefined, ifMatch(edited.body.version)),
      409,
      'review-published',
    )
    expect(await publications(team, review.id)).toHaveLength(1)
  })

  it('deletes a never-published draft with its parts (204, then 404)', async () => {
    const team = await t.team()
    const review = await makeCompleteReview(team)
    const res = await team.call('DELETE', `/v1/reviews/${review.id}`, undefined, ifMatch(review.version))
    expect(res.status).toBe(204)
    expect(res.text).toBe('')
    expectProblem(await team.call('GET', `/v1/reviews/${review.id}`), 404, 'not-found')
    expectProblem(await team.call('GET', `/v1/reviews/${review.id}/timeline-events`), 404, 'not-found')
    expectProblem(
      await team.call('DELETE', `/v1/reviews/${review.id}`, undefined, ifMatch(review.version)),
      404,
      'not-found',
    )
    expect((await team.call('GET', '/v1/reviews')).body.items).toEqual([])
    expect((await team.call('GET', '/v1/action-items')).body.items).toEqual([])
    for (const table of ['timeline_events', 'contributing_factors', 'action_items']) {
      const rows = await t.sql(`select 1 from ${table} where review_id = $1`, [review.id])
      expect(rows, table).toEqual([])
    }
  })
})
