import { describe, expect, it } from 'vitest'
import { setupApp } from '../helpers/app.ts'
import { fullAnswers, ifMatch, makeCompleteReview, makeReview } from '../helpers/factories.ts'

const t = await setupApp()
const BLAME = 'The outage was caused by human error.'

describe('POST /v1/lint', () => {
  it('returns findings whose offsets slice out the flagged words, for a read-only key', async () => {
    const team = await t.team(['read'])
    const text = 'Timeline first. The on-call engineer forgot to renew the certificate.'
    const res = await team.call('POST', '/v1/lint', { text, question: 'causes' })
    expect(res.status).toBe(200)
    expect(res.body.rulesVersion).toEqual(expect.any(String))
    expect(res.body.findings.length).toBeGreaterThan(0)
    for (const f of res.body.findings) {
      expect(text.slice(f.start, f.end).length).toBeGreaterThan(0)
      expect(f).toMatchObject({ suggestion: expect.any(String), explanation: expect.any(String) })
    }
    expect(
      res.body.findings.map((f: { start: number; end: number }) => text.slice(f.start, f.end)).join(' '),
    ).toMatch(/forgot/)
  })

  it('treats roster names as people and leaves system names alone', async () => {
    const team = await t.team(['read'])
    const sentence = (name: string) => `${name} broke the deploy pipeline on Friday.`
    const asPerson = await team.call('POST', '/v1/lint', { text: sentence('Dana'), people: ['Dana'] })
    const asSystem = await team.call('POST', '/v1/lint', { text: 'The Jenkins job failed to start.' })
    expect(asPerson.body.findings.length).toBeGreaterThan(0)
    expect(asSystem.body.findings).toEqual([])
  })

  it('refuses texts over the documented limit with 413 problem+json', async () => {
    const team = await t.team(['read'])
    const res = await team.call('POST', '/v1/lint', { text: 'a'.repeat(200_001) })
    expect(res.status).toBe(413)
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(res.body.detail).toMatch(/200000/)
  })

  it('serves the rule catalogue with examples', async () => {
    const team = await t.team(['read'])
    const res = await team.call('GET', '/v1/lint/rules')
    expect(res.body.items.length).toBeGreaterThanOrEqual(10)
    expect(res.body.items[0]).toMatchObject({
      id: expect.any(String),
      examples: { flagged: expect.any(Array) },
    })
  })
})

