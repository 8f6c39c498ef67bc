import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { teamCaller } from '../http/auth.ts'
import { requireIfMatch, withEtag } from '../http/preconditions.ts'
import { idempotencyOf, sendCreated } from '../http/replies.ts'
import {
  commonErrors,
  IdempotencyHeaders,
  IdParams,
  IfMatchHeaders,
  notFound,
  preconditionErrors,
} from '../http/schemas.ts'
import { WEBHOOK_EVENTS } from '../reviews/events.ts'
import type { EndpointsService } from './endpoints.service.ts'

const Url = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .describe('http(s) URL; private and loopback addresses are refused')
const Events = z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length)
const EndpointView = z
  .object({
    id: z.uuid(),
    url: z.string(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    disabledReason: z.string().nullable(),
    version: z.number().int(),
    rotationEndsAt: z.string().nullable().describe('While set, the previous secret also signs'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'WebhookEndpoint' })
const WithSecret = EndpointView.extend({
  secret: z.string().describe('whsec_… signing secret, shown only in this response'),
}).meta({ id: 'WebhookEndpointWithSecret' })
const tags = ['webhooks']

/** Subscriptions to Debrief events, delivered signed per the Standard Webhooks spec. */
export const endpointsRoutes: FastifyPluginAsyncZod<{
  service: EndpointsService
  /** Called after a team's endpoints change, so cached subscriptions are dropped at once. */
  onChange: (teamId: string) => void
}> = async (app, { service, onChange }) => {
  // Any successful write to an endpoint may change which events the team subscribes to.
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' && reply.statusCode < 300 && request.principal?.kind === 'key') {
      onChange(request.principal.teamId)
    }
  })
  app.post(
    '/v1/webhook-endpoints',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'createWebhookEndpoint',
        tags,
        headers: IdempotencyHeaders,
        body: z.strictObject({ url: Url, events: Events }),
        response: { 201: WithSecret, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { teamId } = teamCaller(request)
      return sendCreated(
        reply,
        await service.create(teamId, request.body, idempotencyOf(request, `team:${teamId}`)),
      )
    },
  )
  app.get(
    '/v1/webhook-endpoints',
    {
      config: { auth: 'read' },
      schema: {
        operationId: 'listWebhookEndpoints',
        tags,
        response: { 200: z.object({ items: z.array(EndpointView) }), ...commonErrors },
      },
    },
    async (request) => ({ items: await service.list(teamCaller(request).teamId) }),
  )
  app.get(
    '/v1/webhook-endpoints/:id',
    {
      config: { auth: 'read' },
      schema: {
        operationId: 'getWebhookEndpoint',
        tags,
        params: IdParams,
        response: { 200: EndpointView, ...commonErrors, ...notFound },
      },
    },
    async (request, reply) => {
      const endpoint = await service.get(teamCaller(request).teamId, request.params.id)
      return withEtag(reply, endpoint.version).send(endpoint)
    },
  )
  app.patch(
    '/v1/webhook-endpoints/:id',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'updateWebhookEndpoint',
        summary: 'Change the URL or events, or disable / re-enable the endpoint',
        tags,
        params: IdParams,
        headers: IfMatchHeaders,
        body: z.strictObject({
          url: Url.optional(),
          events: Events.optional(),
          enabled: z.boolean().optional(),
        }),
        response: { 200: EndpointView, ...commonErrors, ...notFound, ...preconditionErrors },
      },
    },
    async (request, reply) => {
      const precondition = requireIfMatch(request)
      const endpoint = await service.update(
        teamCaller(request).teamId,
        request.params.id,
        precondition,
        request.body,
      )
      return withEtag(reply, endpoint.version).send(endpoint)
    },
  )
  app.delete(
    '/v1/webhook-endpoints/:id',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'deleteWebhookEndpoint',
        tags,
        params: IdParams,
        headers: IfMatchHeaders,
        response: { 204: z.null().describe('Deleted'), ...commonErrors, ...notFound, ...preconditionErrors },
      },
    },
    async (request, reply) => {
      await service.remove(teamCaller(request).teamId, request.params.id, requireIfMatch(request))
      return reply.code(204).send(null)
    },
  )
  app.post(
    '/v1/webhook-endpoints/:id/rotate-secret',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'rotateWebhookSecret',
        summary: 'Make a new signing secret; the previous one keeps signing for 24 hours',
        tags,
        params: IdParams,
        response: { 200: WithSecret, ...commonErrors, ...notFound },
      },
    },
    async (request) => service.rotate(teamCaller(request).teamId, request.params.id),
  )
  app.post(
    '/v1/webhook-endpoints/:id/test',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'sendWebhookTest',
        summary: 'Queue a signed webhook.test event to the endpoint (see GET /v1/deliveries/{id})',
        tags,
        params: IdParams,
        response: { 202: z.object({ deliveryId: z.uuid() }), ...commonErrors, ...notFound },
      },
    },
    async (request, reply) => {
      const delivery = await service.sendTest(teamCaller(request).teamId, request.params.id)
      return reply.code(202).send({ deliveryId: delivery.id })
    },
  )
}
