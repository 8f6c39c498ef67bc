import type { TestTeam } from './app.ts'

let n = 0

/** Small fixture factories: each call makes a new, valid resource through the API. */
export async function makeReview(team: TestTeam, overrides: Record<string, unknown> = {}) {
  n++
  const res = await team.call('POST', '/v1/reviews', { title: `Incident ${n}`, severity: 'SEV2', ...overrides })
  if (res.status !== 201) throw new Error(`makeReview: ${res.status} ${res.text}`)
  return res.body
}

export const fullAnswers = {
  intent: 'Roll out the new checkout service to 10% of traffic.',
  actual: 'Error rates rose to 30% within five minutes and the rollout was reverted.',
  causes: 'The canary analysis compared against a stale baseline; the config lacked validation.',
  nextTime: 'Validate configuration in CI and refresh canary baselines automatically.',
}

/** A review that passes the publish checklist: four answers, a timeline event, a factor and an action item. */
export async function makeCompleteReview(team: TestTeam) {
  const review = await makeReview(team, { answers: fullAnswers })
  await team.call('POST', `/v1/reviews/${review.id}/timeline-events`, {
    occurredAt: '2026-11-20T10:00:00Z',
    description: 'Error-rate alert fired',
    kind: 'detection',
  })
  const factor = await team.call('POST', `/v1/reviews/${review.id}/contributing-factors`, {
    category: 'tooling',
    description: 'Configuration was not validated before deploy',
  })
  await team.call('POST', `/v1/reviews/${review.id}/action-items`, {
    title: 'Validate config in CI',
    owner: 'platform team',
    dueDate: '2026-12-31',
    factorIds: [factor.body.id],
  })
  return (await team.call('GET', `/v1/reviews/${review.id}`)).body
}

export const ifMatch = (version: number) => ({ 'if-match': `"v${version}"` })
