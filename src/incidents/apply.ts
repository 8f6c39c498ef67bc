import { randomUUID } from 'node:crypto'
import type { LintConfig } from '@debrief-aar/lint'
import { and, eq, sql } from 'drizzle-orm'
import type { Executor, Tx } from '../db/client.ts'
import {
  type Change,
  type IncidentDetails,
  type IncidentSourceKind,
  type Participant,
  type ReviewRow,
  reviews,
  revisions,
  timelineEvents,
} from '../db/schema/index.ts'
import { lintReview } from '../reviews/findings.ts'
import type { ReviewEvents, ReviewsService } from '../reviews/reviews.service.ts'
import type { Clock } from '../shared/clock.ts'
import { addParticipant, type IncidentUpdate } from './mapping.ts'

export type ApplyDeps = {
  reviews: Pick<ReviewsService, 'commitChange'>
  lintConfig: (teamId: string, ex: Executor) => Promise<LintConfig>
  events?: ReviewEvents | undefined
  clock: Clock
}

/** Review fields an incident tool may fill in, and keep following until a person changes them. */
const SYNCED = ['title', 'severity', 'incidentUrl', 'startedAt', 'resolvedAt'] as const
type SyncedField = (typeof SYNCED)[number]

const KIND_LABEL: Record<IncidentSourceKind, string> = {
  pagerduty: 'PagerDuty',
  opsgenie: 'Opsgenie',
  'incident-io': 'incident.io',
  alertmanager: 'Alertmanager',
  generic: 'Incident',
}

const comparable = (v: unknown) => (v instanceof Date ? v.toISOString() : (v ?? null))

function proposed(update: IncidentUpdate): Partial<Record<SyncedField, unknown>> {
  const out: Partial<Record<SyncedField, unknown>> = {}
  if (update.title) out.title = update.title
  if (update.severity) out.severity = update.severity
  if (update.url) out.incidentUrl = update.url
  if (update.startedAt) out.startedAt = update.startedAt
  if (update.resolvedAt !== undefined) out.resolvedAt = update.resolvedAt
  return out
}

function mergeDetails(details: IncidentDetails, update: IncidentUpdate, newest: boolean): IncidentDetails {
  const links = [...(details.links ?? [])]
  for (const link of update.links) if (!links.some((l) => l.url === link.url)) links.push(link)
  const next: IncidentDetails = { ...details, links }
  const fill = (key: 'service' | 'priority' | 'urgency' | 'status', value: string | undefined) => {
    if (value && (newest || !next[key])) next[key] = value
  }
  fill('service', update.service)
  fill('priority', update.priority)
  fill('urgency', update.urgency)
  fill('status', update.status)
  // The first acknowledgement is the one that matters for time to acknowledge.
  if (update.acknowledgedAt && !next.acknowledgedAt) next.acknowledgedAt = update.acknowledgedAt.toISOString()
  if (newest) next.lastEventAt = update.occurredAt.toISOString()
  return next
}

/**
 * Makes the incident's review reflect one event: the first event of an incident creates a draft,
 * later ones fill in and update what the tool owns and append timeline entries. A field a person
 * has changed (it no longer equals what the tool last wrote) is never overwritten; answers are
 * never touched. Serialised per incident, so concurrent events of one incident make one review.
 */
