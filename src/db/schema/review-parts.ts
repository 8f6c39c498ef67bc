import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { DB_ENUMS, oneOf } from './checks.ts'
import { reviews } from './reviews.ts'
import { teams } from './teams.ts'

const ownership = () => ({
  id: uuid().primaryKey().defaultRandom(),
  teamId: uuid()
    .notNull()
    .references(() => teams.id, { onDelete: 'cascade' }),
  reviewId: uuid()
    .notNull()
    .references(() => reviews.id, { onDelete: 'cascade' }),
  version: integer().notNull().default(1),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})

/** One moment of the incident as the team reconstructs it. */
export const timelineEvents = pgTable(
  'timeline_events',
  {
    ...ownership(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    description: text().notNull(),
    kind: text(),
  },
  (t) => [
    index('timeline_events_review_idx').on(t.reviewId, t.occurredAt, t.id),
    oneOf('timeline_events_kind_check', t.kind, DB_ENUMS.timelineKind),
  ],
)

/** A condition that made the outcome possible: plural by design, never "the" root cause. */
export const contributingFactors = pgTable(
  'contributing_factors',
  {
    ...ownership(),
    category: text().notNull(),
    description: text().notNull(),
    timelineEventIds: uuid().array().notNull().default([]),
  },
  (t) => [
    index('contributing_factors_review_idx').on(t.reviewId, t.createdAt, t.id),
    oneOf('contributing_factors_category_check', t.category, DB_ENUMS.factorCategory),
  ],
)

export type ActionItemStatus = 'open' | 'in_progress' | 'done' | 'wont_do'

/** Follow-up work with an owner and a due date, tracked across reviews until done. */
export const actionItems = pgTable(
  'action_items',
  {
    ...ownership(),
    title: text().notNull(),
    description: text(),
    owner: text().notNull(),
    dueDate: date({ mode: 'string' }).notNull(),
    priority: text().notNull().default('medium'),
    status: text().$type<ActionItemStatus>().notNull().default('open'),
    type: text(),
    trackerUrl: text(),
    factorIds: uuid().array().notNull().default([]),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    oneOf('action_items_status_check', t.status, DB_ENUMS.actionItemStatus),
    oneOf('action_items_priority_check', t.priority, DB_ENUMS.actionItemPriority),
    oneOf('action_items_type_check', t.type, DB_ENUMS.actionItemType),
    index('action_items_review_idx').on(t.reviewId, t.createdAt, t.id),
    index('action_items_team_due_idx').on(t.teamId, t.dueDate, t.id),
    index('action_items_team_status_due_idx').on(t.teamId, t.status, t.dueDate, t.id),
    index('action_items_team_owner_due_idx').on(t.teamId, t.owner, t.dueDate, t.id),
  ],
)

export type TimelineEventRow = typeof timelineEvents.$inferSelect
export type ContributingFactorRow = typeof contributingFactors.$inferSelect
export type ActionItemRow = typeof actionItems.$inferSelect
