import { describe, expect, it } from 'vitest'
import { setupApp } from '../helpers/app.ts'
import { fullAnswers, ifMatch, makeReview } from '../helpers/factories.ts'

const t = await setupApp()

describe('the AAR flow, end to end', () => {
  it('takes a review from creation through the four questions to a publication', async () => {
    const team = await t.team()
    const created = await team.call('POST', '/v1/reviews', {
      title: 'Checkout outage',
      severity: 'SEV1',
      incident: {
        source: 'pagerduty',
        externalId: 'Q1W2E3',
        url: 'https://example.pagerduty.com/incidents/Q1W2E3',
      },
      participants: [{ name: 'Alice Ng', handle: '@alice', role: 'incident commander' }],
      answers: { intent: fullAnswers.intent },
    })
    expect(created.status).toBe(201)
    expect(created.headers.etag).toBe('"v1"')
    expect(created.headers.location).toBe(`/v1/reviews/${created.body.id}`)
    expect(created.body).toMatchObject({
      status: 'draft',
      version: 1,
      answers: { intent: fullAnswers.intent },
    })
    const id = created.body.id

    let guide = (await team.call('GET', `/v1/reviews/${id}/guide`)).body
    expect(guide.questions.map((q: { key: string; status: string }) => [q.key, q.status])).toEqual([
      ['intent', 'answered'],
      ['actual', 'empty'],
      ['causes', 'empty'],
      ['nextTime', 'empty'],
    ])
    expect(guide.next.action).toBe('add_timeline_event')
    expect(guide.readyToPublish).toBe(false)

    const patched = await team.call(
      'PATCH',
      `/v1/reviews/${id}`,
      { answers: { actual: fullAnswers.actual, causes: fullAnswers.causes } },
      ifMatch(1),
    )
    expect(patched.status).toBe(200)
    expect(patched.body.answers).toEqual({ ...fullAnswers, nextTime: null })

    const event = await team.call('POST', `/v1/reviews/${id}/timeline-events`, {
      occurredAt: '2026-11-20T10:02:00Z',
      description: 'Error-rate alert fired',
      kind: 'detection',
    })
    expect(event.status).toBe(201)
    const factor = await team.call('POST', `/v1/reviews/${id}/contributing-factors`, {
      category: 'change',
      description: 'The canary baseline was stale',
      timelineEventIds: [event.body.id],
    })
    expect(factor.body.timelineEventIds).toEqual([event.body.id])
    guide = (await team.call('GET', `/v1/reviews/${id}/guide`)).body
    expect(guide.next).toMatchObject({ action: 'answer_question', question: 'nextTime' })

    const current = (await team.call('GET', `/v1/reviews/${id}`)).body
    await team.call(
      'PATCH',
      `/v1/reviews/${id}`,
      { answers: { nextTime: fullAnswers.nextTime } },
      ifMatch(current.version),
    )
    const item = await team.call('POST', `/v1/reviews/${id}/action-items`, {
      title: 'Refresh canary baselines automatically',
      owner: 'release engineering',
      dueDate: '2026-12-15',
      priority: 'high',
      type: 'prevent',
      factorIds: [factor.body.id],
    })
    expect(item.status).toBe(201)
    expect(item.body).toMatchObject({ status: 'open', priority: 'high', factorIds: [factor.body.id] })

    guide = (await team.call('GET', `/v1/reviews/${id}/guide`)).body
    expect(guide.blockers).toEqual([])
    expect(guide.next.action).toBe('submit')

    let review = (await team.call('GET', `/v1/reviews/${id}`)).body
    const submitted = await team.call('POST', `/v1/reviews/${id}/submit`, undefined, ifMatch(review.version))
    expect(submitted.body.status).toBe('in_review')
    const published = await team.call(
      'POST',
      `/v1/reviews/${id}/publish`,
      undefined,
      ifMatch(submitted.body.version),
    )
    expect(published.status).toBe(200)
    expect(published.body.status).toBe('published')
    expect(published.body.publishedAt).toEqual(expect.any(String))

    const pubs = (await team.call('GET', `/v1/reviews/${id}/publications`)).body.items
    expect(pubs).toHaveLength(1)
    const snapshot = (await team.call('GET', `/v1/reviews/${id}/publications/1`)).body.snapshot
    expect(snapshot).toMatchObject({ id, status: 'published', answers: { ...fullAnswers } })
    expect(snapshot.actionItems).toHaveLength(1)

    // Editing a published review is a normal PATCH: it goes back to draft, the publication stays.
    review = (
      await team.call(
        'PATCH',
        `/v1/reviews/${id}`,
        { title: 'Checkout outage (revised)' },
        ifMatch(published.body.version),
      )
    ).body
    expect(review.status).toBe('draft')
    const first = (await team.call('GET', `/v1/reviews/${id}/publications/1`)).body
    expect(first.snapshot.title).toBe('Checkout outage')
    review = (await team.call('POST', `/v1/reviews/${id}/submit`, undefined, ifMatch(review.version))).body
    review = (await team.call('POST', `/v1/reviews/${id}/publish`, undefined, ifMatch(review.version))).body
    const all = (await team.call('GET', `/v1/reviews/${id}/publications`)).body.items
    expect(all.map((p: { number: number }) => p.number)).toEqual([1, 2])
    expect((await team.call('GET', `/v1/reviews/${id}/publications/2`)).body.snapshot.title).toBe(
      'Checkout outage (revised)',
    )

    const overdue = await t.app.inject({
      method: 'GET',
      url: '/v1/action-items?overdue=true',
      headers: { authorization: `Bearer ${team.key}` },
    })
    expect(overdue.statusCode).toBe(200)
  })

  it('lists overdue action items across reviews, soonest first, with the review they belong to', async () => {
    const team = await t.team()
    const a = await makeReview(team, { title: 'A' })
    const b = await makeReview(team, { title: 'B' })
    const add = (reviewId: string, title: string, dueDate: string, status?: string) =>
      team.call('POST', `/v1/reviews/${reviewId}/action-items`, {
        title,
        owner: 'sre',
        dueDate,
        ...(status ? { status } : {}),
      })
    await add(a.id, 'late', '2020-01-02')
    await add(b.id, 'later', '2020-01-01')
    await add(b.id, 'done late', '2020-01-01', 'done')
    await add(a.id, 'future', '2999-01-01')
    const res = await team.call('GET', '/v1/action-items?overdue=true')
    expect(res.body.items.map((i: { title: string }) => i.title)).toEqual(['later', 'late'])
    expect(res.body.items[0].review).toEqual({ id: b.id, title: 'B' })
    const open = await team.call('GET', '/v1/action-items?status=open,in_progress&owner=sre')
    expect(open.body.items).toHaveLength(3)
  })
})
