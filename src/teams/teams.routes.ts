import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { idempotencyOf, sendCreated } from '../http/replies.ts'
import { commonErrors, IdempotencyHeaders, notFound, Page, PageQuery, text } from '../http/schemas.ts'
import { type Principal, SCOPES } from '../shared/access.ts'
import type { TeamsService } from './teams.service.ts'

const stamp = z.string()
const TeamView = z.object({ id: z.uuid(), name: z.string(), createdAt: stamp }).meta({ id: 'Team' })
const ApiKeyView = z
  .object({
    id: z.uuid(),
    teamId: z.uuid(),
    name: z.string(),
    scopes: z.array(z.enum(SCOPES)),
    prefix: z.string().describe('The first characters of the key, to tell keys apart'),
    createdAt: stamp,
    revokedAt: stamp.nullable(),
  })
  .meta({ id: 'ApiKey' })
const NewApiKeyView = ApiKeyView.extend({
  key: z.string().describe('The secret; shown only in this response'),
}).meta({
  id: 'NewApiKey',
})
const TeamParams = z.strictObject({ teamId: z.uuid() })
const tags = ['teams']

const principalOf = (p: Principal | null): Principal => p ?? { kind: 'operator' }
const scopeOf = (p: Principal) => (p.kind === 'operator' ? 'operator' : `team:${p.teamId}`)

/** Operator calls: teams and keys. A key with the admin scope may manage its own team's keys. */
export const teamsRoutes: FastifyPluginAsyncZod<{ service: TeamsService }> = async (app, { service }) => {
  app.post(
    '/v1/teams',
    {
      config: { auth: 'operator' },
      schema: {
        operationId: 'createTeam',
        tags,
        headers: IdempotencyHeaders,
        body: z.strictObject({ name: text(200) }),
        response: { 201: TeamView, ...commonErrors },
      },
    },
    async (request, reply) =>
      sendCreated(reply, await service.create(request.body.name, idempotencyOf(request, 'operator'))),
  )

  app.get(
    '/v1/teams',
    {
      config: { auth: 'operator' },
      schema: {
        operationId: 'listTeams',
        tags,
        querystring: z.strictObject(PageQuery),
        response: { 200: Page(TeamView), ...commonErrors },
      },
    },
    async (request) => service.list(request.query),
  )

  app.get(
    '/v1/teams/:teamId',
    {
      config: { auth: 'operator-or-team-admin' },
      schema: {
        operationId: 'getTeam',
        tags,
        params: TeamParams,
        response: { 200: TeamView, ...commonErrors, ...notFound },
      },
    },
    async (request) => service.get(principalOf(request.principal), request.params.teamId),
  )

  app.post(
    '/v1/teams/:teamId/api-keys',
    {
      config: { auth: 'operator-or-team-admin' },
      schema: {
        operationId: 'createApiKey',
        summary: 'Create an API key; the key is shown only in this response',
        tags,
        params: TeamParams,
        headers: IdempotencyHeaders,
        body: z.strictObject({
          name: text(200),
          scopes: z.array(z.enum(SCOPES)).min(1).describe('write implies read; admin implies both'),
        }),
        response: { 201: NewApiKeyView, ...commonErrors, ...notFound },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request.principal)
      const idem = idempotencyOf(request, scopeOf(principal))
      return sendCreated(reply, await service.createKey(principal, request.params.teamId, request.body, idem))
    },
  )

  app.get(
    '/v1/teams/:teamId/api-keys',
    {
      config: { auth: 'operator-or-team-admin' },
      schema: {
        operationId: 'listApiKeys',
        tags,
        params: TeamParams,
        response: { 200: z.object({ items: z.array(ApiKeyView) }), ...commonErrors, ...notFound },
      },
    },
    async (request) => ({
      items: await service.listKeys(principalOf(request.principal), request.params.teamId),
    }),
  )

  app.delete(
    '/v1/teams/:teamId/api-keys/:keyId',
    {
      config: { auth: 'operator-or-team-admin' },
      schema: {
        operationId: 'revokeApiKey',
        summary: 'Revoke a key (it stops working at once on this instance, within seconds on others)',
        tags,
        params: z.strictObject({ teamId: z.uuid(), keyId: z.uuid() }),
        response: { 200: ApiKeyView, ...commonErrors, ...notFound },
      },
    },
    async (request) =>
      service.revokeKey(principalOf(request.principal), request.params.teamId, request.params.keyId),
  )
}
