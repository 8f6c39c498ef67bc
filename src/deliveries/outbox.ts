import type { Executor } from '../db/client.ts'
import type { PublicationRow } from '../db/schema/index.ts'
import type { WebhookEvent } from '../reviews/events.ts'
import type { Review } from '../reviews/review.views.ts'
import type { DeliveriesRepository, NewDelivery } from './deliveries.repository.ts'
import type { DeliveryQueue } from './delivery-queue.ts'

export const SUBSCRIPTION_CACHE_MS = 5_000

/** The single-flight key: deliveries to the same target about the same review never overlap. */
export const deliveryKey = (d: { targetId: string; reviewId: string | null; id: string }) =>
  `${d.targetId}:${d.reviewId ?? d.id}`

/**
 * Records deliveries in the caller's transaction and sends their jobs in it too: a change and the
 * deliveries announcing it commit together or not at all.
 */
export function createOutbox(deps: {
  deliveries: Pick<
    DeliveriesRepository,
    'insertMany' | 'enabledIntegrations' | 'subscribedEndpoints' | 'subscribedEvents'
  >
  queue: Pick<DeliveryQueue, 'enqueue'> | undefined
  publicUrl?: string | undefined
  now?: () => number
}) {
  const link = (reviewId: string) => `${deps.publicUrl ?? ''}/v1/reviews/${reviewId}`
  const now = deps.now ?? Date.now
  // Most writes have no subscriber; a short per-team cache of subscribed events keeps them at
  // zero extra queries. Endpoint changes clear it here at once, elsewhere within SUBSCRIPTION_CACHE_MS.
  const subscriptions = new Map<string, { events: Set<string>; expires: number }>()

  async function record(ex: Executor, rows: NewDelivery[]) {
    const created = await deps.deliveries.insertMany(ex, rows)
    for (const d of created) await deps.queue?.enqueue(ex, { deliveryId: d.id }, { key: deliveryKey(d) })
    return created
  }

  async function webhookRows(
    ex: Executor,
    teamId: string,
    event: WebhookEvent,
    data: Record<string, unknown>,
  ) {
    const endpoints = await deps.deliveries.subscribedEndpoints(ex, teamId, event)
    const reviewId = typeof data.reviewId === 'string' ? data.reviewId : null
    return endpoints.map(
      (e): NewDelivery => ({
        teamId,
        reviewId,
        targetKind: 'webhook',
        targetId: e.id,
        eventType: event,
        // Thin payloads: ids and a link; receivers fetch what they need with their own key.
        payload: { type: event, data: { ...data, ...(reviewId ? { url: link(reviewId) } : {}) } },
      }),
    )
  }

  return {
    /**
     * Whether any enabled endpoint of the team subscribes to `event` (cached briefly). Reads through
     * `ex`, the caller's transaction when there is one: PGlite has a single connection.
     */
    async wants(ex: Executor, teamId: string, event: WebhookEvent): Promise<boolean> {
      let entry = subscriptions.get(teamId)
      if (!entry || entry.expires <= now()) {
        const events = await deps.deliveries.subscribedEvents(ex, teamId)
        entry = { events: new Set(events), expires: now() + SUBSCRIPTION_CACHE_MS }
        if (subscriptions.size > 10_000) subscriptions.clear()
        subscriptions.set(teamId, entry)
      }
      return entry.events.has(event)
    },
    forget: (teamId: string) => subscriptions.delete(teamId),
    /** Every enabled wiki and every `review.published` subscriber gets the new publication. */
    async published(ex: Executor, publication: PublicationRow, review: Review) {
      const wikis = await deps.deliveries.enabledIntegrations(ex, publication.teamId)
      const rows: NewDelivery[] = wikis.map((i) => ({
        teamId: publication.teamId,
        reviewId: review.id,
        publicationNumber: publication.number,
        targetKind: 'integration' as const,
        targetId: i.id,
        eventType: 'review.published',
        payload: { publicationNumber: publication.number },
      }))
      const data = { reviewId: review.id, publicationNumber: publication.number, version: review.version }
      rows.push(...(await webhookRows(ex, publication.teamId, 'review.published', data)))
      return record(ex, rows)
    },
    /** An event for webhook subscribers only. */
    async event(ex: Executor, teamId: string, event: WebhookEvent, data: Record<string, unknown>) {
      return record(ex, await webhookRows(ex, teamId, event, data))
    },
    record,
  }
}

export type Outbox = ReturnType<typeof createOutbox>
