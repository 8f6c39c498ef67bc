import { randomUUID } from 'node:crypto'
import type { LintConfig } from '@debrief-aar/lint'
import type { Db, Executor, Tx } from '../db/client.ts'
import { postgresErrorCode } from '../db/errors.ts'
import type { Answers, Change, NewReviewRow, PublicationRow, ReviewRow } from '../db/schema/index.ts'
import type { Clock } from '../shared/clock.ts'
import { decodeCursor, encodeCursor } from '../shared/cursor.ts'
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ProblemError,
  UnprocessableError,
} from '../shared/errors.ts'
import { type Created, createOnce, type IdempotencyRequest } from '../shared/idempotency.ts'
import { etagOf, matches, type Precondition } from '../shared/preconditions.ts'
import { diff } from './changes.ts'
import type { WebhookEvent } from './events.ts'
import { lintReview } from './findings.ts'
import { buildGuide } from './guide.ts'
import { checkKeyTimeOrder } from './key-times.ts'
import {
  type Review,
  type ReviewAggregate,
  toPublicationSummary,
  toReview,
  toReviewSummary,
  toRevision,
} from './review.views.ts'
import type { ReviewsRepository } from './reviews.repository.ts'
import type { CreateReviewInput, ListReviewsFilter, UpdateReviewInput } from './reviews.schemas.ts'

/** Who is acting: the team and the API key (recorded in revisions). */
export type Actor = { teamId: string; keyId: string | null }

/** Runs inside the write's transaction, e.g. to enqueue deliveries with the publish. */
export type PublishedHook = (tx: Tx, publication: PublicationRow, review: Review) => Promise<unknown>

/** Announces accepted changes to webhook subscribers, inside the write's transaction. */
export type ReviewEvents = {
  wants(ex: Executor, teamId: string, event: WebhookEvent): Promise<boolean>
  event(ex: Executor, teamId: string, event: WebhookEvent, data: Record<string, unknown>): Promise<unknown>
}

/** The webhook event an accepted change announces (publishing has its own, with the publication). */
function eventOf(action: string): WebhookEvent | undefined {
  if (action === 'review.published') return undefined
  if (action === 'action_item.created' || action === 'action_item.updated') return action
  return 'review.updated'
}

export type ReviewsDeps = {
  db: Db
  reviews: ReviewsRepository
  clock: Clock
  /**
   * The team's lint settings, read on every write (every write lints every text field), through
   * the write's own executor: a read on `db` inside a transaction never returns on PGlite (one
   * connection) and holds a second pooled connection per write on PostgreSQL.
   */
  lintConfig: (teamId: string, ex: Executor) => Promise<LintConfig>
  onPublished?: PublishedHook[]
  events?: ReviewEvents
}

function rowValues(input: CreateReviewInput | UpdateReviewInput): Partial<NewReviewRow> {
  const v: Partial<NewReviewRow> = {}
  if (input.title !== undefined) v.title = input.title
  if (input.severity !== undefined) v.severity = input.severity
  if (input.participants !== undefined) v.participants = input.participants
  if (input.incident !== undefined) {
    v.incidentSource = input.incident?.source ?? null
    v.incidentExternalId = input.incident?.externalId ?? null
    v.incidentUrl = input.incident?.url ?? null
  }
  for (const key of ['startedAt', 'detectedAt', 'mitigatedAt', 'resolvedAt'] as const) {
    const t = input[key]
    if (t !== undefined) v[key] = t === null ? null : new Date(t)
  }
  return v
}

function mergeAnswers(current: Answers, patch: UpdateReviewInput['answers']): Answers {
  const merged: Record<string, string> = { ...(current as Record<string, string>) }
  for (const [key, value] of Object.entries(patch ?? {})) {
    if (value === null || value === undefined || value === '') delete merged[key]
    else merged[key] = value
  }
  return merged
}

/** A review row as it will be stored, before the database fills in its defaults. */
function unsaved(values: Partial<NewReviewRow>): ReviewRow {
  const epoch = new Date(0)
  return {
    id: '',
    teamId: '',
    title: '',
    severity: null,
    status: 'draft',
    version: 1,
    incidentSource: null,
    incidentExternalId: null,
    incidentUrl: null,
    incidentDetails: {},
    startedAt: null,
    detectedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    participants: [],
    answers: {},
    findings: [],
    rulesVersion: null,
    suppressions: {},
    createdAt: epoch,
    updatedAt: epoch,
    publishedAt: null,
    ...values,
  }
}

