// Plain ascending indexes: PostgreSQL scans them backwards for ORDER BY … DESC (NULLS FIRST),
// which a DESC NULLS LAST index would not serve.
import { sql } from 'drizzle-orm'
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { DB_ENUMS, oneOf } from './checks.ts'
import { teams } from './teams.ts'

export type Participant = { name: string; handle?: string | undefined; role?: string | undefined }
export type Answers = { intent?: string; actual?: string; causes?: string; nextTime?: string }
/**
 * What an incident tool told us beyond the review's own fields. `synced` holds the values an
 * incident event last wrote into the review's fields: a field still equal to it was not edited by a
 * person and may follow the tool; any other value is someone's text and is kept.
 */
export type IncidentDetails = {
  service?: string
  priority?: string
  urgency?: string
  status?: string
  acknowledgedAt?: string
  links?: { label: string; url: string }[]
  lastEventAt?: string
  synced?: Record<string, unknown>
}
export type ReviewStatus = 'draft' | 'in_review' | 'published'
/** A lint finding as stored: the engine's finding plus a stable id and the field it was found in. */
export type StoredFinding = {
  id: string
  field: string
  ruleId: string
  category: string
  severity: 'error' | 'warning' | 'info'
  message: string
  start: number
  end: number
  line: number
  column: number
  suggestion: string
  explanation: string
}
export type Suppression = { justification: string; keyId: string | null; at: string }

/** The after-action review. `version` increases on every accepted change to it or its parts. */
export const reviews = pgTable(
  'reviews',
  {
    id: uuid().primaryKey().defaultRandom(),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    severity: text(),
    status: text().$type<ReviewStatus>().notNull().default('draft'),
    version: integer().notNull().default(1),
    incidentSource: text(),
    incidentExternalId: text(),
    incidentUrl: text(),
    incidentDetails: jsonb().$type<IncidentDetails>().notNull().default({}),
    startedAt: timestamp({ withTimezone: true }),
    detectedAt: timestamp({ withTimezone: true }),
    mitigatedAt: timestamp({ withTimezone: true }),
    resolvedAt: timestamp({ withTimezone: true }),
    participants: jsonb().$type<Participant[]>().notNull().default([]),
    answers: jsonb().$type<Answers>().notNull().default({}),
    /** Findings of the last lint (every write lints every text field); ids are stable across edits. */
    findings: jsonb().$type<StoredFinding[]>().notNull().default([]),
    rulesVersion: text(),
    /** Suppressed finding ids with the recorded justification. */
    suppressions: jsonb().$type<Record<string, Suppression>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    oneOf('reviews_status_check', t.status, DB_ENUMS.reviewStatus),
    // Severity is the incident tool's own name (SEV1, P2…): free text, but bounded like the API's.
    check('reviews_severity_check', sql`char_length(${t.severity}) between 1 and 32`),
    index('reviews_team_created_idx').on(t.teamId, t.createdAt, t.id),
    index('reviews_team_status_created_idx').on(t.teamId, t.status, t.createdAt, t.id),
    index('reviews_team_severity_created_idx').on(t.teamId, t.severity, t.createdAt, t.id),
    // One review per incident: (team, source, external id). NULLs are distinct, so reviews
    // without an incident are unaffected.
    uniqueIndex('reviews_team_incident_idx').on(t.teamId, t.incidentSource, t.incidentExternalId),
    index('reviews_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
  ],
)

export type ReviewRow = typeof reviews.$inferSelect
export type NewReviewRow = typeof reviews.$inferInsert
