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
  /** Another named queue on the same pg-boss (e.g. incoming incident events), created if missing. */
  channel<T extends object>(name: string): Promise<JobChannel<T>>
  /** Jobs waiting or running per queue, for readiness and metrics; throws when the queue is down. */
  depth(): Promise<Record<string, number>>
  stop(): Promise<void>
}

/** A queue whose jobs pg-boss retries with backoff when the handler throws. */
export type JobChannel<T extends object> = {
  /** Sends the job inside `ex`'s transaction; it exists only if that transaction commits. */
  enqueue(ex: Executor, job: T): Promise<void>
  work(handler: (job: T) => Promise<void>): Promise<void>
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
  const names = new Set([DELIVER_QUEUE])
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
    async channel<T extends object>(name: string): Promise<JobChannel<T>> {
      if (!(await boss.getQueue(name))) await boss.createQueue(name)
      names.add(name)
      return {
        async enqueue(ex, job) {
          await boss.send(name, job, {
            retryLimit: 5,
            retryDelay: 2,
            retryBackoff: true,
            db: fromDrizzle(ex as never, sql as never),
          })
        },
        async work(handler) {
          await boss.work<T>(name, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async (jobs) => {
            for (const job of jobs) await handler(job.data)
          })
        },
      }
    },
    async depth() {
      const out: Record<string, number> = {}
      for (const name of names) {
        const q = await boss.getQueue(name)
        out[name] = (q?.queuedCount ?? 0) + (q?.activeCount ?? 0)
      }
      return out
    },
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
  }
}
