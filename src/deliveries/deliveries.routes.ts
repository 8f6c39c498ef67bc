import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Db } from '../db/client.ts'
import type { DeliveryAttemptRow, DeliveryRow } from '../db/schema/index.ts'
import { teamCaller } from '../http/auth.ts'
import { commonErrors, IdParams, notFound, Page, PageQuery, problem } from '../http/schemas.ts'
import type { ReviewsService } from '../reviews/reviews.service.ts'
import { decodeCursor, encodeCursor } from '../shared/cursor.ts'
import { ConflictError, NotFoundError } from '../shared/errors.ts'
import type { DeliveriesRepository } from './deliveries.repository.ts'
import type { DeliveryQueue } from './delivery-queue.ts'
import { deliveryKey } from './outbox.ts'

const STATUSES = ['pending', 'retrying', 'succeeded', 'failed', 'dead'] as const
const stamp = z.string()

const AttemptView = z.object({
  attempt: z.number().int(),
  startedAt: stamp,
  durationMs: z.number().int(),
  outcome: z.enum(['succeeded', 'retry', 'failed', 'dead']),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
})
const DeliveryView = z
  .object({
    id: z.uuid().describe('Also the webhook-id of webhook deliveries, stable across retries'),
    reviewId: z.uuid().nullable(),
    publicationNumber: z.number().int().nullable(),
    targetKind: z.enum(['integration', 'webhook']),
    targetId: z.uuid(),
    eventType: z.string(),
    status: z
      .enum(STATUSES)
      .describe(
        'failed: refused by the peer (4xx); dead: retry budget exhausted, or stored credentials cannot be decrypted',
      ),
    attempts: z.number().int(),
    nextAttemptAt: stamp.nullable(),
    lastError: z.string().nullable(),
    lastStatusCode: z.number().int().nullable(),
    createdAt: stamp,
    updatedAt: stamp,
    completedAt: stamp.nullable(),
  })
  .meta({ id: 'Delivery' })
const DeliveryWithAttempts = DeliveryView.extend({ attemptLog: z.array(AttemptView) }).meta({
  id: 'DeliveryWithAttempts',
})

const iso = (d: Date | null) => d?.toISOString() ?? null
const toView = (d: DeliveryRow) => ({
  id: d.id,
  reviewId: d.reviewId,
  publicationNumber: d.publicationNumber,
  targetKind: d.targetKind,
  targetId: d.targetId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: iso(d.nextAttemptAt),
  lastError: d.lastError,
  lastStatusCode: d.lastStatusCode,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
  completedAt: iso(d.completedAt),
})
const toAttempt = (a: DeliveryAttemptRow) => ({
  attempt: a.attempt,
  startedAt: a.startedAt.toISOString(),
  durationMs: a.durationMs,
  outcome: a.outcome,
  statusCode: a.statusCode,
  error: a.error,
})

const ListQuery = z.strictObject({
  status: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()))
    .pipe(z.array(z.enum(STATUSES)))
    .optional()
    .describe('One status or a comma-separated list'),
  ...PageQuery,
})

type Deps = {
  db: Db
  deliveries: DeliveriesRepository
  queue: Pick<DeliveryQueue, 'enqueue'> | undefined
  reviews: Pick<ReviewsService, 'get'>
}

/** The delivery log: what went where, every attempt, and a way to try again. */
export const deliveriesRoutes: FastifyPluginAsyncZod<Deps> = async (
  app,
  { db, deliveries, queue, reviews },
) => {
  const tags = ['deliveries']
  async function page(teamId: string, q: z.infer<typeof ListQuery>, reviewId?: string) {
    const after = q.cursor ? (decodeCursor(q.cursor, ['timestamp', 'uuid']) as [string, string]) : undefined
    const rows = await deliveries.list(teamId, {
      limit: q.limit,
      ...(q.status ? { status: q.status } : {}),
      ...(reviewId ? { reviewId } : {}),
      ...(after ? { after } : {}),
    })
    const items = rows.slice(0, q.limit)
    const last = items.at(-1)
    return {
      items: items.map((r) => toView(r.row)),
      nextCursor: rows.length > q.limit && last ? encodeCursor([last.cursorAt, last.row.id]) : null,
    }
  }

  app.get(
    '/v1/deliveries',
    {
      config: { auth: 'read' },
      schema: {
        operationId: 'listDeliveries',
        summary: 'Deliveries of the team, newest first (e.g. ?status=failed,dead)',
        tags,
        querystring: ListQuery,
        response: { 200: Page(DeliveryView), ...commonErrors },
      },
    },
    async (request) => page(teamCaller(request).teamId, request.query),
  )

  app.get(
    '/v1/reviews/:id/deliveries',
    {
      config: { auth: 'read' },
      schema: {
        operationId: 'listReviewDeliveries',
        summary: 'Deliveries of one review to its wikis and webhooks',
        tags,
        params: IdParams,
        querystring: ListQuery,
        response: { 200: Page(DeliveryView), ...commonErrors, ...notFound },
      },
    },
    async (request) => {
      const { teamId } = teamCaller(request)
      await reviews.get(teamId, request.params.id)
      return page(teamId, request.query, request.params.id)
    },
  )

  app.get(
    '/v1/deliveries/:id',
    {
      config: { auth: 'read' },
      schema: {
        operationId: 'getDelivery',
        summary: 'One delivery with every attempt',
        tags,
        params: IdParams,
        response: { 200: DeliveryWithAttempts, ...commonErrors, ...notFound },
      },
    },
    async (request) => {
      const d = await deliveries.get(request.params.id, teamCaller(request).teamId)
      if (!d) throw new NotFoundError('Delivery')
      return { ...toView(d), attemptLog: (await deliveries.attempts(d.id)).map(toAttempt) }
    },
  )

  app.post(
    '/v1/deliveries/:id/retry',
    {
      config: { auth: 'write' },
      schema: {
        operationId: 'retryDelivery',
        summary: 'Try a failed, dead or waiting delivery again now',
        tags,
        params: IdParams,
        response: {
          202: DeliveryView,
          ...commonErrors,
          ...notFound,
          409: problem('The delivery already succeeded'),
        },
      },
    },
    async (request, reply) => {
      const d = await deliveries.get(request.params.id, teamCaller(request).teamId)
      if (!d) throw new NotFoundError('Delivery')
      if (d.status === 'succeeded')
        throw new ConflictError('delivery-succeeded', 'This delivery already succeeded')
      await db.transaction(async (tx) => {
        await deliveries.update(tx, d.id, { status: 'pending', nextAttemptAt: null, completedAt: null })
        await queue?.enqueue(tx, { deliveryId: d.id }, { key: deliveryKey(d) })
      })
      const updated = await deliveries.get(d.id)
      return reply.code(202).send(toView(updated!))
    },
  )
}
