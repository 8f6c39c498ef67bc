import { describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, call, setupApp, type TestTeam } from '../helpers/app.ts'
import { fullAnswers, getReview, ifMatch, makeReview } from '../helpers/factories.ts'

const t = await setupApp()

type Revision = {
  id: number
  reviewVersion: number
  action: string
  actorKeyId: string | null
  changes: { path: string; from?: unknown; to?: unknown }[]
  createdAt: string
}

async function revisions(team: TestTeam, reviewId: string): Promise<Revision[]> {
  const res = await team.call('GET', `/v1/reviews/${reviewId}/revisions?limit=200`)
  expect(res.status).toBe(200)
  return res.body.items
}

/** A second key of the same team, so the recorded actor is shown to be the key that acted. */
async function secondKey(team: TestTeam): Promise<TestTeam> {
  const res = await call(t.app, ADMIN_TOKEN, 'POST', `/v1/teams/${team.id}/api-keys`, {
    name: 'bot',
    scopes: ['write'],
  })
  return {
    id: team.id,
    key: res.body.key,
    keyId: res.body.id,
    call: (method, url, body, headers) => call(t.app, res.body.key, method, url, body, headers),
  }
}

describe('revisions', () => {
  it('records every accepted change with the acting key, the version and the changed paths', async () => {
    const team = await t.team()
    const bot = await secondKey(team)
    const created = await team.call('POST', '/v1/reviews', {
      title: 'Checkout outage',
      severity: 'SEV2',
      answers: { intent: fullAnswers.intent },
    })
    const id = created.body.id
    let log = await revisions(team, id)
    expect(log).toEqual([
      expect.objectContaining({ reviewVersion: 1, action: 'review.created', actorKeyId: team.keyId }),
    ])
    expect(log[0]!.changes).toEqual(
      expect.arrayContaining([
        { path: 'title', from: null, to: 'Checkout outage' },
        { path: 'severity', from: null, to: 'SEV2' },
        { path: 'answers.intent', from: null, to: fullAnswers.intent },
      ]),
    )

    const patched = await bot.call(
      'PATCH',
      `/v1/reviews/${id}`,
      { title: 'Checkout outage (EU)', answers: { intent: null, actual: fullAnswers.actual } },
      ifMatch(1),
    )
    expect(patched.status).toBe(200)
    const event = (
      await team.call('POST', `/v1/reviews/${id}/timeline-events`, {
        occurredAt: '2026-11-20T10:00:00Z',
        description: 'Alert fired',
        kind: 'detection',
      })
    ).body
    const factor = (
      await bot.call('POST', `/v1/reviews/${id}/contributing-factors`, {
        category: 'tooling',
        description: 'No config validation',
        timelineEventIds: [event.id],
      })
    ).body
    await team.call(
      'PATCH',
      `/v1/reviews/${id}/contributing-factors/${factor.id}`,
      { category: 'change' },
      ifMatch(1),
    )
    const item = (
      await team.call('POST', `/v1/reviews/${id}/action-items`, {
        title: 'Validate config',
        owner: 'sre',
        dueDate: '2027-01-01',
      })
    ).body
    await bot.call('DELETE', `/v1/reviews/${id}/action-items/${item.id}`, undefined, ifMatch(1))
    await team.call('DELETE', `/v1/reviews/${id}/timeline-events/${event.id}`, undefined, ifMatch(1))
    const before = await getReview(team, id)
    await team.call('POST', `/v1/reviews/${id}/submit`, undefined, ifMatch(before.version))

    log = await revisions(team, id)
    expect(log.map((r) => [r.reviewVersion, r.action, r.actorKeyId])).toEqual([
      [1, 'review.created', team.keyId],
      [2, 'review.updated', bot.keyId],
      [3, 'timeline_event.created', team.keyId],
      [4, 'contributing_factor.created', bot.keyId],
      [5, 'contributing_factor.updated', team.keyId],
      [6, 'action_item.created', team.keyId],
      [7, 'action_item.deleted', bot.keyId],
      [8, 'timeline_event.deleted', team.keyId],
      [9, 'review.submitted', team.keyId],
    ])
    const at = (v: number) => log.find((r) => r.reviewVersion === v)!.changes
    expect(at(2)).toEqual([
      { path: 'title', from: 'Checkout outage', to: 'Checkout outage (EU)' },
      { path: 'answers.actual', from: null, to: fullAnswers.actual },
      { path: 'answers.intent', from: fullAnswers.intent, to: null },
    ])
    expect(at(3)).toEqual(
      expect.arrayContaining([
        { path: `timelineEvents[${event.id}].description`, from: null, to: 'Alert fired' },
        { path: `timelineEvents[${event.id}].kind`, from: null, to: 'detection' },
      ]),
    )
    expect(at(4)).toEqual(
      expect.arrayContaining([
        { path: `contributingFactors[${factor.id}].timelineEventIds`, from: null, to: [event.id] },
      ]),
    )
    expect(at(5)).toEqual([
      { path: `contributingFactors[${factor.id}].category`, from: 'tooling', to: 'change' },
    ])
    expect(at(7)).toEqual(
      expect.arrayContaining([{ path: `actionItems[${item.id}].title`, from: 'Validate config', to: null }]),
    )
    expect(at(8)).toEqual(
      expect.arrayContaining([
        { path: `timelineEvents[${event.id}].description`, from: 'Alert fired', to: null },
      ]),
    )
    expect(at(9)).toEqual([{ path: 'status', from: 'draft', to: 'in_review' }])
    // Versions and revision ids only ever go up; each revision has a time.
    expect(log.map((r) => r.id)).toEqual([...log.map((r) => r.id)].sort((a, b) => a - b))
    for (const r of log) expect(Number.isNaN(Date.parse(r.createdAt))).toBe(false)
  })

  it('records publishing, and the move back to draft when a published review is edited', async () => {
    const team = await t.team()
    const review = await makeReview(team, { answers: fullAnswers })
    await team.call('POST', `/v1/reviews/${review.id}/timeline-events`, {
      occurredAt: '2026-11-20T10:00:00Z',
      description: 'Alert fired',
    })
    const factor = await team.call('POST', `/v1/reviews/${review.id}/contributing-factors`, {
      category: 'process',
      description: 'No review of the change',
    })
    await team.call('POST', `/v1/reviews/${review.id}/action-items`, {
      title: 'Require review',
      owner: 'eng',
      dueDate: '2027-01-01',
    })
    const submitted = await team.call('POST', `/v1/reviews/${review.id}/submit`, undefined, ifMatch(4))
    const published = await team.call(
      'POST',
      `/v1/reviews/${review.id}/publish`,
      undefined,
      ifMatch(submitted.body.version),
    )
    expect(published.status).toBe(200)
    await team.call(
      'PATCH',
      `/v1/reviews/${review.id}/contributing-factors/${factor.body.id}`,
      { description: 'Change review was optional' },
      ifMatch(1),
    )
    const log = await revisions(team, review.id)
    const [publish, edit] = log.slice(-2)
    expect(publish).toMatchObject({
      action: 'review.published',
      reviewVersion: published.body.version,
      changes: [{ path: 'status', from: 'in_review', to: 'published' }],
    })
    expect(edit).toMatchObject({
      action: 'contributing_factor.updated',
      reviewVersion: published.body.version + 1,
    })
    expect(edit!.changes).toEqual([
      {
        path: `contributingFactors[${factor.body.id}].description`,
        from: 'No review of the change',
        to: 'Change review was optional',
      },
      { path: 'status', from: 'published', to: 'draft' },
    ])
  })

  it('records nothing and keeps the version for a change that changes nothing', async () => {
    const team = await t.team()
    const review = await makeReview(team, { title: 'Same', answers: { intent: 'x' } })
    const same = await team.call(
      'PATCH',
      `/v1/reviews/${review.id}`,
      { title: 'Same', answers: { intent: 'x' } },
      ifMatch(1),
    )
    expect(same.status).toBe(200)
    expect(same.headers.etag).toBe('"v1"')
    expect(same.body.version).toBe(1)
    const empty = await team.call('PATCH', `/v1/reviews/${review.id}`, {}, ifMatch(1))
    expect(empty.body.version).toBe(1)
    const event = await team.call('POST', `/v1/reviews/${review.id}/timeline-events`, {
      occurredAt: '2026-11-20T10:00:00Z',
      description: 'Alert',
    })
    const sameEvent = await team.call(
      'PATCH',
      `/v1/reviews/${review.id}/timeline-events/${event.body.id}`,
      { occurredAt: '2026-11-20T10:00:00.000Z', description: 'Alert' },
      ifMatch(1),
    )
    expect(sameEvent.status).toBe(200)
    expect(sameEvent.headers.etag).toBe('"v1"')
    expect((await getReview(team, review.id)).version).toBe(2)
    expect((await revisions(team, review.id)).map((r) => r.action)).toEqual([
      'review.created',
      'timeline_event.created',
    ])
  })

  it('pages through revisions oldest first, each exactly once', async () => {
    const team = await t.team()
    const review = await makeReview(team)
    for (let v = 1; v <= 11; v++) {
      const res = await team.call('PATCH', `/v1/reviews/${review.id}`, { title: `Title ${v}` }, ifMatch(v))
      expect(res.status).toBe(200)
    }
    const versions: number[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const q: string = cursor ? `&cursor=${cursor}` : ''
      const res = await team.call('GET', `/v1/reviews/${review.id}/revisions?limit=5${q}`)
      expect(res.body.items.length).toBeLessThanOrEqual(5)
      versions.push(...res.body.items.map((r: Revision) => r.reviewVersion))
      cursor = res.body.nextCursor
      pages++
    } while (cursor && pages < 10)
    expect(pages).toBe(3)
    expect(versions).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
  })
})
