import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { teamCaller } from '../http/auth.ts'
import { hashEtag } from '../http/conventions.ts'
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

/**
 * A weak ETag of the bytes except the `generated_at` line: it changes with the review, the template
 * and anything dated (overdue marks), but two exports that differ only in when they were generated are
 * the same document (RFC 9110 §8.8.1), so a wiki sync can send If-None-Match and get 304.
 */
const exportEtag = (markdown: string) => `W/${hashEtag(markdown.replace(/^generated_at: .*$/m, ''))}`

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
          'The ETag is weak: it changes whenever the document does, except for `generated_at`, so a wiki sync can ' +
          'send If-None-Match and get 304 for a review, template and date that produce the same document.',
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
      return reply.header('etag', exportEtag(markdown)).type('text/markdown; charset=utf-8').send(markdown)
    },
  )
}
