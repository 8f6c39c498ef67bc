import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { Executor } from '../db/client.ts'
import { actionItems, contributingFactors, timelineEvents } from '../db/schema/index.ts'

export const PART_TABLES = {
  timelineEvents,
  contributingFactors,
  actionItems,
} as const
export type PartKind = keyof typeof PART_TABLES

type PartTable = PgTable & {
  id: PgColumn
  teamId: PgColumn
  reviewId: PgColumn
  createdAt: PgColumn
}

/** SQL for the parts of a review (timeline events, contributing factors, action items). */
export function createPartsRepository(db: Executor) {
  const table = (kind: PartKind) => PART_TABLES[kind] as unknown as PartTable
  const scope = (t: PartTable, teamId: string, reviewId: string) =>
    and(eq(t.teamId, teamId), eq(t.reviewId, reviewId))

  return {
    list(kind: PartKind, teamId: string, reviewId: string) {
      const t = table(kind)
      const order = kind === 'timelineEvents' ? [asc(timelineEvents.occurredAt)] : []
      return db
        .select()
        .from(t)
        .where(scope(t, teamId, reviewId))
        .orderBy(...order, asc(t.createdAt), asc(t.id)) as Promise<Record<string, unknown>[]>
    },
    async get(kind: PartKind, teamId: string, reviewId: string, id: string, tx: Executor = db) {
      const t = table(kind)
      const [row] = await tx
        .select()
        .from(t)
        .where(and(scope(t, teamId, reviewId), eq(t.id, id)))
      return row as Record<string, unknown> | undefined
    },
    async insert(tx: Executor, kind: PartKind, values: Record<string, unknown>) {
      const [row] = await tx.insert(table(kind)).values(values).returning()
      return row as Record<string, unknown>
    },
    async update(tx: Executor, kind: PartKind, id: string, values: Record<string, unknown>) {
      const t = table(kind)
      const [row] = await tx.update(t).set(values).where(eq(t.id, id)).returning()
      return row as Record<string, unknown>
    },
    remove: (tx: Executor, kind: PartKind, id: string) => {
      const t = table(kind)
      return tx.delete(t).where(eq(t.id, id))
    },
    /** How many of `ids` are parts of `kind` in this review (to validate links). */
    async countIn(tx: Executor, kind: PartKind, teamId: string, reviewId: string, ids: string[]) {
      if (ids.length === 0) return 0
      const t = table(kind)
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(t)
        .where(and(scope(t, teamId, reviewId), inArray(t.id, ids)))
      return row?.n ?? 0
    },
    /** Removes a deleted part's id from the links that pointed at it. */
    unlink: async (
      tx: Executor,
      kind: 'timelineEvents' | 'contributingFactors',
      reviewId: string,
      id: string,
    ) => {
      if (kind === 'timelineEvents') {
        await tx
          .update(contributingFactors)
          .set({ timelineEventIds: sql`array_remove(${contributingFactors.timelineEventIds}, ${id}::uuid)` })
          .where(eq(contributingFactors.reviewId, reviewId))
      } else {
        await tx
          .update(actionItems)
          .set({ factorIds: sql`array_remove(${actionItems.factorIds}, ${id}::uuid)` })
          .where(eq(actionItems.reviewId, reviewId))
      }
    },
  }
}

export type PartsRepository = ReturnType<typeof createPartsRepository>
