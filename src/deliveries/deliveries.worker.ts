import type { Db } from '../db/client.ts'
import type { DeliveryRow } from '../db/schema/index.ts'
import type { PageRef, Publisher } from '../integrations/publisher.ts'
import type { Review } from '../reviews/review.views.ts'
import type { Clock } from '../shared/clock.ts'
import { DeliveryError } from '../shared/outgoing-http.ts'
import { DecryptionError } from '../shared/secrets.ts'
import type { DeliveriesRepository } from './deliveries.repository.ts'
import type { DeliveryQueue } from './delivery-queue.ts'
import { deliveryKey } from './outbox.ts'
import { MAX_ATTEMPTS, retryDelayMs } from './retry-policy.ts'

/** What performing one delivery needs from the outside world; injected so tests use local peers. */
export type DeliveryPorts = {
  /** Builds the publisher for an integration row (decrypting its credentials). */
  publisherFor(integration: NonNullable<Awaited<ReturnType<DeliveriesRepository['integration']>>>): Publisher
  renderMarkdown(review: Review): string
  /** Sends a signed webhook; `disable` when the endpoint answered 410 Gone. */
  sendWebhook(
    endpoint: NonNullable<Awaited<ReturnType<DeliveriesRepository['endpoint']>>>,
    delivery: DeliveryRow,
  ): Promise<{ status: number; disable?: boolean }>
}

type Outcome = { statusCode?: number | undefined }

/** Performs deliveries from the queue; every attempt is logged, failures retried or dead-lettered. */
export function createDeliveryWorker(deps: {
  db: Db
  deliveries: DeliveriesRepository
  queue: Pick<DeliveryQueue, 'enqueue'>
  ports: DeliveryPorts
  clock: Clock
  log?: { warn(obj: object, msg: string): void }
}) {
  const { db, deliveries, ports, clock } = deps

  async function toWiki(d: DeliveryRow): Promise<Outcome> {
    const integration = await deliveries.integration(d.targetId)
    if (!integration?.enabled)
      throw new DeliveryError('integration is disabled or deleted', { retryable: false })
    // Always deliver the newest publication: a late retry of an older one must not roll the page back.
    const publication = await deliveries.latestPublication(d.reviewId!)
    if (!publication) throw new DeliveryError('the review has no publication', { retryable: false })
    const review = publication.snapshot as unknown as Review
    const stored = await deliveries.page(integration.id, review.id)
    const existing: PageRef | null = stored
      ? { pageId: stored.pageId, version: stored.pageVersion ?? undefined, url: stored.pageUrl ?? undefined }
      : null
    const page = await ports
      .publisherFor(integration)
      .publish(
        { review, publicationNumber: publication.number, markdown: ports.renderMarkdown(review) },
        existing,
      )
    await deliveries.savePage(db, {
      integrationId: integration.id,
      reviewId: review.id,
      pageId: page.pageId,
      pageVersion: page.version ?? null,
      pageUrl: page.url ?? null,
      publicationNumber: publication.number,
    })
    return {}
  }

  async function toWebhook(d: DeliveryRow): Promise<Outcome> {
    const endpoint = await deliveries.endpoint(d.targetId)
    if (!endpoint?.enabled)
      throw new DeliveryError('webhook endpoint is disabled or deleted', { retryable: false })
    const result = await ports.sendWebhook(endpoint, d)
    if (result.disable) {
      await deliveries.disableEndpoint(endpoint.id, 'the endpoint answered 410 Gone')
      throw new DeliveryError('endpoint answered 410 Gone; it has been disabled', {
        retryable: false,
        status: 410,
      })
    }
    return { statusCode: result.status }
  }

  return {
    async handle(deliveryId: string): Promise<void> {
      const d = await deliveries.get(deliveryId)
      if (!d || d.status === 'succeeded' || d.status === 'failed' || d.status === 'dead') return
      const attempt = d.attempts + 1
      const startedAt = clock.now()
      let outcome: Outcome = {}
      let error: DeliveryError | undefined
      let undecryptable = false
      try {
        outcome = d.targetKind === 'integration' ? await toWiki(d) : await toWebhook(d)
      } catch (e) {
        error =
          e instanceof DeliveryError
            ? e
            : e instanceof DecryptionError
              ? // A retry would fail the same way: the key changed, not the network.
                new DeliveryError(
                  'cannot decrypt the stored credentials (was DEBRIEF_SECRET_KEY changed?); re-enter them, then retry the delivery',
                  { retryable: false, cause: e },
                )
              : new DeliveryError((e as Error).message ?? 'delivery failed', { retryable: true, cause: e })
        if (e instanceof DecryptionError) undecryptable = true
      }
      const durationMs = clock.now().getTime() - startedAt.getTime()
      const statusCode = error?.status ?? outcome.statusCode ?? null
      if (!error) {
        await db.transaction(async (tx) => {
          await deliveries.update(tx, d.id, {
            status: 'succeeded',
            attempts: attempt,
            lastError: null,
            lastStatusCode: statusCode,
            completedAt: clock.now(),
            nextAttemptAt: null,
          })
          await deliveries.addAttempt(tx, {
            deliveryId: d.id,
            attempt,
            startedAt,
            durationMs,
            outcome: 'succeeded',
            statusCode,
          })
        })
        return
      }
      const dead = error.retryable && attempt >= MAX_ATTEMPTS
      // Undecryptable credentials dead-letter at once: no attempt can succeed until someone acts.
      const status = undecryptable || dead ? 'dead' : !error.retryable ? 'failed' : 'retrying'
      const delayMs = status === 'retrying' ? retryDelayMs(attempt, error.retryAfterMs) : 0
      deps.log?.warn({ deliveryId: d.id, attempt, status, error: error.message }, 'delivery attempt failed')
      await db.transaction(async (tx) => {
        await deliveries.update(tx, d.id, {
          status,
          attempts: attempt,
          lastError: error.message.slice(0, 2000),
          lastStatusCode: statusCode,
          nextAttemptAt: status === 'retrying' ? new Date(clock.now().getTime() + delayMs) : null,
          completedAt: status === 'retrying' ? null : clock.now(),
        })
        await deliveries.addAttempt(tx, {
          deliveryId: d.id,
          attempt,
          startedAt,
          durationMs,
          outcome: status === 'retrying' ? 'retry' : status,
          statusCode,
          error: error.message.slice(0, 2000),
        })
        if (status === 'retrying') {
          await deps.queue.enqueue(
            tx,
            { deliveryId: d.id },
            { key: deliveryKey(d), startAfterSeconds: delayMs / 1000 },
          )
        }
      })
    },
  }
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>
