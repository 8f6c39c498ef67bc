import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm'
import type { Executor } from '../db/client.ts'
import {
  type DeliveryStatus,
  deliveries,
  deliveryAttempts,
  integrationPages,
  integrations,
  publications,
  webhookEndpoints,
} from '../db/schema/index.ts'

export type NewDelivery = typeof deliveries.$inferInsert

/** SQL for deliveries, their attempts and the pages they made. Team-scoped where callers are teams. */
export function createDeliveriesRepository(db: Executor) {
  return {
    insertMany: (ex: Executor, rows: NewDelivery[]) =>
      rows.length ? ex.insert(deliveries).values(rows).returning() : Promise.resolve([]),
    async get(id: string, teamId?: string) {
      const where = teamId ? and(eq(deliveries.id, id), eq(deliveries.teamId, teamId)) : eq(deliveries.id, id)
      const [row] = await db.select().from(deliveries).where(where)
      return row
    },
    update: (ex: Executor, id: string, values: Partial<NewDelivery>) =>
      ex
        .update(deliveries)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(deliveries.id, id)),
    addAttempt: (ex: Executor, values: typeof deliveryAttempts.$inferInsert) =>
      ex.insert(deliveryAttempts).values(values),
    attempts: (deliveryId: string) =>
      db
        .select()
        .from(deliveryAttempts)
        .where(eq(deliveryAttempts.deliveryId, deliveryId))
        .orderBy(asc(deliveryAttempts.attempt)),

    /** Newest first, keyset-paginated on (createdAt, id). */
    list(
      teamId: string,
      f: { status?: DeliveryStatus[]; reviewId?: string; limit: number; after?: [string, string] },
    ) {
      const where = [eq(deliveries.teamId, teamId)]
      if (f.status?.length) where.push(inArray(deliveries.status, f.status))
      if (f.reviewId) where.push(eq(deliveries.reviewId, f.reviewId))
      if (f.after) {
        const at = sql`${f.after[0]}::timestamptz`
        where.push(
          or(lt(deliveries.createdAt, at), and(eq(deliveries.createdAt, at), lt(deliveries.id, f.after[1])))!,
        )
      }
      return db
        .select({ row: deliveries, cursorAt: sql<string>`${deliveries.createdAt}::text` })
        .from(deliveries)
        .where(and(...where))
        .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
        .limit(f.limit + 1)
    },

    enabledIntegrations: (ex: Executor, teamId: string) =>
      ex
        .select()
        .from(integrations)
        .where(and(eq(integrations.teamId, teamId), eq(integrations.enabled, true))),
    subscribedEndpoints: (ex: Executor, teamId: string, eventType: string) =>
      ex
        .select()
        .from(webhookEndpoints)
        .where(
          and(
            eq(webhookEndpoints.teamId, teamId),
            eq(webhookEndpoints.enabled, true),
            sql`${eventType} = any(${webhookEndpoints.events})`,
          ),
        ),
    /** Distinct events any enabled endpoint of the team subscribes to. */
    async subscribedEvents(ex: Executor, teamId: string): Promise<string[]> {
      const rows = await ex
        .selectDistinct({ event: sql<string>`unnest(${webhookEndpoints.events})` })
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.teamId, teamId), eq(webhookEndpoints.enabled, true)))
      return rows.map((r) => r.event)
    },
    async integration(id: string) {
      const [row] = await db.select().from(integrations).where(eq(integrations.id, id))
      return row
    },
    async endpoint(id: string) {
      const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id))
      return row
    },
    disableEndpoint: (id: string, reason: string) =>
      db
        .update(webhookEndpoints)
        .set({ enabled: false, disabledReason: reason, updatedAt: new Date() })
        .where(eq(webhookEndpoints.id, id)),
    async latestPublication(reviewId: string) {
      const [row] = await db
        .select()
        .from(publications)
        .where(eq(publications.reviewId, reviewId))
        .orderBy(desc(publications.number))
        .limit(1)
      return row
    },
    async page(integrationId: string, reviewId: string) {
      const [row] = await db
        .select()
        .from(integrationPages)
        .where(
          and(eq(integrationPages.integrationId, integrationId), eq(integrationPages.reviewId, reviewId)),
        )
      return row
    },
    savePage: (ex: Executor, values: typeof integrationPages.$inferInsert) =>
      ex
        .insert(integrationPages)
        .values(values)
        .onConflictDoUpdate({
          target: [integrationPages.integrationId, integrationPages.reviewId],
          set: {
            pageId: values.pageId,
            pageVersion: values.pageVersion,
            pageUrl: values.pageUrl,
            publicationNumber: values.publicationNumber,
            updatedAt: new Date(),
          },
        }),
  }
}

export type DeliveriesRepository = ReturnType<typeof createDeliveriesRepository>
