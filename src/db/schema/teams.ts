import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

/** A tenant: every other row belongs to exactly one team. */
export const teams = pgTable('teams', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})

/** API keys are stored only as a SHA-256 of the key (keys are 256-bit random, so no slow hash is needed). */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid().primaryKey().defaultRandom(),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    scopes: text().array().notNull(),
    keyHash: text().notNull().unique(),
    /** First characters of the key, shown in listings so people can tell keys apart. */
    prefix: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.teamId, t.createdAt)],
)

/** Instance-wide settings, e.g. the hash of the generated operator admin token. */
export const instanceSettings = pgTable('instance_settings', {
  key: text().primaryKey(),
  value: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().default(sql`now()`),
})

/** A team's linter settings (disabled rules, severities, extra and allowed terms); absent = defaults. */
export const lintConfigs = pgTable('lint_configs', {
  teamId: uuid()
    .primaryKey()
    .references(() => teams.id, { onDelete: 'cascade' }),
  config: jsonb().$type<Record<string, unknown>>().notNull(),
  version: integer().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})

export type Team = typeof teams.$inferSelect
export type ApiKey = typeof apiKeys.$inferSelect
