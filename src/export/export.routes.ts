import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { teamCaller } from '../http/auth.ts'
import { withEtag } from '../http/preconditions.ts'
import { commonErrors, IdParams, notFound } from '../http/schemas.ts'
import type { ReviewsService } from '../reviews/reviews.service.ts'
import { type Clock, systemClock } from '../shared/clock.ts'
import { DEFAULT_TEMPLATE, renderMarkdown, TEMPLATES } from './markdown.render.ts'

const ExportQuery = z.strictObject({
  template: z
    .enum(TEMPLATES)
    .default(DEFAULT_TEMPLATE)
    .describe(
      '`aar`: the four AAR questions (default); `classic`: summary, impact, timeline, factors, actions',
    ),
})

/** HTTP for the Markdown export: the review as the team sees it now, rendered by a shipped template. */
export const exportRoutes: FastifyPluginAsyncZod<{
  reviews: Pick<ReviewsService, 'get'>
  clock?: Clock
}> = async (app, { reviews, clock = systemClock }) => {
  app.get(
    '/v1/reviews/:id/export.md',
    {
      config: { auth: 'read' },
      schema: {
        operationId: 'exportReviewMarkdown',
        summary: 'Export a review as GitHub-flavoured Markdown with YAML front matter',
        description:
          'User text is escaped for Markdown: it cannot add headings, links, images, tables or HTML. ' +
          'The ETag is the review’s, so a wiki sync can skip unchanged reviews.',
        tags: ['reviews'],
        params: IdParams,
        querystring: ExportQuery,
        response: {
          200: {
            description: 'The review as Markdown',
            content: { 'text/markdown': { schema: z.string() } },
          },
          ...commonErrors,
          ...notFound,
        },
      },
    },
    async (request, reply) => {
      const review = await reviews.get(teamCaller(request).teamId, request.params.id)
      const markdown = renderMarkdown(review, {
        template: request.query.template,
        generatedAt: clock.now().toISOString(),
      })
      return withEtag(reply, review.version).type('text/markdown; charset=utf-8').send(markdown)
    },
  )
}
