import { type SQL, sql } from 'drizzle-orm'
import { type AnyPgColumn, check } from 'drizzle-orm/pg-core'
import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  ACTION_ITEM_TYPES,
  FACTOR_CATEGORIES,
  REVIEW_STATUSES,
  TIMELINE_KINDS,
} from '../../vocabulary.ts'

/**
 * The closed sets the database enforces with CHECK constraints: the review domain's lists come from
 * src/vocabulary.ts (the same lists the API validates with); the delivery ones are the database's own.
 */
export const DB_ENUMS = {
  reviewStatus: REVIEW_STATUSES,
  timelineKind: TIMELINE_KINDS,
  factorCategory: FACTOR_CATEGORIES,
  actionItemStatus: ACTION_ITEM_STATUSES,
  actionItemPriority: ACTION_ITEM_PRIORITIES,
  actionItemType: ACTION_ITEM_TYPES,
  integrationKind: ['confluence-cloud', 'confluence-dc', 'notion'],
  deliveryStatus: ['pending', 'retrying', 'succeeded', 'failed', 'dead'],
  deliveryTarget: ['integration', 'webhook'],
  attemptOutcome: ['succeeded', 'retry', 'failed', 'dead'],
} as const

/** CHECK (column IN (…)); NULL passes, as for every CHECK, so optional columns stay optional. */
export const oneOf = (name: string, column: AnyPgColumn, values: readonly string[]) =>
  check(name, sql`${column} in (${sql.join(values.map((v) => sql.raw(`'${v}'`)) as SQL[], sql`, `)})`)
