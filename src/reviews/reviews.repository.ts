import {
  and,
  asc,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  lt,
  max,
  or,
  type Placeholder,
  type SQL,
  sql,
} from 'drizzle-orm'
import type { Executor } from '../db/client.ts'
import {
  type Change,
  type NewReviewRow,
  type NewRevisionRow,
  publications,
  type ReviewRow,
  reviews,
  revisions,
} from '../db/schema/index.ts'
import type { ListReviewsFilter } from './reviews.schemas.ts'

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

function aggregateQuery(db: Executor, teamId: string | Placeholder, id: string | Placeholder) {
  return db.query.reviews.findFirst({
    where: and(eq(reviews.teamId, teamId), eq(reviews.id, id)),
    with: {
      timelineEvents: { orderBy: (t, o) => [o.asc(t.occurredAt), o.asc(t.createdAt), o.asc(t.id)] },
      contributingFactors: { orderBy: (t, o) => [o.asc(t.createdAt), o.asc(t.id)] },
      actionItems: { orderBy: (t, o) => [o.asc(t.createdAt), o.asc(t.id)] },
    },
  })
}

const CREATE_FIELDS = [
  'id',
  'teamId',
  'title',
  'severity',
  'incidentSource',
  'incidentExternalId',
  'incidentUrl',
  'startedAt',
  'detectedAt',
  'mitigatedAt',
  'resolvedAt',
  'participants',
  'answers',
  'findings',
  'rulesVersion',
  'createdAt',
  'updatedAt',
] as const
const REVISION_FIELDS = ['actorKeyId', 'changes', 'action'] as const

/** A new review and its first revision as one statement (one round trip, atomic without a transaction). */
function createQuery(db: Executor, review: Record<string, unknown>, revision: Record<string, unknown>) {
  const inserted = db.$with('review').as(
    db
      .insert(reviews)
      .values(review as NewReviewRow)
      .returning(),
  )
  const history = db.$with('history').as(
    db
      .insert(revisions)
      .values({
        teamId: review.teamId,
        reviewId: review.id,
        reviewVersion: 1,
        createdAt: review.createdAt,
        ...revision,
      } as NewRevisionRow)
      .returning({ id: revisions.id }),
  )
  return db.with(inserted, history).select().from(inserted)
}

// Raw placeholders (not drizzle-encoded): node-postgres sends Dates and nulls as they are, and the
// jsonb columns parse the JSON text createParams gives them.
const placeholders = <K extends string>(keys: readonly K[], prefix: string) =>
  Object.fromEntries(keys.map((k) => [k, sql`${sql.placeholder(`${prefix}${k}`)}`])) as Record<K, SQL>

function createParams(values: NewReviewRow, revision: NewRevisionRow) {
  const params: Record<string, unknown> = {}
  for (const k of CREATE_FIELDS) params[`r_${k}`] = values[k] ?? null
  for (const k of REVISION_FIELDS) params[`v_${k}`] = revision[k] ?? null
  for (const k of ['participants', 'answers', 'findings'] as const)
    params[`r_${k}`] = JSON.stringify(values[k] ?? (k === 'answers' ? {} : []))
  params.v_changes = JSON.stringify(revision.changes)
  return params
}