describe('team lint config', () => {
  it('is versioned with ETags, needs the admin scope, and changes what is flagged', async () => {
    const team = await t.team(['admin'])
    const initial = await team.call('GET', '/v1/lint/config')
    expect(initial.headers.etag).toBe('"v0"')
    expect((await team.call('PUT', '/v1/lint/config', { disabledRules: ['human-error'] })).status).toBe(428)
    expect(
      (await team.call('PUT', '/v1/lint/config', { disabledRules: ['no-such-rule'] }, ifMatch(0))).status,
    ).toBe(400)
    const before = await team.call('POST', '/v1/lint', { text: BLAME })
    expect(before.body.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('human-error')
    const put = await team.call('PUT', '/v1/lint/config', { disabledRules: ['human-error'] }, ifMatch(0))
    expect(put.status).toBe(200)
    expect(put.headers.etag).toBe('"v1"')
    const after = await team.call('POST', '/v1/lint', { text: BLAME })
    expect(after.body.findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('human-error')
    expect((await team.call('PUT', '/v1/lint/config', {}, ifMatch(0))).status).toBe(412)

    const writer = await t.team(['write'])
    expect((await writer.call('PUT', '/v1/lint/config', {}, ifMatch(0))).status).toBe(403)
  })
})

describe('findings on reviews', () => {
  it('lints every text field on write and reports findings with their field and span', async () => {
    const team = await t.team()
    const review = await makeReview(team, {
      participants: [{ name: 'Dana Reyes', handle: '@dana' }],
      answers: { causes: BLAME },
    })
    const causes = review.findings.filter((f: { field: string }) => f.field === 'answers.causes')
    expect(causes.length).toBeGreaterThan(0)
    const spans = causes.map((f: { start: number; end: number }) => BLAME.slice(f.start, f.end).toLowerCase())
    expect(spans).toContain('human error')
    expect(causes[0].id).toMatch(/^f_[0-9a-f]{16}$/)

    const event = await team.call('POST', `/v1/reviews/${review.id}/timeline-events`, {
      occurredAt: '2026-11-20T10:00:00Z',
      description: 'Dana forgot to drain the node before the restart.',
    })
    const full = (await team.call('GET', `/v1/reviews/${review.id}`)).body
    expect(full.findings.map((f: { field: string }) => f.field)).toContain(
      `timelineEvents[${event.body.id}].description`,
    )
    const guide = (await team.call('GET', `/v1/reviews/${review.id}/guide`)).body
    const causesQuestion = guide.questions.find((q: { key: string }) => q.key === 'causes')
    expect(causesQuestion.findings.length).toBe(causes.length)
  })

  it('blocks publish on unsuppressed error findings until suppressed with a justification', async () => {
    const team = await t.team()
    const complete = await makeCompleteReview(team)
    let review = (
      await team.call(
        'PATCH',
        `/v1/reviews/${complete.id}`,
        { answers: { causes: BLAME } },
        ifMatch(complete.version),
      )
    ).body
    const blocking = review.findings.filter((f: { severity: string }) => f.severity === 'error')
    expect(blocking.length).toBeGreaterThan(0)
    review = (await team.call('POST', `/v1/reviews/${review.id}/submit`, undefined, ifMatch(review.version)))
      .body
    const refused = await team.call(
      'POST',
      `/v1/reviews/${review.id}/publish`,
      undefined,
      ifMatch(review.version),
    )
    expect(refused.status).toBe(422)
    expect(refused.body.blockers.map((b: { id: string }) => b.id)).toEqual(['findings_resolved'])

    const noReason = await team.call('POST', `/v1/reviews/${review.id}/findings/${blocking[0].id}/suppress`, {
      justification: '  ',
    })
    expect(noReason.status).toBe(400)
    expect(
      (
        await team.call('POST', `/v1/reviews/${review.id}/findings/f_0000000000000000/suppress`, {
          justification: 'x',
        })
      ).status,
    ).toBe(404)
    for (const f of blocking) {
      const res = await team.call('POST', `/v1/reviews/${review.id}/findings/${f.id}/suppress`, {
        justification: 'Quoted from the customer report; not our wording.',
      })
      expect(res.status).toBe(200)
      review = res.body
    }
    expect(review.findings.find((f: { id: string }) => f.id === blocking[0].id).suppression).toMatchObject({
      justification: 'Quoted from the customer report; not our wording.',
    })
    const guide = (await team.call('GET', `/v1/reviews/${review.id}/guide`)).body
    expect(guide.suppressedFindings.length).toBe(blocking.length)
    const revisions = (await team.call('GET', `/v1/reviews/${review.id}/revisions?limit=200`)).body.items
    expect(revisions.map((r: { action: string }) => r.action)).toContain('finding.suppressed')

    // An edit elsewhere keeps the suppression; the review is still publishable.
    review = (
      await team.call(
        'PATCH',
        `/v1/reviews/${review.id}`,
        { title: 'Renamed incident' },
        ifMatch(review.version),
      )
    ).body
    expect(review.findings.find((f: { id: string }) => f.id === blocking[0].id).suppression).not.toBeNull()
    const published = await team.call(
      'POST',
      `/v1/reviews/${review.id}/publish`,
      undefined,
      ifMatch(review.version),
    )
    expect(published.status).toBe(200)
  })

  it('drops a suppression when the flagged text changes', async () => {
    const team = await t.team()
    const review = await makeReview(team, { answers: { causes: BLAME } })
    const finding = review.findings.find((f: { severity: string }) => f.severity === 'error')
    const suppressed = (
      await team.call('POST', `/v1/reviews/${review.id}/findings/${finding.id}/suppress`, {
        justification: 'ok',
      })
    ).body
    const edited = (
      await team.call(
        'PATCH',
        `/v1/reviews/${review.id}`,
        { answers: { causes: `${fullAnswers.causes} The rollback was blamed on operator error.` } },
        ifMatch(suppressed.version),
      )
    ).body
    const errors = edited.findings.filter((f: { severity: string }) => f.severity === 'error')
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.every((f: { suppression: unknown }) => f.suppression === null)).toBe(true)
  })
})
