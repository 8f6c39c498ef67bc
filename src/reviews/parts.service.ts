import type { Db, Executor } from '../db/client.ts'
import type { ActionItemRow, ContributingFactorRow, TimelineEventRow } from '../db/schema/index.ts'
import type { Clock } from '../shared/clock.ts'
import { NotFoundError, PreconditionFailedError, ValidationError } from '../shared/errors.ts'
import { type Created, createOnce, type IdempotencyRequest } from '../shared/idempotency.ts'
import { etagOf, matches, type Precondition } from '../shared/preconditions.ts'
import { diff } from './changes.ts'
import type { PartKind, PartsRepository } from './parts.repository.ts'
import { toActionItem, toFactor, toTimelineEvent } from './review.views.ts'
import type { Actor, ReviewsService } from './reviews.service.ts'

type Input = Record<string, unknown>
type Link = { field: string; target: PartKind; what: string }

/** What differs between the three kinds of review part; everything else is shared. */
type PartDef = {
  name: string
  action: string
  view: (row: never) => Record<string, unknown>
  link?: Link
  /** Derived values, e.g. completedAt when an action item becomes done. */
  derive?: (input: Input, before: Input | undefined, now: Date) => Input
}

const DEFS: Record<PartKind, PartDef> = {
  timelineEvents: {
    name: 'Timeline event',
    action: 'timeline_event',
    view: (r: TimelineEventRow) => toTimelineEvent(r),
  },
  contributingFactors: {
    name: 'Contributing factor',
    action: 'contributing_factor',
    view: (r: ContributingFactorRow) => toFactor(r),
    link: { field: 'timelineEventIds', target: 'timelineEvents', what: 'timeline events' },
  },
  actionItems: {
    name: 'Action item',
    action: 'action_item',
    view: (r: ActionItemRow) => toActionItem(r),
    link: { field: 'factorIds', target: 'contributingFactors', what: 'contributing factors' },
    derive(input, before, now) {
      if (input.status === undefined || input.status === before?.status) return {}
      return { completedAt: input.status === 'done' ? now : null }
    },
  },
}

/** Timestamps go to the database as Dates; the API speaks ISO strings. */
function toValues(input: Input): Input {
  const values: Input = {}
  for (const [k, v] of Object.entries(input)) {
    if (v !== undefined) values[k] = k === 'occurredAt' && typeof v === 'string' ? new Date(v) : v
  }
  return values
}

const FOLLOW_UP_FIELDS = new Set(['status', 'owner', 'dueDate', 'trackerUrl', 'completedAt'])

export type PartsDeps = {
  db: Db
  parts: PartsRepository
  reviews: Pick<ReviewsService, 'lockForWrite' | 'commitChange' | 'get'>
  clock: Clock
}

