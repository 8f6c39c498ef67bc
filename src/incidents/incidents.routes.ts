import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { INCIDENT_SOURCE_KINDS } from '../db/schema/index.ts'
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
  problem,
  text,
} from '../http/schemas.ts'
import type { Ingest } from './ingest.service.ts'
import { GenericIncidentEvent } from './providers/generic.ts'
import type { IncidentSourcesService } from './sources.service.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The receiver's body exactly as sent: signatures are computed over these bytes. */
    rawBody?: Buffer
  }
}

const Secret = z
  .string()
  .min(16)
  .max(512)
  .describe(
    'Bring the secret the tool generated (PagerDuty and incident.io make their own); omit it and Debrief makes one',
  )
const SourceView = z
  .object({
    id: z.uuid(),
    kind: z.enum(INCIDENT_SOURCE_KINDS),
    name: z.string(),
    url: z
      .string()
      .describe('The absolute receiver URL to configure in the tool: POST /hooks/incidents/{id}'),
    version: z.number().int(),
    rotationEndsAt: z.string().nullable().describe('While set, the previous secret is still accepted'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'IncidentSource' })
const WithSecret = SourceView.extend({
  secret: z
    .string()
    .describe(
      'Shown only here. PagerDuty: the v3 signing secret; incident.io / generic: the Standard Webhooks whsec_ secret; Opsgenie / Alertmanager: send it as "Authorization: Bearer <secret>"',
    ),
}).meta({ id: 'IncidentSourceWithSecret' })
const EventView = z
  .object({
    id: z.uuid(),
    deliveryKey: z.string().describe('What makes a redelivery recognisable (see the receiver)'),
    eventType: z.string(),
    status: z.enum(['received', 'applied', 'ignored', 'failed']),
    reviewId: z.uuid().nullable(),
    detail: z.string().nullable(),
    receivedAt: z.string(),
    processedAt: z.string().nullable(),
  })
  .meta({ id: 'IncidentEvent' })
const tags = ['incident sources']

const RECEIVER_DESCRIPTION = `Where an incident tool posts its webhooks. No API key: each kind proves the delivery with its own scheme, checked on the raw body.

| kind | proof | delivery id (a redelivery has no second effect) |
| --- | --- | --- |
| pagerduty | \`X-PagerDuty-Signature: v1=<hex HMAC-SHA256(body, secret)>\` (any of several) | \`event.id\` |
| incident-io | Standard Webhooks (\`webhook-id\`, \`webhook-timestamp\` within 5 min, \`webhook-signature\`) | \`webhook-id\` |
| generic | Standard Webhooks, body = GenericIncidentEvent (below) | \`webhook-id\` |
| opsgenie | \`Authorization: Bearer <secret>\` (custom header in the Webhook integration) | \`alert.alertId\`:\`action\`:\`alert.updatedAt\` (exact nanoseconds) |
| alertmanager | \`Authorization: Bearer <secret>\` (\`http_config.authorization\`) | sha256 of groupKey, status and every alert's fingerprint/status/startsAt/endsAt |

The event is stored and answered 202 at once; a job then applies it: one review per (team, kind, incident id). The first event makes a draft review; later ones update the incident metadata and add timeline entries but never overwrite a field a person changed. Unknown event types are accepted and ignored.`

/** Incident sources (admin) and the public receiver they hand to incident tools. */
export const incidentsRoutes: FastifyPluginAsyncZod<{
  sources: IncidentSourcesService
  ingest: Ingest
  publicUrl: string | undefined
}> = async (app, { sources, ingest, publicUrl }) => {
  const baseUrl = (request: FastifyRequest) => publicUrl ?? `${request.protocol}://${request.host}`

  app.post(
    '/v1/incident-sources',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'createIncidentSource',
        summary: 'Connect an incident tool: returns the receiver URL and the secret (shown once)',
        tags,
        headers: IdempotencyHeaders,
        body: z.strictObject({
          kind: z.enum(INCIDENT_SOURCE_KINDS),
          name: text(200),
          secret: Secret.optional(),
        }),
        response: { 201: WithSecret, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { teamId } = teamCaller(request)
      return sendCreated(
        reply,
        await sources.create(
          teamId,
          request.body,
          baseUrl(request),
          idempotencyOf(request, `team:${teamId}`),
        ),
      )
    },
  )
  app.get(
    '/v1/incident-sources',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'listIncidentSources',
        tags,
        response: { 200: z.object({ items: z.array(SourceView) }), ...commonErrors },
      },
    },
    async (request) => ({ items: await sources.list(teamCaller(request).teamId, baseUrl(request)) }),
  )
  app.get(
    '/v1/incident-sources/:id',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'getIncidentSource',
        tags,
        params: IdParams,
        response: { 200: SourceView, ...commonErrors, ...notFound },
      },
    },
    async (request, reply) => {
      const source = await sources.get(teamCaller(request).teamId, request.params.id, baseUrl(request))
      return withEtag(reply, source.version).send(source)
    },
  )
  app.delete(
    '/v1/incident-sources/:id',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'deleteIncidentSource',
        summary: 'Stop receiving from the tool; the reviews it opened stay',
        tags,
        params: IdParams,
        headers: IfMatchHeaders,
        response: { 204: z.null().describe('Deleted'), ...commonErrors, ...notFound, ...preconditionErrors },
      },
    },
    async (request, reply) => {
      await sources.remove(teamCaller(request).teamId, request.params.id, requireIfMatch(request))
      return reply.code(204).send(null)
    },
  )
  app.post(
    '/v1/incident-sources/:id/rotate-secret',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'rotateIncidentSourceSecret',
        summary: 'A new secret; the previous one is still accepted for 24 hours',
        tags,
        params: IdParams,
        body: z.strictObject({ secret: Secret.optional() }).nullish(),
        response: { 200: WithSecret, ...commonErrors, ...notFound },
      },
    },
    async (request) =>
      sources.rotate(teamCaller(request).teamId, request.params.id, request.body?.secret, baseUrl(request)),
  )
  app.get(
    '/v1/incident-sources/:id/events',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'listIncidentSourceEvents',
        summary: 'The 100 most recent deliveries and what became of them',
        tags,
        params: IdParams,
        response: { 200: z.object({ items: z.array(EventView) }), ...commonErrors, ...notFound },
      },
    },
    async (request) => {
      const { teamId } = teamCaller(request)
      await sources.get(teamId, request.params.id, '')
      const rows = await ingest.recent(teamId, request.params.id, 100)
      return {
        items: rows.map((r) => ({
          ...r,
          receivedAt: r.receivedAt.toISOString(),
          processedAt: r.processedAt?.toISOString() ?? null,
        })),
      }
    },
  )

  await app.register(async (receiver) => {
    // Every content type is taken as raw bytes: the signature covers them, and tools differ in
    // what Content-Type they send. The bytes travel beside the body so no hook walks them.
    receiver.removeAllContentTypeParsers()
    receiver.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
      request.rawBody = body as Buffer
      done(null, null)
    })
    receiver.post(
      '/hooks/incidents/:id',
      {
        config: { auth: 'public' },
        // The body schema documents the generic shape; the service checks each kind's body itself.
        validatorCompiler: ({ httpPart }) =>
          httpPart === 'body' ? () => ({ value: undefined }) : (data) => ({ value: data }),
        schema: {
          operationId: 'receiveIncidentEvent',
          summary: 'Receive a webhook from an incident tool (no API key; the tool’s own signature)',
          description: RECEIVER_DESCRIPTION,
          tags,
          security: [],
          params: z.object({ id: z.string() }),
          body: GenericIncidentEvent,
          response: {
            202: z.object({
              eventId: z.uuid(),
              duplicate: z
                .boolean()
                .describe('True when this delivery was received before; nothing new happens'),
            }),
            400: problem('The body is not what this kind of source sends'),
            401: problem('Signature or secret missing, wrong or stale; nothing was stored'),
            404: problem('No incident source with this id'),
            413: problem('Body too large'),
            503: problem('The database is unavailable; the tool should retry'),
          },
        },
      },
      async (request, reply) => {
        const result = await ingest.receive(
          (request.params as { id: string }).id,
          request.rawBody ?? Buffer.alloc(0),
          request.headers,
          request.id,
        )
        return reply.code(202).send(result)
      },
    )
  })
}
