import type { Res, TestTeam } from './app.ts'

let n = 0

/** Small fixture factories: each call makes a new, valid resource through the API. */
export async function makeReview(team: TestTeam, overrides: Record<string, unknown> = {}) {
  n++
  const res = await team.call('POST', '/v1/reviews', {
    title: `Incident ${n}`,
    severity: 'SEV2',
    ...overrides,
  })
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

async function created(what: string, res: Res) {
  if (res.status !== 201) throw new Error(`${what}: ${res.status} ${res.text}`)
  return res.body
}

export const makeTimelineEvent = async (
  team: TestTeam,
  reviewId: string,
  overrides: Record<string, unknown> = {},
) =>
  created(
    'makeTimelineEvent',
    await team.call('POST', `/v1/reviews/${reviewId}/timeline-events`, {
      occurredAt: '2026-11-20T10:00:00Z',
      description: 'Error-rate alert fired',
      kind: 'detection',
      ...overrides,
    }),
  )

export const makeFactor = async (team: TestTeam, reviewId: string, overrides: Record<string, unknown> = {}) =>
  created(
    'makeFactor',
    await team.call('POST', `/v1/reviews/${reviewId}/contributing-factors`, {
      category: 'tooling',
      description: 'Configuration was not validated before deploy',
      ...overrides,
    }),
  )

export const makeActionItem = async (
  team: TestTeam,
  reviewId: string,
  overrides: Record<string, unknown> = {},
) =>
  created(
    'makeActionItem',
    await team.call('POST', `/v1/reviews/${reviewId}/action-items`, {
      title: 'Validate config in CI',
      owner: 'platform team',
      dueDate: '2026-12-31',
      ...overrides,
    }),
  )

/** The review as the API shows it now (for its current version / ETag). */
export const getReview = async (team: TestTeam, reviewId: string) => {
  const res = await team.call('GET', `/v1/reviews/${reviewId}`)
  if (res.status !== 200) throw new Error(`getReview: ${res.status} ${res.text}`)
  return res.body
}

/** A clock tests can move, so created-at order and "overdue" do not depend on timing. */
export function manualClock(start: string) {
  let now = new Date(start).getTime()
  return {
    now: () => new Date(now),
    set: (iso: string) => {
      now = new Date(iso).getTime()
    },
    advance: (ms: number) => {
      now += ms
    },
  }
}
