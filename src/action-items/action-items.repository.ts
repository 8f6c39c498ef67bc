import { and, asc, eq, gt, inArray, lt, or, type SQL } from 'drizzle-orm'
import type { Executor } from '../db/client.ts'
import { actionItems, reviews } from '../db/schema/index.ts'

export type ActionItemFilter = {
  statuses?: string[] | undefined
  owner?: string | undefined
  reviewId?: string | undefined
  dueBefore?: string | undefined
  dueAfter?: string | undefined
  /** Due strictly before this date and not yet done or dropped. */
  overdueOn?: string | undefined
  limit: number
  after?: { dueDate: string; id: string } | undefined
}

/** Action items across every review of a team, soonest due first. */
export function createActionItemsRepository(db: Executor) {
  return {
    list(teamId: string, f: ActionItemFilter) {
      const where: SQL[] = [eq(actionItems.teamId, teamId)]
      if (f.statuses?.length) where.push(inArray(actionItems.status, f.statuses as never[]))
      if (f.owner) where.push(eq(actionItems.owner, f.owner))
      if (f.reviewId) where.push(eq(actionItems.reviewId, f.reviewId))
      if (f.dueBefore) where.push(lt(actionItems.dueDate, f.dueBefore))
      if (f.dueAfter) where.push(gt(actionItems.dueDate, f.dueAfter))
      if (f.overdueOn) {
        where.push(lt(actionItems.dueDate, f.overdueOn), inArray(actionItems.status, ['open', 'in_progress']))
      }
      if (f.after) {
        const { dueDate, id } = f.after
        where.push(
          or(
            gt(actionItems.dueDate, dueDate),
            and(eq(actionItems.dueDate, dueDate), gt(actionItems.id, id)),
          )!,
        )
      }
      return db
        .select({ item: actionItems, reviewTitle: reviews.title })
        .from(actionItems)
        .innerJoin(reviews, eq(reviews.id, actionItems.reviewId))
        .where(and(...where))
        .orderBy(asc(actionItems.dueDate), asc(actionItems.id))
        .limit(f.limit + 1)
    },
  }
}

export type ActionItemsRepository = ReturnType<typeof createActionItemsRepository>
