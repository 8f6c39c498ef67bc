import { and, desc, eq } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { isDatabaseUnavailable, postgresErrorCode } from '../db/errors.ts'
import { type IncidentEventStatus, incidentEvents } from '../db/schema/index.ts'
import type { JobChannel } from '../deliveries/delivery-queue.ts'
import type { Clock } from '../shared/clock.ts'
import { NotFoundError, UnauthorizedError, ValidationError } from '../shared/errors.ts'
import { type ApplyDeps, applyIncidentUpdate } from './apply.ts'
import { parseJsonExact } from './json.ts'
import { genericProblems } from './providers/generic.ts'
import { MAPPERS } from './providers/index.ts'
import type { IncidentSourcesService } from './sources.service.ts'
import { type Headers, verifyDelivery } from './verify.ts'

export const INCIDENT_QUEUE = 'incident-event'
export type IncidentJob = { eventId: string; requestId?: string | undefined }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const utf8 = new TextDecoder('utf-8', { fatal: true })

export type IngestOutcome = IncidentEventStatus | 'duplicate' | 'rejected'

export type IngestDeps = ApplyDeps & {
  db: Db
  sources: Pick<IncidentSourcesService, 'byId' | 'acceptedSecrets'>
  clock: Clock
  /** Without a queue events are stored and wait for an instance that has one. */
  channel?: JobChannel<IncidentJob> | undefined
  /** Told about every delivery's outcome (metrics). */
  onOutcome?: (kind: string, outcome: IngestOutcome) => void
  log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void }
}

/**
 * Incoming incident events: `receive` verifies and stores (the HTTP request waits only for that),
 * `process` maps the stored event and applies it to the incident's review, on the job queue.
 */
export function createIngest(deps: IngestDeps) {
  const { db, sources, clock } = deps
  const outcome = (kind: string, o: IngestOutcome) => deps.onOutcome?.(kind, o)

  async function finish(
    eventId: string,
    status: IncidentEventStatus,
    fields: { reviewId?: string; detail?: string },
  ) {
    await db
      .update(incidentEvents)
      .set({ status, processedAt: clock.now(), ...fields })
      .where(eq(incidentEvents.id, eventId))
  }

  return {
    async receive(sourceId: string, body: Buffer, headers: Headers, requestId: string) {
      const source = UUID.test(sourceId) ? await sources.byId(sourceId) : undefined
      if (!source) throw new NotFoundError('Incident source')
      const verdict = verifyDelivery(source.kind, body, headers, sources.acceptedSecrets(source), clock.now())
      if (!verdict.ok) {
        outcome(source.kind, 'rejected')
        throw new UnauthorizedError(verdict.reason)
      }
      let text: string
      let parsed: unknown
      try {
        text = utf8.decode(body)
        parsed = parseJsonExact(text)
      } catch {
        throw new ValidationError('The body is not UTF-8 JSON', [{ pointer: '', detail: 'not UTF-8 JSON' }])
      }
      if (text.includes('\u0000')) {
        throw new ValidationError('The body contains NUL characters', [
          { pointer: '', detail: 'NUL character' },
        ])
      }
      if (source.kind === 'generic') {
        const errors = genericProblems(parsed)
        if (errors.length) {
          throw new ValidationError(
            `Not a GenericIncidentEvent: ${errors.map((e) => `${e.pointer}: ${e.detail}`).join('; ')}`,
            errors,
          )
        }
      }
      const identity = MAPPERS[source.kind].identify(parsed, headers)
      if (typeof identity === 'string')
        throw new ValidationError(identity, [{ pointer: '', detail: identity }])
      const stored = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(incidentEvents)
          .values({
            teamId: source.teamId,
            sourceId: source.id,
            deliveryKey: identity.key,
            eventType: identity.eventType,
            body: text,
            requestId,
            receivedAt: clock.now(),
          })
          .onConflictDoNothing({ target: [incidentEvents.sourceId, incidentEvents.deliveryKey] })
          .returning({ id: incidentEvents.id })
        if (row) await deps.channel?.enqueue(tx, { eventId: row.id, requestId })
        return row
      })
      if (stored) return { eventId: stored.id, duplicate: false }
      // Seen before (perhaps a moment ago, concurrently): the first delivery's effect stands.
      outcome(source.kind, 'duplicate')
      const [first] = await db
        .select({ id: incidentEvents.id })
        .from(incidentEvents)
        .where(and(eq(incidentEvents.sourceId, source.id), eq(incidentEvents.deliveryKey, identity.key)))
      return { eventId: first!.id, duplicate: true }
    },

    /** Applies one stored event at most once; infrastructure errors are left to the queue to retry. */
    async process(eventId: string): Promise<IncidentEventStatus | undefined> {
      const [event] = await db.select().from(incidentEvents).where(eq(incidentEvents.id, eventId))
      if (event?.status !== 'received') return event?.status
      const source = await sources.byId(event.sourceId)
      if (!source) return undefined
      const mapped = MAPPERS[source.kind].map(parseJsonExact(event.body))
      if (mapped.kind === 'ignore') {
        await finish(eventId, 'ignored', { detail: mapped.reason })
        outcome(source.kind, 'ignored')
        return 'ignored'
      }
      try {
        const applied = await db.transaction(async (tx) => {
          // Claim the event in the same transaction as its effect: a second run finds it done.
          const [claimed] = await tx
            .update(incidentEvents)
            .set({ status: 'applied', processedAt: clock.now() })
            .where(and(eq(incidentEvents.id, eventId), eq(incidentEvents.status, 'received')))
            .returning({ id: incidentEvents.id })
          if (!claimed) return undefined
          const result = await applyIncidentUpdate(
            tx,
            deps,
            { teamId: source.teamId, kind: source.kind },
            mapped.update,
          )
          await tx
            .update(incidentEvents)
            .set({ reviewId: result.reviewId })
            .where(eq(incidentEvents.id, eventId))
          return result
        })
        if (!applied) return undefined
        outcome(source.kind, 'applied')
        deps.log?.info(
          { requestId: event.requestId, eventId, reviewId: applied.reviewId, created: applied.created },
          'incident event applied',
        )
        return 'applied'
      } catch (error) {
        // A lost connection or a concurrent first create of the same review (unique violation):
        // the queue retries, and the retry finds the review.
        if (isDatabaseUnavailable(error) || postgresErrorCode(error) === '23505') throw error
        deps.log?.warn({ requestId: event.requestId, eventId, err: error }, 'incident event failed')
        await finish(eventId, 'failed', { detail: (error as Error).message.slice(0, 500) })
        outcome(source.kind, 'failed')
        return 'failed'
      }
    },

    /** The most recent stored events of a source, newest first. */
    async recent(teamId: string, sourceId: string, limit: number) {
      return db
        .select({
          id: incidentEvents.id,
          deliveryKey: incidentEvents.deliveryKey,
          eventType: incidentEvents.eventType,
          status: incidentEvents.status,
          reviewId: incidentEvents.reviewId,
          detail: incidentEvents.detail,
          receivedAt: incidentEvents.receivedAt,
          processedAt: incidentEvents.processedAt,
        })
        .from(incidentEvents)
        .where(and(eq(incidentEvents.teamId, teamId), eq(incidentEvents.sourceId, sourceId)))
        .orderBy(desc(incidentEvents.receivedAt), desc(incidentEvents.id))
        .limit(limit)
    },
  }
}

export type Ingest = ReturnType<typeof createIngest>
