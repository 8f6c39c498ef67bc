import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { teams } from './teams.ts'

export const INCIDENT_SOURCE_KINDS = [
  'pagerduty',
  'opsgenie',
  'incident-io',
  'alertmanager',
  'generic',
] as const
export type IncidentSourceKind = (typeof INCIDENT_SOURCE_KINDS)[number]

/** An incident tool that posts webhooks to /hooks/incidents/{id}; its secret is encrypted at rest. */
export const incidentSources = pgTable(
  'incident_sources',
  {
    id: uuid().primaryKey().defaultRandom(),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    kind: text().$type<IncidentSourceKind>().notNull(),
    name: text().notNull(),
    secretEncrypted: text().notNull(),
    /** After a rotation the previous secret is still accepted until it expires. */
    previousSecretEncrypted: text(),
    previousSecretExpiresAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incident_sources_team_idx').on(t.teamId, t.createdAt)],
)

export type IncidentEventStatus = 'received' | 'applied' | 'ignored' | 'failed'

/**
 * One verified delivery from an incident tool, stored raw before it is processed. The unique
 * (source, delivery key) makes a redelivery, even a concurrent one, a no-op.
 */
export const incidentEvents = pgTable(
  'incident_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    sourceId: uuid()
      .notNull()
      .references(() => incidentSources.id, { onDelete: 'cascade' }),
    deliveryKey: text().notNull(),
    eventType: text().notNull(),
    /** The body exactly as received (what the signature was computed over). */
    body: text().notNull(),
    status: text().$type<IncidentEventStatus>().notNull().default('received'),
    reviewId: uuid(),
    detail: text(),
    requestId: text(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('incident_events_delivery_idx').on(t.sourceId, t.deliveryKey),
    index('incident_events_source_received_idx').on(t.sourceId, t.receivedAt),
  ],
)

export type IncidentSourceRow = typeof incidentSources.$inferSelect
export type IncidentEventRow = typeof incidentEvents.$inferSelect
