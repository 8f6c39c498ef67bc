import type { LintConfig } from '@debrief-aar/lint'
import { eq, sql } from 'drizzle-orm'
import type { Db, Executor, Tx } from '../db/client.ts'
import { lintConfigs } from '../db/schema/index.ts'
import type { Precondition } from '../shared/preconditions.ts'
import { writeVersioned } from '../shared/versioned-write.ts'

export type TeamLintConfig = { config: LintConfig; version: number }

// Review writes read the team's config on every write; a short cache keeps that off the hot path.
// A change is visible at once on the instance that made it and within CACHE_MS on others.
const CACHE_MS = 5_000

/** A team's linter settings, versioned for If-Match like every other write. */
export function createLintConfigService(deps: { db: Db; now?: () => number }) {
  const { db } = deps
  const now = deps.now ?? Date.now
  const cache = new Map<string, { value: TeamLintConfig; expires: number }>()

  async function read(ex: Executor, teamId: string): Promise<TeamLintConfig> {
    const [row] = await ex.select().from(lintConfigs).where(eq(lintConfigs.teamId, teamId))
    return row ? { config: row.config as LintConfig, version: row.version } : { config: {}, version: 0 }
  }

  return {
    get: (teamId: string) => read(db, teamId),

    /**
     * The config to lint a review write with (possibly a few seconds old on other instances). A miss
     * reads through `ex`, the write's own transaction: PGlite has one connection, so reading through
     * `db` while a transaction is open would wait for itself.
     */
    async forLinting(teamId: string, ex: Executor = db): Promise<LintConfig> {
      const hit = cache.get(teamId)
      if (hit && hit.expires > now()) return hit.value.config
      const value = await read(ex, teamId)
      if (cache.size > 10_000) cache.clear()
      cache.set(teamId, { value, expires: now() + CACHE_MS })
      return value.config
    },

    /** Replaces the config when If-Match names the current version (version 0: never set). */
    put(teamId: string, precondition: Precondition, config: LintConfig): Promise<TeamLintConfig> {
      // The row may not exist yet (version 0), so an advisory lock per team stands in for the row lock.
      const lock = async (tx: Tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`lint_config:${teamId}`}))`)
        return read(tx, teamId)
      }
      return writeVersioned(db, { what: 'Lint config', precondition, lock }, async (tx, current) => {
        const version = current.version + 1
        const stored = config as Record<string, unknown>
        await tx
          .insert(lintConfigs)
          .values({ teamId, config: stored, version })
          .onConflictDoUpdate({
            target: lintConfigs.teamId,
            set: { config: stored, version, updatedAt: new Date() },
          })
        const value = { config, version }
        cache.set(teamId, { value, expires: now() + CACHE_MS })
        return value
      })
    },
  }
}

export type LintConfigService = ReturnType<typeof createLintConfigService>
