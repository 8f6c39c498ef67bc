import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core'
import { DB_ENUMS, oneOf } from './checks.ts'
import { reviews } from './reviews.ts'
import { teams } from './teams.ts'

/** A wiki a team publishes to (Confluence Cloud / Data Center, Notion); credentials encrypted at rest. */
export const integrations = pgTable(
  'integrations',
  {
    id: uuid().primaryKey().defaultRandom(),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    name: text().notNull(),
    config: jsonb().$type<Record<string, unknown>>().notNull(),
    credentialsEncrypted: text().notNull(),
    credentialsHint: text().notNull(),
    enabled: boolean().notNull().default(true),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('integrations_team_idx').on(t.teamId, t.createdAt),
    oneOf('integrations_kind_check', t.kind, DB_ENUMS.integrationKind),
  ],
)

/** The one page each review has in each wiki, so every publication updates the same page. */
export const integrationPages = pgTable(
  'integration_pages',
  {
    integrationId: uuid()
      .notNull()
      .references(() => integrations.id, { onDelete: 'cascade' }),
    // The page mapping means nothing once its review is gone.
    reviewId: uuid()
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    pageId: text().notNull(),
    pageVersion: integer(),
    pageUrl: text(),
    publicationNumber: integer().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.reviewId] })],
)

/** A subscriber URL for events, signed per Standard Webhooks; secrets encrypted at rest. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid().primaryKey().defaultRandom(),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    url: text().notNull(),
    events: text().array().notNull(),
    secretEncrypted: text().notNull(),
    /** During a rotation the previous secret keeps signing until it expires. */
    previousSecretEncrypted: text(),
    previousSecretExpiresAt: timestamp({ withTimezone: true }),
    enabled: boolean().notNull().default(true),
    disabledReason: text(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoints_team_idx').on(t.teamId, t.createdAt)],
)

export type DeliveryStatus = 'pending' | 'retrying' | 'succeeded' | 'failed' | 'dead'

/** One thing to deliver to one target; recorded in the same transaction as the change it reports. */
export const deliveries = pgTable(
  'deliveries',
  {
    id: uuid().primaryKey().defaultRandom(),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    // The delivery log outlives a deleted review (what was sent where stays on record).
    reviewId: uuid().references(() => reviews.id, { onDelete: 'set null' }),
    publicationNumber: integer(),
    targetKind: text().$type<'integration' | 'webhook'>().notNull(),
    // Polymorphic (an integration or a webhook endpoint, by target_kind), so no foreign key: the log
    // outlives a deleted target, and the worker fails a delivery whose target is gone for good.
    targetId: uuid().notNull(),
    eventType: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text().$type<DeliveryStatus>().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }),
    lastError: text(),
    lastStatusCode: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('deliveries_team_created_idx').on(t.teamId, t.createdAt, t.id),
    index('deliveries_team_status_created_idx').on(t.teamId, t.status, t.createdAt, t.id),
    index('deliveries_review_idx').on(t.reviewId, t.createdAt),
    oneOf('deliveries_status_check', t.status, DB_ENUMS.deliveryStatus),
    oneOf('deliveries_target_kind_check', t.targetKind, DB_ENUMS.deliveryTarget),
  ],
)

/** Every attempt at a delivery, kept for the delivery log. */
export const deliveryAttempts = pgTable(
  'delivery_attempts',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    deliveryId: uuid()
      .notNull()
      .references(() => deliveries.id, { onDelete: 'cascade' }),
    attempt: integer().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    durationMs: integer().notNull(),
    outcome: text().$type<'succeeded' | 'retry' | 'failed' | 'dead'>().notNull(),
    statusCode: integer(),
    error: text(),
  },
  (t) => [
    index('delivery_attempts_delivery_idx').on(t.deliveryId, t.attempt),
    oneOf('delivery_attempts_outcome_check', t.outcome, DB_ENUMS.attemptOutcome),
  ],
)

export type IntegrationRow = typeof integrations.$inferSelect
export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect
export type DeliveryRow = typeof deliveries.$inferSelect
export type DeliveryAttemptRow = typeof deliveryAttempts.$inferSelect
