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
  Page,
  PageQuery,
  preconditionErrors,
  problem,
} from '../http/schemas.ts'
import { GuideView } from './guide.views.ts'
import {
  PublicationSummaryView,
  PublicationView,
  ReviewSummaryView,
  ReviewView,
  RevisionView,
} from './review.views.ts'
import { CreateReviewBody, ListReviewsQuery, UpdateReviewBody } from './reviews.schemas.ts'
import type { ReviewsService } from './reviews.service.ts'

const tags = ['reviews']
const FindingParams = z.strictObject({
  id: z.uuid(),
  findingId: z
    .string()
    .max(18)
    .regex(/^f_[0-9a-f]{16}$/),
})

/** HTTP for reviews: parse, authorise, call the service, shape the reply. No rules here. */
export const reviewsRoutes: FastifyPluginAsyncZod<{ service: ReviewsService }> = async (app, { service }) => {
  app.post(
    '/v1/reviews',
    {
      config: { auth: 'write' },
      schema: {
        operationId: 'createReview',
        summary: 'Create a review (a draft AAR)',
        tags,
        headers: IdempotencyHeaders,
        body: CreateReviewBody,
        response: {
          201: ReviewView,
          ...commonErrors,
          409: problem(
            'The incident already has a review (one review per team, incident.source and incident.externalId); Location points at it',
          ),
          422: problem('Idempotency-Key reused with a different body'),
        },
      },
    },
    async (request, reply) => {
      const caller = teamCaller(request)
      const result = await service.create(
        caller,
        request.body,
        idempotencyOf(request, `team:${caller.teamId}`),
      )
      return sendCreated(reply, result)
    },
  )

  app.get(
    '/v1/reviews',
    {
      config: { auth: 'read' },
      schema: {
        operationId: 'listReviews',
        summary: 'List reviews, newest first',
        tags,
        querystring: ListReviewsQuery,
        response: { 200: Page(ReviewSummaryView), ...commonErrors },
      },
    },
    async (request) => service.list(teamCaller(request).teamId, request.query),
  )

  app.get(
    '/v1/reviews/:id',
    {
      config: { auth: 'read' },
      schema: {
        operationId: 'getReview',
        summary: 'Get a review with its timeline, factors and action items',
        tags,
        params: IdParams,
        response: { 200: ReviewView, ...commonErrors, ...notFound },
      },
    },
    async (request, reply) => {
      const review = await service.get(teamCaller(request).teamId, request.params.id)
      return withEtag(reply, review.version).send(review)
    },
  )

  app.patch(
    '/v1/reviews/:id',
    {
      config: { auth: 'write' },
      schema: {
        operationId: 'updateReview',
        summary: 'Change some fields of a review (answers are merged by key)',
        description: 'Editing a published review moves it back to draft; its publications are kept.',
        tags,
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateReviewBody,
        response: { 200: ReviewView, ...commonErrors, ...notFound, ...preconditionErrors },
      },
    },
    async (request, reply) => {
      const precondition = requireIfMatch(request)
      const review = await service.update(teamCaller(request), request.params.id, precondition, request.body)
      return withEtag(reply, review.version).send(review)
    },
  )

  app.delete(
    '/v1/reviews/:id',
    {
      config: { auth: 'write' },
      schema: {
        operationId: 'deleteReview',
        summary: 'Delete a review that was never published',
        tags,
        params: IdParams,
        headers: IfMatchHeaders,
        response: {
          204: z.null().describe('Deleted'),
          ...commonErrors,
          ...notFound,
          ...preconditionErrors,
          409: problem('The review has been published'),
        },
      },
    },
    async (request, reply) => {
      const precondition = requireIfMatch(request)
      await service.remove(teamCaller(request), request.params.id, precondition)
      return reply.code(204).send(null)
    },
  )

  for (const [action, verb, summary] of [
    ['submit', 'submitReview', 'Move a draft to in_review'],
    [
      'publish',
      'publishReview',
      'Publish: freeze a new publication (refused while the checklist has blockers)',
    ],
  ] as const) {
    app.post(
      `/v1/reviews/:id/${action}`,
      {
        config: { auth: 'write' },
        schema: {
          operationId: verb,
          summary,
          tags,
          params: IdParams,
          headers: IfMatchHeaders,
          response: {
            200: ReviewView,
            ...commonErrors,
            ...notFound,
            ...preconditionErrors,
            409: problem('The review is not in a state that allows this'),
            ...(action === 'publish' ? { 422: problem('Blockers remain; `blockers` lists them') } : {}),
          },
        },
      },
      async (request, reply) => {
        const precondition = requireIfMatch(request)
        const caller = teamCaller(request)
        const review =
          action === 'submit'
            ? await service.submit(caller, request.params.id, precondition)
            : (await service.publish(caller, request.params.id, precondition)).review
        return withEtag(reply, review.version).send(review)
      },
    )
  }

  app.post(
    '/v1/reviews/:id/findings/:findingId/suppress',
    {
      config: { auth: 'write' },
      schema: {
        operationId: 'suppressFinding',
        summary: 'Suppress a blame-language finding with a recorded justification',
        description:
          'The suppression is kept in the revision history and shown in the guide; it lasts while the flagged text is unchanged.',
        tags,
        params: FindingParams,
        body: z.strictObject({ justification: z.string().trim().min(1).max(2000) }),
        response: { 200: ReviewView, ...commonErrors, ...notFound },
      },
    },
    async (request, reply) => {
      const { id, findingId } = request.params
      const review = await service.suppressFinding(
        teamCaller(request),
        id,
        findingId,
        request.body.justification,
      )
      return withEtag(reply, review.version).send(review)
    },
  )

  app.delete(
    '/v1/reviews/:id/findings/:findingId/suppression',
    {
      config: { auth: 'write' },
      schema: {
        operationId: 'unsuppressFinding',
        summary: 'Lift the suppression of a finding',
        description:
          'The finding counts again (an error-severity finding blocks publishing again while its text is unchanged). ' +
          'The lifted suppression and who lifted it are kept in the revision history as `finding.unsuppressed`.',
        tags,
        params: FindingParams,
        response: {
          200: ReviewView.describe('The review, with the finding no longer suppressed'),
          ...commonErrors,
          404: problem('No such review, or the finding is not suppressed'),
        },
      },
    },
    async (request, reply) => {
      const { id, findingId } = request.params
      const review = await service.unsuppressFinding(teamCaller(request), id, findingId)
      return withEtag(reply, review.version).send(review)
    },
  )

  app.get(
    '/v1/reviews/:id/guide',
    {
      config: { auth: 'read' },
      schema: {
        operationId: 'getReviewGuide',
        summary: 'The four questions, what to do next, and what still blocks publishing',
        tags,
        params: IdParams,
        response: { 200: GuideView, ...commonErrors, ...notFound },
      },
    },
    async (request) => service.guide(teamCaller(request).teamId, request.params.id),
  )

  app.get(
    '/v1/reviews/:id/revisions',
    {
      config: { auth: 'read' },
      schema: {
        operationId: 'listReviewRevisions',
        summary: 'Every accepted change to the review, oldest first',
        tags,
        params: IdParams,
        querystring: z.strictObject(PageQuery),
        response: { 200: Page(RevisionView), ...commonErrors, ...notFound },
      },
    },
    async (request) =>
      service.revisions(
        teamCaller(request).teamId,
        request.params.id,
        request.query.cursor,
        request.query.limit,
      ),
  )

  app.get(
    '/v1/reviews/:id/publications',
    {
      config: { auth: 'read' },
      schema: {
        operationId: 'listReviewPublications',
        summary: 'The frozen publications of a review, oldest first',
        tags,
        params: IdParams,
        response: { 200: z.object({ items: z.array(PublicationSummaryView) }), ...commonErrors, ...notFound },
      },
    },
    async (request) => ({ items: await service.publications(teamCaller(request).teamId, request.params.id) }),
  )

  app.get(
    '/v1/reviews/:id/publications/:number',
    {
      config: { auth: 'read' },
      schema: {
        operationId: 'getReviewPublication',
        summary: 'One publication with its full snapshot',
        tags,
        params: z.strictObject({ id: z.uuid(), number: z.coerce.number().int().min(1).max(1_000_000) }),
        response: { 200: PublicationView, ...commonErrors, ...notFound },
      },
    },
    async (request) =>
      service.publication(teamCaller(request).teamId, request.params.id, request.params.number),
  )
}
