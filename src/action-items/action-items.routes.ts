import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { teamCaller } from '../http/auth.ts'
import { commonErrors, csvEnum, DateOnly, Page, PageQuery } from '../http/schemas.ts'
import { ActionItemView, toActionItem } from '../reviews/review.views.ts'
import type { Clock } from '../shared/clock.ts'
import { decodeCursor, encodeCursor } from '../shared/cursor.ts'
import { ACTION_ITEM_STATUSES } from '../vocabulary.ts'
import type { ActionItemsRepository } from './action-items.repository.ts'

const Query = z.strictObject({
  status: csvEnum(ACTION_ITEM_STATUSES).optional(),
  owner: z.string().trim().min(1).max(200).optional(),
  reviewId: z.uuid().optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: due before today (UTC) and still open or in progress'),
  dueBefore: DateOnly.optional().describe('Due strictly before this date'),
  dueAfter: DateOnly.optional().describe('Due strictly after this date'),
  ...PageQuery,
})

const Item = ActionItemView.extend({ review: z.object({ id: z.uuid(), title: z.string() }) }).meta({
  id: 'ActionItemWithReview',
})

/** The team's follow-up list: what is open and overdue across all reviews. */
export const actionItemsRoutes: FastifyPluginAsyncZod<{
  repository: ActionItemsRepository
  clock: Clock
}> = async (app, { repository, clock }) => {
  app.get(
    '/v1/action-items',
    {
      config: { auth: 'read' },
      schema: {
        operationId: 'listActionItems',
        summary: 'Action items across all reviews of the team, soonest due first',
        tags: ['action items'],
        querystring: Query,
        response: { 200: Page(Item), ...commonErrors },
      },
    },
    async (request) => {
      const q = request.query
      const after = q.cursor ? decodeCursor(q.cursor, ['date', 'uuid']) : undefined
      const rows = await repository.list(teamCaller(request).teamId, {
        statuses: q.status,
        owner: q.owner,
        reviewId: q.reviewId,
        dueBefore: q.dueBefore,
        dueAfter: q.dueAfter,
        overdueOn: q.overdue ? clock.now().toISOString().slice(0, 10) : undefined,
        limit: q.limit,
        after: after ? { dueDate: after[0] as string, id: after[1] as string } : undefined,
      })
      const page = rows.slice(0, q.limit)
      const last = page.at(-1)
      return {
        items: page.map((r) => ({
          ...toActionItem(r.item),
          review: { id: r.item.reviewId, title: r.reviewTitle },
        })),
        nextCursor: rows.length > q.limit && last ? encodeCursor([last.item.dueDate, last.item.id]) : null,
      }
    },
  )
}