/** CRUD for the parts of a review; every write is a new review version with a revision. */
export function createPartsService(deps: PartsDeps) {
  const { db, parts, reviews, clock } = deps

  async function checkLinks(tx: Executor, kind: PartKind, actor: Actor, reviewId: string, input: Input) {
    const link = DEFS[kind].link
    const ids = link ? (input[link.field] as string[] | undefined) : undefined
    if (!link || !ids) return
    const unique = [...new Set(ids)]
    if ((await parts.countIn(tx, link.target, actor.teamId, reviewId, unique)) !== unique.length) {
      throw new ValidationError(`${link.field} must name ${link.what} of this review`, [
        { pointer: `/${link.field}`, detail: `not all ids are ${link.what} of this review` },
      ])
    }
    input[link.field] = unique
  }

  async function getRow(kind: PartKind, tx: Executor, teamId: string, reviewId: string, id: string) {
    const row = await parts.get(kind, teamId, reviewId, id, tx)
    if (!row) throw new NotFoundError(DEFS[kind].name)
    return row
  }

  const view = (kind: PartKind, row: Input) => DEFS[kind].view(row as never)
  const path = (kind: PartKind, id: unknown) => `${kind}[${String(id)}].`

  return {
    async list(kind: PartKind, teamId: string, reviewId: string) {
      await reviews.get(teamId, reviewId)
      return (await parts.list(kind, teamId, reviewId)).map((r) => view(kind, r))
    },

    async get(kind: PartKind, teamId: string, reviewId: string, id: string) {
      return view(kind, await getRow(kind, db, teamId, reviewId, id))
    },

    create(
      kind: PartKind,
      actor: Actor,
      reviewId: string,
      input: Input,
      idempotency?: IdempotencyRequest,
    ): Promise<Created<Record<string, unknown>>> {
      return createOnce(db, idempotency, (ex) =>
        ex.transaction(async (tx) => {
          const review = await reviews.lockForWrite(tx, actor.teamId, reviewId)
          await checkLinks(tx, kind, actor, reviewId, input)
          const now = clock.now()
          const derived = DEFS[kind].derive?.(input, undefined, now) ?? {}
          const row = await parts.insert(tx, kind, {
            ...toValues(input),
            ...derived,
            teamId: actor.teamId,
            reviewId,
            createdAt: now,
            updatedAt: now,
          })
          const body = view(kind, row)
          await reviews.commitChange(
            tx,
            actor,
            review,
            `${DEFS[kind].action}.created`,
            diff(null, body, path(kind, row.id)),
          )
          return {
            status: 201,
            body,
            location: `/v1/reviews/${reviewId}/${kindPath[kind]}/${String(row.id)}`,
          }
        }),
      )
    },

    update(
      kind: PartKind,
      actor: Actor,
      reviewId: string,
      id: string,
      precondition: Precondition,
      patch: Input,
    ) {
      return db.transaction(async (tx) => {
        const review = await reviews.lockForWrite(tx, actor.teamId, reviewId)
        const before = await getRow(kind, tx, actor.teamId, reviewId, id)
        const version = before.version as number
        if (!matches(precondition, version)) throw new PreconditionFailedError(etagOf(version))
        await checkLinks(tx, kind, actor, reviewId, patch)
        const values = { ...toValues(patch), ...(DEFS[kind].derive?.(patch, before, clock.now()) ?? {}) }
        const candidate = view(kind, { ...before, ...values })
        const changes = diff(view(kind, before), candidate, path(kind, id)).filter(
          (c) => !c.path.endsWith('.version') && !c.path.endsWith('.updatedAt'),
        )
        if (changes.length === 0) return view(kind, before)
        const row = await parts.update(tx, kind, id, {
          ...values,
          version: version + 1,
          updatedAt: clock.now(),
        })
        // Follow-up on an action item (status, owner, due date, tracker) is not review prose: a
        // published review stays published; the change is in its history and the next publication.
        const followUp =
          kind === 'actionItems' &&
          changes.every((c) => FOLLOW_UP_FIELDS.has(c.path.slice(c.path.lastIndexOf('.') + 1)))
        await reviews.commitChange(
          tx,
          actor,
          review,
          `${DEFS[kind].action}.updated`,
          changes,
          followUp ? { status: review.status } : {},
        )
        return view(kind, row)
      })
    },

    remove(kind: PartKind, actor: Actor, reviewId: string, id: string, precondition: Precondition) {
      return db.transaction(async (tx) => {
        const review = await reviews.lockForWrite(tx, actor.teamId, reviewId)
        const before = await getRow(kind, tx, actor.teamId, reviewId, id)
        const version = before.version as number
        if (!matches(precondition, version)) throw new PreconditionFailedError(etagOf(version))
        if (kind !== 'actionItems') await parts.unlink(tx, kind, reviewId, id)
        await parts.remove(tx, kind, id)
        await reviews.commitChange(
          tx,
          actor,
          review,
          `${DEFS[kind].action}.deleted`,
          diff(view(kind, before), null, path(kind, id)),
        )
      })
    },
  }
}

/** URL segment of each kind, e.g. /v1/reviews/{id}/timeline-events. */
export const kindPath: Record<PartKind, string> = {
  timelineEvents: 'timeline-events',
  contributingFactors: 'contributing-factors',
  actionItems: 'action-items',
}

export type PartsService = ReturnType<typeof createPartsService>
