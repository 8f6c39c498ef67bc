import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm'
import type { Executor } from '../db/client.ts'
import { apiKeys, instanceSettings, teams } from '../db/schema/index.ts'

/** SQL for teams, API keys and instance settings. Returns rows; no HTTP, no rules. */
export function createTeamsRepository(db: Executor) {
  return {
    async createTeam(name: string) {
      const [row] = await db.insert(teams).values({ name }).returning()
      return row!
    },
    async getTeam(id: string) {
      const [row] = await db.select().from(teams).where(eq(teams.id, id))
      return row
    },
    /** Keyset page, newest first, one row more than asked so the caller knows whether another page exists. */
    listTeams(limit: number, after: { createdAt: string; id: string } | undefined) {
      const at = after && sql`${after.createdAt}::timestamptz`
      return db
        .select({ row: teams, cursorAt: sql<string>`${teams.createdAt}::text` })
        .from(teams)
        .where(
          after && at
            ? or(lt(teams.createdAt, at), and(eq(teams.createdAt, at), lt(teams.id, after.id)))
            : undefined,
        )
        .orderBy(desc(teams.createdAt), desc(teams.id))
        .limit(limit + 1)
    },
    async createKey(values: {
      teamId: string
      name: string
      scopes: string[]
      keyHash: string
      prefix: string
    }) {
      const [row] = await db.insert(apiKeys).values(values).returning()
      return row!
    },
    listKeys: (teamId: string) =>
      db.select().from(apiKeys).where(eq(apiKeys.teamId, teamId)).orderBy(desc(apiKeys.createdAt)),
    async findActiveKeyByHash(keyHash: string) {
      const [row] = await db
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
      return row
    },
    async revokeKey(teamId: string, keyId: string) {
      const [row] = await db
        .update(apiKeys)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiKeys.teamId, teamId), eq(apiKeys.id, keyId)))
        .returning()
      return row
    },
    async getSetting(key: string) {
      const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, key))
      return row?.value
    },
    /** Inserts unless present; returns whether this call stored it (first start wins). */
    async insertSettingOnce(key: string, value: string) {
      const rows = await db.insert(instanceSettings).values({ key, value }).onConflictDoNothing().returning()
      return rows.length === 1
    },
  }
}

export type TeamsRepository = ReturnType<typeof createTeamsRepository>
