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
  ReviewPartParams,
} from '../http/schemas.ts'
import type { PartKind } from './parts.repository.ts'
import {
  CreateActionItemBody,
  CreateFactorBody,
  CreateTimelineEventBody,
  UpdateActionItemBody,
  UpdateFactorBody,
  UpdateTimelineEventBody,
} from './parts.schemas.ts'
import { kindPath, type PartsService } from './parts.service.ts'
import { ActionItemView, ContributingFactorView, TimelineEventView } from './review.views.ts'

const KINDS: Record<PartKind, { one: string; create: z.ZodType; update: z.ZodType; view: z.ZodType }> = {
  timelineEvents: {
    one: 'TimelineEvent',
    create: CreateTimelineEventBody,
    update: UpdateTimelineEventBody,
    view: TimelineEventView,
  },
  contributingFactors: {
    one: 'ContributingFactor',
    create: CreateFactorBody,
    update: UpdateFactorBody,
    view: ContributingFactorView,
  },
  actionItems: {
    one: 'ActionItem',
    create: CreateActionItemBody,
    update: UpdateActionItemBody,
    view: ActionItemView,
  },
}

type Body = Record<string, unknown>

/** The same five routes for each part of a review, under /v1/reviews/{id}/<kind>. */
export const partsRoutes: FastifyPluginAsyncZod<{ service: PartsService }> = async (app, { service }) => {
  for (const [kind, def] of Object.entries(KINDS) as [PartKind, (typeof KINDS)[PartKind]][]) {
    const base = `/v1/reviews/:id/${kindPath[kind]}`
    const tags = ['review parts']
    const one = `/v1/reviews/:id/${kindPath[kind]}/:partId`

    app.post(
      base,
      {
        config: { auth: 'write' },
        schema: {
          operationId: `create${def.one}`,
          tags,
          params: IdParams,
          headers: IdempotencyHeaders,
          body: def.create,
          response: { 201: def.view, ...commonErrors, ...notFound },
        },
      },
      async (request, reply) => {
        const caller = teamCaller(request)
        const idem = idempotencyOf(request, `team:${caller.teamId}`)
        return sendCreated(
          reply,
          await service.create(kind, caller, request.params.id, request.body as Body, idem),
        )
      },
    )

    app.get(
      base,
      {
        config: { auth: 'read' },
        schema: {
          operationId: `listReview${def.one}s`,
          tags,
          params: IdParams,
          response: { 200: z.object({ items: z.array(def.view) }), ...commonErrors, ...notFound },
        },
      },
      async (request) => ({ items: await service.list(kind, teamCaller(request).teamId, request.params.id) }),
    )

    app.get(
      one,
      {
        config: { auth: 'read' },
        schema: {
          operationId: `get${def.one}`,
          tags,
          params: ReviewPartParams,
          response: { 200: def.view, ...commonErrors, ...notFound },
        },
      },
      async (request, reply) => {
        const { id, partId } = request.params
        const part = await service.get(kind, teamCaller(request).teamId, id, partId)
        return withEtag(reply, part.version as number).send(part)
      },
    )

    app.patch(
      one,
      {
        config: { auth: 'write' },
        schema: {
          operationId: `update${def.one}`,
          tags,
          params: ReviewPartParams,
          headers: IfMatchHeaders,
          body: def.update,
          response: { 200: def.view, ...commonErrors, ...notFound, ...preconditionErrors },
        },
      },
      async (request, reply) => {
        const precondition = requireIfMatch(request)
        const { id, partId } = request.params
        const part = await service.update(
          kind,
          teamCaller(request),
          id,
          partId,
          precondition,
          request.body as Body,
        )
        return withEtag(reply, part.version as number).send(part)
      },
    )

    app.delete(
      one,
      {
        config: { auth: 'write' },
        schema: {
          operationId: `delete${def.one}`,
          tags,
          params: ReviewPartParams,
          headers: IfMatchHeaders,
          response: {
            204: z.null().describe('Deleted'),
            ...commonErrors,
            ...notFound,
            ...preconditionErrors,
          },
        },
      },
      async (request, reply) => {
        const precondition = requireIfMatch(request)
        await service.remove(
          kind,
          teamCaller(request),
          request.params.id,
          request.params.partId,
          precondition,
        )
        return reply.code(204).send(null)
      },
    )
  }
}
