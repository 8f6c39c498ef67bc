import { type SQL, sql } from 'drizzle-orm'
import { type AnyPgColumn, check } from 'drizzle-orm/pg-core'

/**
 * The closed sets the database enforces with CHECK constraints. The API's `as const` lists live in
 * their domains (which import db/, so db/ cannot import them); test/unit/db/checks.test.ts keeps the
 * two equal.
 */
export const DB_ENUMS = {
  reviewStatus: ['draft', 'in_review', 'published'],
  timelineKind: ['detection', 'diagnosis', 'repair', 'key_moment', 'communication', 'other'],
  factorCategory: [
    'process',
    'tooling',
    'communication',
    'change',
    'capacity',
    'dependency',
    'knowledge',
    'environment',
    'other',
  ],
  actionItemStatus: ['open', 'in_progress', 'done', 'wont_do'],
  actionItemPriority: ['low', 'medium', 'high', 'critical'],
  actionItemType: ['prevent', 'detect', 'mitigate', 'process'],
  integrationKind: ['confluence-cloud', 'confluence-dc', 'notion'],
  deliveryStatus: ['pending', 'retrying', 'succeeded', 'failed', 'dead'],
  deliveryTarget: ['integration', 'webhook'],
  attemptOutcome: ['succeeded', 'retry', 'failed', 'dead'],
} as const

/** CHECK (column IN (…)); NULL passes, as for every CHECK, so optional columns stay optional. */
export const oneOf = (name: string, column: AnyPgColumn, values: readonly string[]) =>
  check(name, sql`${column} in (${sql.join(values.map((v) => sql.raw(`'${v}'`)) as SQL[], sql`, `)})`)
