import type { Review } from '../../../src/reviews/review.views.ts'

/** Every user-writable text field of a review, so a test can put one value in all of them. */
export type UserText = {
  title: string
  severity: string
  incidentSource: string
  incidentExternalId: string
  incidentUrl: string
  answer: string
  timeline: string
  factor: string
  actionTitle: string
  owner: string
  trackerUrl: string
  participant: string
  handle: string
  role: string
}

export const benignText: UserText = {
  title: 'Checkout outage',
  severity: 'SEV1',
  incidentSource: 'pagerduty',
  incidentExternalId: 'Q1W2E3',
  incidentUrl: 'https://example.pagerduty.com/incidents/Q1W2E3',
  answer: 'Roll out the new checkout service to 10% of traffic.',
  timeline: 'Error-rate alert fired',
  factor: 'Configuration was not validated before deploy',
  actionTitle: 'Validate config in CI',
  owner: 'platform team',
  trackerUrl: 'https://tracker.example.com/PROJ-1',
  participant: 'Alice Ng',
  handle: '@alice',
  role: 'incident commander',
}

/** The longest value the API accepts in each field (src/reviews/*.schemas.ts): all an export ever sees. */
export const FIELD_LIMITS: Record<keyof UserText, number> = {
  title: 300,
  severity: 32,
  incidentSource: 64,
  incidentExternalId: 256,
  incidentUrl: 2048,
  answer: 100_000,
  timeline: 20_000,
  factor: 20_000,
  actionTitle: 500,
  owner: 200,
  trackerUrl: 2048,
  participant: 200,
  handle: 200,
  role: 200,
}

const stamp = '2026-11-20T12:00:00.000Z'
const common = (id: string) => ({ id, version: 1, createdAt: stamp, updatedAt: stamp })
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

/** A complete review (two of each part) whose user text comes from `t`. */
export function reviewWith(t: UserText, sizes = { events: 2, factors: 2, items: 2 }): Review {
  const events = Array.from({ length: sizes.events }, (_, i) => ({
    ...common(uuid(100 + i)),
    occurredAt: new Date(Date.parse('2026-11-20T10:00:00Z') + i * 60_000).toISOString(),
    description: t.timeline,
    kind: i === 0 ? ('detection' as const) : null,
  }))
  const factors = Array.from({ length: sizes.factors }, (_, i) => ({
    ...common(uuid(200 + i)),
    category: 'tooling' as const,
    description: t.factor,
    timelineEventIds: events.slice(0, 1).map((e) => e.id),
  }))
  return {
    ...common(uuid(1)),
    version: 7,
    title: t.title,
    severity: t.severity,
    status: 'published',
    incident: {
      source: t.incidentSource,
      externalId: t.incidentExternalId,
      url: t.incidentUrl,
      service: null,
      priority: null,
      urgency: null,
      status: null,
      acknowledgedAt: null,
      links: [],
    },
    startedAt: '2026-11-20T09:55:00.000Z',
    detectedAt: '2026-11-20T10:00:00.000Z',
    mitigatedAt: '2026-11-20T10:40:00.000Z',
    resolvedAt: '2026-11-20T12:05:00.000Z',
    publishedAt: '2026-11-21T09:00:00.000Z',
    findings: [],
    rulesVersion: null,
    participants: [{ name: t.participant, handle: t.handle, role: t.role }, { name: t.participant }],
    answers: { intent: t.answer, actual: t.answer, causes: t.answer, nextTime: t.answer },
    timelineEvents: events,
    contributingFactors: factors,
    actionItems: Array.from({ length: sizes.items }, (_, i) => ({
      ...common(uuid(300 + i)),
      reviewId: uuid(1),
      title: t.actionTitle,
      description: null,
      owner: t.owner,
      dueDate: '2026-12-31',
      priority: 'high' as const,
      status: 'open' as const,
      type: 'prevent' as const,
      trackerUrl: t.trackerUrl,
      factorIds: factors.map((f) => f.id),
      completedAt: null,
    })),
  }
}
