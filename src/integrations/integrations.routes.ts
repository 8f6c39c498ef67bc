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
import { CreateIntegrationBodySchema } from './integration.schemas.ts'
import type { IntegrationsService } from './integrations.service.ts'

const IntegrationView = z
  .object({
    id: z.uuid(),
    kind: z.string().describe('confluence-cloud, confluence-dc or notion'),
    name: z.string(),
    config: z.record(z.string(), z.unknown()),
    credentialsHint: z.string().describe('Last 4 characters of the token; credentials are never returned'),
    enabled: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Integration' })
const tags = ['integrations']

/** The team's wikis: every enabled one receives every published review. */
export const integrationsRoutes: FastifyPluginAsyncZod<{ service: IntegrationsService }> = async (
  app,
  { service },
) => {
  app.post(
    '/v1/integrations',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'createIntegration',
        summary: 'Connect a Confluence (Cloud or Data Center) space or a Notion page/database',
        tags,
        headers: IdempotencyHeaders,
        body: CreateIntegrationBodySchema,
        response: { 201: IntegrationView, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { teamId } = teamCaller(request)
      const body = request.body as { kind: string; name: string; config: object; credentials: object }
      const input = {
        kind: body.kind,
        name: body.name,
        config: body.config as Record<string, unknown>,
        credentials: body.credentials as Record<string, string>,
      }
      return sendCreated(reply, await service.create(teamId, input, idempotencyOf(request, `team:${teamId}`)))
    },
  )
  app.get(
    '/v1/integrations',
    {
      config: { auth: 'read' },
      schema: {
        operationId: 'listIntegrations',
        tags,
        response: { 200: z.object({ items: z.array(IntegrationView) }), ...commonErrors },
      },
    },
    async (request) => ({ items: await service.list(teamCaller(request).teamId) }),
  )
  app.get(
    '/v1/integrations/:id',
    {
      config: { auth: 'read' },
      schema: {
        operationId: 'getIntegration',
        tags,
        params: IdParams,
        response: { 200: IntegrationView, ...commonErrors, ...notFound },
      },
    },
    async (request, reply) => {
      const integration = await service.get(teamCaller(request).teamId, request.params.id)
      return withEtag(reply, integration.version).send(integration)
    },
  )
  app.patch(
    '/v1/integrations/:id',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'updateIntegration',
        summary: 'Rename, disable or re-enable an integration',
        tags,
        params: IdParams,
        headers: IfMatchHeaders,
        body: z.strictObject({
          name: z.string().trim().min(1).max(200).optional(),
          enabled: z.boolean().optional(),
        }),
        response: { 200: IntegrationView, ...commonErrors, ...notFound, ...preconditionErrors },
      },
    },
    async (request, reply) => {
      const precondition = requireIfMatch(request)
      const updated = await service.update(
        teamCaller(request).teamId,
        request.params.id,
        precondition,
        request.body,
      )
      return withEtag(reply, updated.version).send(updated)
    },
  )
  app.delete(
    '/v1/integrations/:id',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'deleteIntegration',
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
}
