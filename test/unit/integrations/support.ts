import { randomUUID } from 'node:crypto'
import { createEgressFetch } from '../../../src/egress/index.ts'
import type { PublishInput } from '../../../src/integrations/publisher.ts'
import type { Review } from '../../../src/reviews/review.views.ts'
import type { HttpFetch } from '../../../src/shared/outgoing-http.ts'

/** Small fixtures for the publisher tests (no database involved). */

/**
 * The fetch the publishers get in production, the egress client, with the one exception an operator
 * would configure for these tests: the fakes listen on 127.0.0.1.
 */
export const testFetch: HttpFetch = createEgressFetch({ allow: ['127.0.0.1'], totalTimeoutMs: 5_000 })

/** A frozen review snapshot as the delivery worker hands it to a publisher. */
export function makeReviewSnapshot(overrides: Partial<Review> = {}): Review {
  const at = '2026-11-21T10:00:00.000Z'
  return {
    id: randomUUID(),
    version: 3,
    createdAt: at,
    updatedAt: at,
    title: 'Checkout errors after config rollout',
    severity: 'SEV2',
    status: 'published',
    incident: {
      source: 'pagerduty',
      externalId: 'Q1ABC',
      url: null,
      service: null,
      priority: null,
      urgency: null,
      status: null,
      acknowledgedAt: null,
      links: [],
    },
    startedAt: at,
    detectedAt: at,
    mitigatedAt: at,
    resolvedAt: at,
    publishedAt: at,
    findings: [],
    rulesVersion: null,
    participants: [{ name: 'Sam', role: 'incident commander' }],
    answers: {
      intent: 'Roll out',
      actual: 'Errors rose',
      causes: 'Stale baseline',
      nextTime: 'Validate config',
    },
    timelineEvents: [],
    contributingFactors: [],
    actionItems: [],
    ...overrides,
  }
}

export function makePublishInput(review: Review = makeReviewSnapshot(), publicationNumber = 1): PublishInput {
  return { review, publicationNumber, markdown: `# ${review.title}\n\nPublication ${publicationNumber}.\n` }
}

/** Runs `fn` and returns what it threw (fails the test when it does not throw). */
export async function thrown(fn: () => Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await fn()
  } catch (error) {
    return error as Error & Record<string, unknown>
  }
  throw new Error('expected a rejection')
}
