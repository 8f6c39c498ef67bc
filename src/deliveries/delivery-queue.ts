import { sql } from 'drizzle-orm'
import { fromDrizzle, fromPglite, PgBoss } from 'pg-boss'
import type { Database, Executor } from '../db/client.ts'

export const DELIVER_QUEUE = 'deliver'
export type DeliverJob = { deliveryId: string }

/**
 * Deliveries run on pg-boss, a job queue in the same PostgreSQL (or the embedded PGlite): jobs are
 * sent in the transaction that records the delivery, survive restarts and are shared by instances.
 */
export type DeliveryQueue = {
  /** Sends the job inside `ex`'s transaction; it exists only if that transaction commits. */
  enqueue(ex: Executor, job: DeliverJob, options: { key: string; startAfterSeconds?: number }): Promise<void>
  work(handler: (job: DeliverJob) => Promise<void>): Promise<void>
  stop(): Promise<void>
}

export async function startDeliveryQueue(database: Database): Promise<DeliveryQueue> {
  const raw = database.raw
  const boss =
    raw.kind === 'postgres'
      ? new PgBoss({ connectionString: raw.url, max: 4, schema: 'pgboss' })
      : new PgBoss({ db: fromPglite(raw.client), schema: 'pgboss' })
  boss.on('error', (error) => console.error('delivery queue error', error))
  await boss.start()
  // `singleton` with a key per target and review: one active attempt per page, so two publications
  // of the same review never race to create two pages.
  await boss.createQueue(DELIVER_QUEUE, { policy: 'singleton' })
  return {
    async enqueue(ex, job, { key, startAfterSeconds }) {
      await boss.send(DELIVER_QUEUE, job, {
        singletonKey: key,
        retryLimit: 0, // the worker schedules its own retries, honouring Retry-After
        ...(startAfterSeconds ? { startAfter: Math.ceil(startAfterSeconds) } : {}),
        db: fromDrizzle(ex as never, sql as never),
      })
    },
    async work(handler) {
      await boss.work<DeliverJob>(
        DELIVER_QUEUE,
        { pollingIntervalSeconds: 0.5, batchSize: 1 },
        async (jobs) => {
          for (const job of jobs) await handler(job.data)
        },
      )
    },
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
  }
}