export async function applyIncidentUpdate(
  tx: Tx,
  deps: ApplyDeps,
  target: { teamId: string; kind: IncidentSourceKind },
  update: IncidentUpdate,
): Promise<{ reviewId: string; created: boolean; changed: boolean }> {
  const { teamId, kind } = target
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`${teamId}|${kind}|${update.externalId}`}, 0))`,
  )
  const [existing] = await tx
    .select()
    .from(reviews)
    .where(
      and(
        eq(reviews.teamId, teamId),
        eq(reviews.incidentSource, kind),
        eq(reviews.incidentExternalId, update.externalId),
      ),
    )
    .for('update')
  if (!existing)
    return { reviewId: await createDraft(tx, deps, target, update), created: true, changed: true }

  const details = existing.incidentDetails
  const newest = !details.lastEventAt || update.occurredAt.toISOString() >= details.lastEventAt
  const synced = { ...(details.synced ?? {}) }
  const values: Partial<ReviewRow> = {}
  const changes: Change[] = []
  for (const [field, value] of Object.entries(proposed(update)) as [SyncedField, unknown][]) {
    if (value === undefined) continue
    const current = comparable(existing[field])
    const untouched = current === null || (field in synced && synced[field] === current)
    // Older events (delivered late) only fill gaps; they never roll newer values back.
    if (!untouched || (!newest && current !== null)) continue
    if (current === comparable(value)) continue
    ;(values as Record<string, unknown>)[field] = value
    synced[field] = comparable(value)
    changes.push({
      path: field === 'incidentUrl' ? 'incident.url' : field,
      from: current,
      to: comparable(value),
    })
  }
  const participants = [...existing.participants]
  for (const p of update.participants) addParticipant(participants, p)
  if (participants.length !== existing.participants.length) {
    values.participants = participants
    changes.push({ path: 'participants', from: existing.participants, to: participants })
  }
  const nextDetails = { ...mergeDetails(details, update, newest), synced }
  const { synced: _a, lastEventAt: _b, ...visibleBefore } = details
  const { synced: _c, lastEventAt: _d, ...visibleAfter } = nextDetails
  if (JSON.stringify(visibleBefore) !== JSON.stringify(visibleAfter)) {
    changes.push({ path: 'incident.details', from: visibleBefore, to: visibleAfter })
  }
  values.incidentDetails = nextDetails

  const added = await addTimeline(tx, existing.id, teamId, update, deps.clock.now())
  for (const e of added) changes.push({ path: `timelineEvents[${e.id}]`, from: null, to: e })
  if (changes.length === 0) return { reviewId: existing.id, created: false, changed: false }
  // Incident metadata is not review prose: a published review stays published.
  await deps.reviews.commitChange(tx, { teamId, keyId: null }, existing, 'incident.synced', changes, {
    ...values,
    status: existing.status,
  })
  return { reviewId: existing.id, created: false, changed: true }
}

/** Appends the event's timeline entries that the review does not already have. */
async function addTimeline(tx: Tx, reviewId: string, teamId: string, update: IncidentUpdate, now: Date) {
  if (update.timeline.length === 0) return []
  const have = await tx
    .select({ occurredAt: timelineEvents.occurredAt, description: timelineEvents.description })
    .from(timelineEvents)
    .where(eq(timelineEvents.reviewId, reviewId))
  const seen = new Set(have.map((e) => `${e.occurredAt.toISOString()}|${e.description}`))
  const rows = update.timeline
    .filter((e) => !seen.has(`${e.occurredAt.toISOString()}|${e.description}`))
    .map((e) => ({
      id: randomUUID(),
      teamId,
      reviewId,
      occurredAt: e.occurredAt,
      description: e.description,
      kind: e.kind,
      createdAt: now,
      updatedAt: now,
    }))
  if (rows.length) await tx.insert(timelineEvents).values(rows)
  return rows.map((r) => ({ id: r.id, occurredAt: r.occurredAt.toISOString(), description: r.description }))
}

async function createDraft(
  tx: Tx,
  deps: ApplyDeps,
  { teamId, kind }: { teamId: string; kind: IncidentSourceKind },
  update: IncidentUpdate,
): Promise<string> {
  const now = deps.clock.now()
  const id = randomUUID()
  const title = update.title ?? `${KIND_LABEL[kind]} incident ${update.externalId}`.slice(0, 300)
  const synced: Record<string, unknown> = {}
  const values = {
    id,
    teamId,
    title,
    severity: update.severity ?? null,
    incidentSource: kind,
    incidentExternalId: update.externalId,
    incidentUrl: update.url ?? null,
    startedAt: update.startedAt ?? null,
    resolvedAt: update.resolvedAt ?? null,
    participants: [] as Participant[],
  }
  for (const field of SYNCED) synced[field] = comparable(values[field])
  for (const p of update.participants) addParticipant(values.participants, p)
  const timeline = update.timeline.map((e) => ({ id: randomUUID(), description: e.description }))
  const lint = lintReview(
    {
      title,
      participants: values.participants,
      answers: {},
      timelineEvents: timeline,
      contributingFactors: [],
      actionItems: [],
    },
    await deps.lintConfig(teamId, tx),
  )
  await tx.insert(reviews).values({
    ...values,
    incidentDetails: { ...mergeDetails({}, update, true), synced },
    findings: lint.findings,
    rulesVersion: lint.rulesVersion,
    createdAt: now,
    updatedAt: now,
  })
  if (update.timeline.length) {
    await tx.insert(timelineEvents).values(
      update.timeline.map((e, i) => ({
        id: timeline[i]!.id,
        teamId,
        reviewId: id,
        occurredAt: e.occurredAt,
        description: e.description,
        kind: e.kind,
        createdAt: now,
        updatedAt: now,
      })),
    )
  }
  const changes: Change[] = [
    { path: 'title', from: null, to: title },
    { path: 'incident', from: null, to: { source: kind, externalId: update.externalId } },
    ...timeline.map((e) => ({ path: `timelineEvents[${e.id}]`, from: null, to: e.description })),
  ]
  await tx.insert(revisions).values({
    teamId,
    reviewId: id,
    reviewVersion: 1,
    action: 'review.created',
    actorKeyId: null,
    changes,
    createdAt: now,
  })
  if (await deps.events?.wants(tx, teamId, 'review.created')) {
    await deps.events?.event(tx, teamId, 'review.created', { reviewId: id, version: 1 })
  }
  return id
}
