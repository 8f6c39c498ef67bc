import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { reviews } from './reviews.ts'
import { apiKeys, teams } from './teams.ts'

export type Change = { path: string; from?: unknown; to?: unknown }

/** Every accepted change to a review: who (key id), when, what. Append-only. */
export const revisions = pgTable(
  'revisions',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    // A deleted review takes its history with it: nothing can read revisions of a review that is gone,
    // and deleting a review is how a team removes what it wrote (publications go the same way).
    reviewId: uuid()
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    reviewVersion: integer().notNull(),
    action: text().notNull(),
    actorKeyId: uuid().references(() => apiKeys.id, { onDelete: 'set null' }),
    changes: jsonb().$type<Change[]>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('revisions_review_idx').on(t.reviewId, t.id)],
)

/** A frozen snapshot made by each publish; never updated. */
export const publications = pgTable(
  'publications',
  {
    id: uuid().primaryKey().defaultRandom(),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    reviewId: uuid()
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    reviewVersion: integer().notNull(),
    snapshot: jsonb().$type<Record<string, unknown>>().notNull(),
    publishedBy: uuid().references(() => apiKeys.id, { onDelete: 'set null' }),
    publishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('publications_review_number_idx').on(t.reviewId, t.number)],
)

/**
 * The first response to each Idempotency-Key, replayed for retries with the same body.
 * `scope` is `team:<id>` for team keys and `operator` for the admin token.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    statusCode: integer().notNull(),
    /** The first response, encrypted (it may hold a secret shown once); null while the claim is open. */
    responseSealed: text(),
    location: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** After this the key may be used again (IDEMPOTENCY_TTL_HOURS). */
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_keys_expires_idx').on(t.expiresAt)],
)

export type RevisionRow = typeof revisions.$inferSelect
export type NewRevisionRow = typeof revisions.$inferInsert
export type PublicationRow = typeof publications.$inferSelect