/** SQL for reviews, their revisions and publications. Every query is scoped by team. */
export function createReviewsRepository(db: Executor) {
  // Creating is the hottest write; a prepared plan keeps it close to a bare INSERT.
  const preparedCreate = createQuery(
    db,
    placeholders(CREATE_FIELDS, 'r_'),
    placeholders(REVISION_FIELDS, 'v_'),
  ).prepare('review_create')
  // Planning this query costs more than running it, so the read path keeps a prepared plan.
  const preparedAggregate = aggregateQuery(db, sql.placeholder('teamId'), sql.placeholder('id')).prepare(
    'review_aggregate',
  )
  return {
    /** The review with its parts, in one round trip (a prepared statement outside transactions). */
    getAggregate: (teamId: string, id: string, tx?: Executor) =>
      tx ? aggregateQuery(tx, teamId, id) : preparedAggregate.execute({ teamId, id }),
    /** Locks the review row for the rest of the transaction (serialises writers of one review). */
    async lock(tx: Executor, teamId: string, id: string) {
      const [row] = await tx
        .select()
        .from(reviews)
        .where(and(eq(reviews.teamId, teamId), eq(reviews.id, id)))
        .for('update')
      return row
    },
    /** Inserts the review and its first revision in one atomic statement (one round trip). */
    async insertWithRevision(ex: Executor, values: NewReviewRow, revision: NewRevisionRow) {
      if (ex === db) {
        const [row] = await preparedCreate.execute(createParams(values, revision))
        return row as ReviewRow
      }
      const [row] = await createQuery(
        ex,
        values as Record<string, unknown>,
        revision as Record<string, unknown>,
      )
      return row as ReviewRow
    },
    async update(tx: Executor, teamId: string, id: string, values: Partial<NewReviewRow>) {
      const [row] = await tx
        .update(reviews)
        .set(values)
        .where(and(eq(reviews.teamId, teamId), eq(reviews.id, id)))
        .returning()
      return row!
    },
    async findByIncident(teamId: string, source: string, externalId: string) {
      const [row] = await db
        .select({ id: reviews.id })
        .from(reviews)
        .where(
          and(
            eq(reviews.teamId, teamId),
            eq(reviews.incidentSource, source),
            eq(reviews.incidentExternalId, externalId),
          ),
        )
      return row
    },
    remove: (tx: Executor, teamId: string, id: string) =>
      tx.delete(reviews).where(and(eq(reviews.teamId, teamId), eq(reviews.id, id))),

    /** Keyset page, newest first; `after` is the (createdAt, id) of the previous page's last row. */
    list(teamId: string, f: ListReviewsFilter, after: { createdAt: string; id: string } | undefined) {
      const conditions = [eq(reviews.teamId, teamId)]
      if (f.status) conditions.push(inArray(reviews.status, f.status))
      if (f.severity) conditions.push(eq(reviews.severity, f.severity))
      if (f.createdAfter) conditions.push(gte(reviews.createdAt, new Date(f.createdAfter)))
      if (f.createdBefore) conditions.push(lt(reviews.createdAt, new Date(f.createdBefore)))
      if (f.q) conditions.push(ilike(reviews.title, `%${escapeLike(f.q)}%`))
      if (f.incidentSource) conditions.push(eq(reviews.incidentSource, f.incidentSource))
      if (f.incidentId) conditions.push(eq(reviews.incidentExternalId, f.incidentId))
      if (after) {
        const at = sql`${after.createdAt}::timestamptz`
        conditions.push(
          or(lt(reviews.createdAt, at), and(eq(reviews.createdAt, at), lt(reviews.id, after.id)))!,
        )
      }
      return db
        .select({ row: reviews, cursorAt: sql<string>`${reviews.createdAt}::text` })
        .from(reviews)
        .where(and(...conditions))
        .orderBy(desc(reviews.createdAt), desc(reviews.id))
        .limit(f.limit + 1)
    },

    addRevision: (
      tx: Executor,
      r: {
        teamId: string
        reviewId: string
        reviewVersion: number
        action: string
        actorKeyId: string | null
        createdAt: Date
      },
      changes: Change[],
    ) => tx.insert(revisions).values({ ...r, changes }),
    listRevisions: (teamId: string, reviewId: string, afterId: number, limit: number) =>
      db
        .select()
        .from(revisions)
        .where(
          and(
            eq(revisions.teamId, teamId),
            eq(revisions.reviewId, reviewId),
            sql`${revisions.id} > ${afterId}`,
          ),
        )
        .orderBy(asc(revisions.id))
        .limit(limit + 1),

    async nextPublicationNumber(tx: Executor, reviewId: string) {
      const [row] = await tx
        .select({ n: max(publications.number) })
        .from(publications)
        .where(eq(publications.reviewId, reviewId))
      return (row?.n ?? 0) + 1
    },
    async insertPublication(tx: Executor, values: typeof publications.$inferInsert) {
      const [row] = await tx.insert(publications).values(values).returning()
      return row!
    },
    listPublications: (teamId: string, reviewId: string) =>
      db
        .select()
        .from(publications)
        .where(and(eq(publications.teamId, teamId), eq(publications.reviewId, reviewId)))
        .orderBy(asc(publications.number)),
    async getPublication(teamId: string, reviewId: string, number: number) {
      const [row] = await db
        .select()
        .from(publications)
        .where(
          and(
            eq(publications.teamId, teamId),
            eq(publications.reviewId, reviewId),
            eq(publications.number, number),
          ),
        )
      return row
    },
    async countPublications(tx: Executor, reviewId: string) {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(publications)
        .where(eq(publications.reviewId, reviewId))
      return row?.n ?? 0
    },
  }
}

export type ReviewsRepository = ReturnType<typeof createReviewsRepository>
export type { ReviewRow }