/** The review's own fields as people see them, for revision diffs. */
function editable(r: ReviewRow) {
  const s = toReviewSummary(r)
  return {
    title: s.title,
    severity: s.severity,
    incident: s.incident,
    startedAt: s.startedAt,
    detectedAt: s.detectedAt,
    mitigatedAt: s.mitigatedAt,
    resolvedAt: s.resolvedAt,
    participants: r.participants,
  }
}

export function createReviewsService(deps: ReviewsDeps) {
  const { db, reviews, clock } = deps

  async function loadAggregate(tx: Tx, teamId: string, id: string): Promise<ReviewAggregate> {
    const aggregate = await reviews.getAggregate(teamId, id, tx)
    if (!aggregate) throw new NotFoundError('Review')
    return aggregate as ReviewAggregate
  }

  /** The aggregate with its findings recomputed from its current text and the team's settings. */
  async function relint(tx: Tx, aggregate: ReviewAggregate): Promise<ReviewAggregate> {
    const { findings, rulesVersion } = lintReview(aggregate, await deps.lintConfig(aggregate.teamId, tx))
    return { ...aggregate, findings, rulesVersion }
  }

  /** Locks the review and checks the caller's If-Match against its version. */
  async function lockForWrite(tx: Tx, teamId: string, id: string, precondition?: Precondition) {
    const row = await reviews.lock(tx, teamId, id)
    if (!row) throw new NotFoundError('Review')
    if (precondition && !matches(precondition, row.version))
      throw new PreconditionFailedError(etagOf(row.version))
    return row
  }

  /**
   * Records an accepted change: bumps the version, moves a published review back to draft
   * (its publications stay as they were), writes the revision and runs the write hooks.
   */
  async function commitChange(
    tx: Tx,
    actor: Actor,
    row: ReviewRow,
    action: string,
    changes: Change[],
    values: Partial<NewReviewRow> = {},
  ): Promise<Review> {
    const status = values.status ?? (row.status === 'published' ? 'draft' : row.status)
    if (status !== row.status) changes.push({ path: 'status', from: row.status, to: status })
    const version = row.version + 1
    const now = clock.now()
    const current = await loadAggregate(tx, actor.teamId, row.id)
    const next = await relint(tx, {
      ...current,
      ...values,
      status,
      version,
      updatedAt: now,
    } as ReviewAggregate)
    const { findings, rulesVersion } = next
    await reviews.update(tx, actor.teamId, row.id, {
      ...values,
      status,
      version,
      updatedAt: now,
      findings,
      rulesVersion,
    })
    const event = eventOf(action)
    if (event && (await deps.events?.wants(tx, actor.teamId, event))) {
      const actionItemId = changes[0]?.path.match(/^actionItems\[([^\]]+)\]/)?.[1]
      await deps.events?.event(tx, actor.teamId, event, {
        reviewId: row.id,
        version,
        ...(actionItemId ? { actionItemId } : {}),
      })
    }
    await reviews.addRevision(
      tx,
      {
        teamId: actor.teamId,
        reviewId: row.id,
        reviewVersion: version,
        action,
        actorKeyId: actor.keyId,
        createdAt: now,
      },
      changes,
    )
    return toReview(next)
  }

  /**
   * One review per incident: a create for an incident that already has a review answers 409 with
   * that review's Location (the unique index decides, so concurrent creates agree).
   */
  async function oncePerIncident<T>(teamId: string, input: CreateReviewInput, create: () => Promise<T>) {
    try {
      return await create()
    } catch (error) {
      if (!input.incident || postgresErrorCode(error) !== '23505') throw error
      const existing = await reviews.findByIncident(teamId, input.incident.source, input.incident.externalId)
      if (!existing) throw error
      const location = `/v1/reviews/${existing.id}`
      throw new ProblemError(
        409,
        'incident-has-review',
        'Conflict',
        `Incident ${input.incident.source} ${input.incident.externalId} already has a review: ${location}`,
        { reviewId: existing.id },
        { location },
      )
    }
  }

  return {
    lockForWrite,
    commitChange,

    /** Creates a draft review and its first revision in one statement, once per Idempotency-Key. */
    async create(
      actor: Actor,
      input: CreateReviewInput,
      idempotency?: IdempotencyRequest,
    ): Promise<Created<Review>> {
      const now = clock.now()
      const answers = mergeAnswers({}, input.answers)
      const timeValues = rowValues(input)
      checkKeyTimeOrder(timeValues, new Set(Object.keys(input)))
      const values = {
        ...timeValues,
        id: randomUUID(),
        title: input.title,
        teamId: actor.teamId,
        answers,
      }
      const changes = [...diff(null, editable(unsaved(values))), ...diff(null, answers, 'answers.')]
      const text = { title: input.title, participants: values.participants ?? [], answers }
      const parts = { timelineEvents: [], contributingFactors: [], actionItems: [] }
      const revision = {
        reviewId: values.id,
        reviewVersion: 1,
        action: 'review.created',
        createdAt: now,
        changes,
      }
      const announce = await deps.events?.wants(db, actor.teamId, 'review.created')
      return oncePerIncident(actor.teamId, input, () =>
        createOnce(db, idempotency, async (ex) => {
          const lint = lintReview({ ...text, ...parts }, await deps.lintConfig(actor.teamId, ex))
          if (announce) {
            // A subscriber must hear of the review exactly when it exists: insert and announce together.
            return ex.transaction(async (tx) => {
              const row = await reviews.insertWithRevision(
                tx,
                { ...values, ...lint, createdAt: now, updatedAt: now },
                { ...revision, teamId: actor.teamId, actorKeyId: actor.keyId },
              )
              await deps.events?.event(tx, actor.teamId, 'review.created', { reviewId: row.id, version: 1 })
              const body = toReview({ ...row, timelineEvents: [], contributingFactors: [], actionItems: [] })
              return { status: 201, body, location: `/v1/reviews/${row.id}` }
            })
          }
          const row = await reviews.insertWithRevision(
            ex,
            { ...values, ...lint, createdAt: now, updatedAt: now },
            { ...revision, teamId: actor.teamId, actorKeyId: actor.keyId },
          )
          const body = toReview({ ...row, timelineEvents: [], contributingFactors: [], actionItems: [] })
          return { status: 201, body, location: `/v1/reviews/${row.id}` }
        }),
      )
    },

    async get(teamId: string, id: string): Promise<Review> {
      const aggregate = await reviews.getAggregate(teamId, id)
      if (!aggregate) throw new NotFoundError('Review')
      return toReview(aggregate as ReviewAggregate)
    },

    async list(teamId: string, filter: ListReviewsFilter) {
      const after = filter.cursor ? decodeCursor(filter.cursor, ['timestamp', 'uuid']) : undefined
      const rows = await reviews.list(
        teamId,
        filter,
        after ? { createdAt: after[0] as string, id: after[1] as string } : undefined,
      )
      const page = rows.slice(0, filter.limit)
      const last = page.at(-1)
      return {
        items: page.map((r) => toReviewSummary(r.row)),
        nextCursor: rows.length > filter.limit && last ? encodeCursor([last.cursorAt, last.row.id]) : null,
      }
    },

    update(actor: Actor, id: string, precondition: Precondition, patch: UpdateReviewInput): Promise<Review> {
      return db.transaction(async (tx) => {
        const row = await lockForWrite(tx, actor.teamId, id, precondition)
        const values = rowValues(patch)
        if (patch.answers) values.answers = mergeAnswers(row.answers, patch.answers)
        const after = { ...row, ...values } as ReviewRow
        checkKeyTimeOrder(after, new Set(Object.keys(patch)))
        const changes = [
          ...diff(editable(row), editable(after)),
          ...diff(row.answers, after.answers, 'answers.'),
        ]
        if (changes.length === 0) return toReview(await loadAggregate(tx, actor.teamId, id)) // no change, no version
        return commitChange(tx, actor, row, 'review.updated', changes, values)
      })
    },

    remove(actor: Actor, id: string, precondition: Precondition): Promise<void> {
      return db.transaction(async (tx) => {
        const row = await lockForWrite(tx, actor.teamId, id, precondition)
        if ((await reviews.countPublications(tx, id)) > 0) {
          throw new ConflictError(
            'review-published',
            'This review has been published; published reviews are kept. Edit it to start a new version instead.',
          )
        }
        await reviews.addRevision(
          tx,
          {
            teamId: actor.teamId,
            reviewId: id,
            reviewVersion: row.version,
            action: 'review.deleted',
            actorKeyId: actor.keyId,
            createdAt: clock.now(),
          },
          [],
        )
        await reviews.remove(tx, actor.teamId, id)
      })
    },

    submit(actor: Actor, id: string, precondition: Precondition): Promise<Review> {
      return db.transaction(async (tx) => {
        const row = await lockForWrite(tx, actor.teamId, id, precondition)
        if (row.status !== 'draft') {
          throw new ConflictError(
            'invalid-transition',
            `Only a draft can be submitted; this review is ${row.status}`,
          )
        }
        return commitChange(tx, actor, row, 'review.submitted', [], { status: 'in_review' })
      })
    },

    /** Freezes a publication when the checklist is met; refuses with the blockers otherwise. */
    publish(actor: Actor, id: string, precondition: Precondition) {
      return db.transaction(async (tx) => {
        const row = await lockForWrite(tx, actor.teamId, id, precondition)
        if (row.status !== 'in_review') {
          const hint = row.status === 'draft' ? 'submit it first' : 'edit it to start a new version'
          throw new ConflictError('invalid-transition', `Only a review in review can be published; ${hint}`)
        }
        // Gate on findings from the text as it is now and the team's current settings.
        const blockers = buildGuide(
          toReview(await relint(tx, await loadAggregate(tx, actor.teamId, id))),
        ).blockers
        if (blockers.length > 0) {
          throw new UnprocessableError(
            'publish-blocked',
            `The review is not ready to publish: ${blockers.map((b) => b.label).join('; ')}`,
            { blockers },
          )
        }
        const publishedAt = clock.now()
        const review = await commitChange(tx, actor, row, 'review.published', [], {
          status: 'published',
          publishedAt,
        })
        const number = await reviews.nextPublicationNumber(tx, id)
        const publication = await reviews.insertPublication(tx, {
          teamId: actor.teamId,
          reviewId: id,
          number,
          reviewVersion: review.version,
          snapshot: review,
          publishedBy: actor.keyId,
          publishedAt,
        })
        for (const hook of deps.onPublished ?? []) await hook(tx, publication, review)
        return { review, publication: toPublicationSummary(publication) }
      })
    },

    /** Suppresses a finding with a recorded justification; it stays suppressed while its text is unchanged. */
    suppressFinding(actor: Actor, id: string, findingId: string, justification: string): Promise<Review> {
      return db.transaction(async (tx) => {
        const row = await lockForWrite(tx, actor.teamId, id)
        if (!row.findings.some((f) => f.id === findingId)) throw new NotFoundError('Finding')
        const suppression = { justification, keyId: actor.keyId, at: clock.now().toISOString() }
        const suppressions = { ...row.suppressions, [findingId]: suppression }
        const changes = [
          { path: `suppressions.${findingId}`, from: row.suppressions[findingId] ?? null, to: suppression },
        ]
        return commitChange(tx, actor, row, 'finding.suppressed', changes, { suppressions })
      })
    },

    /** Lifts a suppression (recorded as a revision): the finding blocks publishing again while its text stands. */
    unsuppressFinding(actor: Actor, id: string, findingId: string): Promise<Review> {
      return db.transaction(async (tx) => {
        const row = await lockForWrite(tx, actor.teamId, id)
        const current = row.suppressions[findingId]
        if (!current) throw new NotFoundError('Suppression of this finding')
        const { [findingId]: _lifted, ...suppressions } = row.suppressions
        const changes = [{ path: `suppressions.${findingId}`, from: current, to: null }]
        return commitChange(tx, actor, row, 'finding.unsuppressed', changes, { suppressions })
      })
    },

    async guide(teamId: string, id: string) {
      return buildGuide(await this.get(teamId, id))
    },

    async revisions(teamId: string, id: string, cursor: string | undefined, limit: number) {
      await this.get(teamId, id)
      const afterId = cursor ? Number(decodeCursor(cursor, ['serial'])[0]) : 0
      const rows = await reviews.listRevisions(teamId, id, afterId, limit)
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return {
        items: page.map(toRevision),
        nextCursor: rows.length > limit && last ? encodeCursor([String(last.id)]) : null,
      }
    },

    async publications(teamId: string, id: string) {
      await this.get(teamId, id)
      return (await reviews.listPublications(teamId, id)).map(toPublicationSummary)
    },

    async publication(teamId: string, id: string, number: number) {
      const row = await reviews.getPublication(teamId, id, number)
      if (!row) throw new NotFoundError('Publication')
      return { ...toPublicationSummary(row), snapshot: row.snapshot as Review }
    },
  }
}

export type ReviewsService = ReturnType<typeof createReviewsService>
