import type { Db } from '../db/client.ts'
import type { ApiKey, Team } from '../db/schema/index.ts'
import type { Principal, Scope } from '../shared/access.ts'
import { decodeCursor, encodeCursor } from '../shared/cursor.ts'
import { NotFoundError } from '../shared/errors.ts'
import { type Created, createOnce, type IdempotencyRequest } from '../shared/idempotency.ts'
import type { Authenticator } from './authenticator.ts'
import { generateKey, hashKey } from './keys.ts'
import { createTeamsRepository } from './teams.repository.ts'

export const toTeam = (t: Team) => ({ id: t.id, name: t.name, createdAt: t.createdAt.toISOString() })
export const toApiKey = (k: ApiKey) => ({
  id: k.id,
  teamId: k.teamId,
  name: k.name,
  scopes: k.scopes as Scope[],
  prefix: k.prefix,
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt?.toISOString() ?? null,
})

/** Teams and their API keys; a team key may only ever see its own team. */
export function createTeamsService(deps: { db: Db; authenticator: Pick<Authenticator, 'forget'> }) {
  const { db } = deps
  const repo = createTeamsRepository(db)

  /** Operator sees every team; a team-admin key sees only its own (others are 404, like absent ones). */
  async function visibleTeam(principal: Principal, teamId: string) {
    const team =
      principal.kind === 'operator' || principal.teamId === teamId ? await repo.getTeam(teamId) : undefined
    if (!team) throw new NotFoundError('Team')
    return team
  }

  return {
    create: (name: string, idempotency?: IdempotencyRequest) =>
      createOnce(db, idempotency, async (ex) => {
        const team = await createTeamsRepository(ex).createTeam(name)
        return { status: 201, body: toTeam(team), location: `/v1/teams/${team.id}` }
      }),
    async list(page: { limit: number; cursor?: string | undefined }) {
      const after = page.cursor ? decodeCursor(page.cursor, ['timestamp', 'uuid']) : undefined
      const rows = await repo.listTeams(page.limit, after && { createdAt: after[0]!, id: after[1]! })
      const items = rows.slice(0, page.limit)
      const last = items.at(-1)
      return {
        items: items.map((r) => toTeam(r.row)),
        nextCursor: rows.length > page.limit && last ? encodeCursor([last.cursorAt, last.row.id]) : null,
      }
    },
    get: async (principal: Principal, teamId: string) => toTeam(await visibleTeam(principal, teamId)),

    async createKey(
      principal: Principal,
      teamId: string,
      input: { name: string; scopes: Scope[] },
      idempotency?: IdempotencyRequest,
    ): Promise<Created<ReturnType<typeof toApiKey> & { key?: string }>> {
      await visibleTeam(principal, teamId)
      return createOnce(db, idempotency, async (ex) => {
        const key = generateKey('dbk')
        const row = await createTeamsRepository(ex).createKey({
          teamId,
          name: input.name,
          scopes: [...new Set(input.scopes)],
          keyHash: hashKey(key),
          prefix: key.slice(0, 10),
        })
        // The key itself is stored only as a hash; a replay gets it from the sealed (encrypted) response.
        return {
          status: 201,
          body: { ...toApiKey(row), key },
          location: `/v1/teams/${teamId}/api-keys/${row.id}`,
        }
      })
    },
    async listKeys(principal: Principal, teamId: string) {
      await visibleTeam(principal, teamId)
      return (await repo.listKeys(teamId)).map(toApiKey)
    },
    async revokeKey(principal: Principal, teamId: string, keyId: string) {
      await visibleTeam(principal, teamId)
      const row = await repo.revokeKey(teamId, keyId)
      if (!row) throw new NotFoundError('API key')
      deps.authenticator.forget(keyId)
      return toApiKey(row)
    },
  }
}

export type TeamsService = ReturnType<typeof createTeamsService>
