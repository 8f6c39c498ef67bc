import { and, desc, eq } from 'drizzle-orm'
import type { Db, Tx } from '../db/client.ts'
import { type IntegrationRow, integrations } from '../db/schema/index.ts'
import type { Clock } from '../shared/clock.ts'
import { NotFoundError, ValidationError } from '../shared/errors.ts'
import { createOnce, type IdempotencyRequest } from '../shared/idempotency.ts'
import type { Precondition } from '../shared/preconditions.ts'
import { encryptJson, hint } from '../shared/secrets.ts'
import { writeVersioned } from '../shared/versioned-write.ts'

export type NewIntegration = {
  kind: string
  name: string
  config: Record<string, unknown>
  credentials: Record<string, string>
}

/** What the API shows of an integration: never the credentials, only a hint of the last 4 characters. */
export const toIntegration = (i: IntegrationRow) => ({
  id: i.id,
  kind: i.kind,
  name: i.name,
  config: i.config,
  credentialsHint: i.credentialsHint,
  enabled: i.enabled,
  version: i.version,
  createdAt: i.createdAt.toISOString(),
  updatedAt: i.updatedAt.toISOString(),
})

/** The secret-bearing credential of each kind, whose last characters make the hint. */
const secretOf = (credentials: Record<string, string>) => credentials.apiToken ?? credentials.token ?? ''

/** Wikis a team publishes to. Credentials are encrypted with the instance's secret key. */
export function createIntegrationsService(deps: {
  db: Db
  secretKey: Buffer
  clock: Clock
  checkUrl: (url: string) => string | null
}) {
  const { db, secretKey, clock } = deps

  async function locked(teamId: string, id: string, tx: Tx) {
    const [row] = await tx
      .select()
      .from(integrations)
      .where(and(eq(integrations.teamId, teamId), eq(integrations.id, id)))
      .for('update')
    return row
  }
  async function find(teamId: string, id: string) {
    const [row] = await db
      .select()
      .from(integrations)
      .where(and(eq(integrations.teamId, teamId), eq(integrations.id, id)))
    if (!row) throw new NotFoundError('Integration')
    return row
  }
  function checkConfigUrl(config: Record<string, unknown>) {
    if (typeof config.baseUrl !== 'string') return
    const reason = deps.checkUrl(config.baseUrl)
    if (reason)
      throw new ValidationError(`config.baseUrl ${reason}`, [{ pointer: '/config/baseUrl', detail: reason }])
  }

  return {
    create(teamId: string, input: NewIntegration, idempotency?: IdempotencyRequest) {
      checkConfigUrl(input.config)
      return createOnce(db, idempotency, async (ex) => {
        const [row] = await ex
          .insert(integrations)
          .values({
            teamId,
            kind: input.kind,
            name: input.name,
            config: input.config,
            credentialsEncrypted: encryptJson(secretKey, input.credentials),
            credentialsHint: hint(secretOf(input.credentials)),
          })
          .returning()
        return { status: 201, body: toIntegration(row!), location: `/v1/integrations/${row!.id}` }
      })
    },
    list: async (teamId: string) =>
      (
        await db
          .select()
          .from(integrations)
          .where(eq(integrations.teamId, teamId))
          .orderBy(desc(integrations.createdAt))
      ).map(toIntegration),
    get: async (teamId: string, id: string) => toIntegration(await find(teamId, id)),
    async update(
      teamId: string,
      id: string,
      precondition: Precondition,
      patch: { name?: string; enabled?: boolean },
    ) {
      return writeVersioned(
        db,
        { what: 'Integration', precondition, lock: (tx) => locked(teamId, id, tx) },
        async (tx, row) => {
          const [updated] = await tx
            .update(integrations)
            .set({ ...patch, version: row.version + 1, updatedAt: clock.now() })
            .where(eq(integrations.id, id))
            .returning()
          return toIntegration(updated!)
        },
      )
    },
    async remove(teamId: string, id: string, precondition: Precondition) {
      await writeVersioned(
        db,
        { what: 'Integration', precondition, lock: (tx) => locked(teamId, id, tx) },
        (tx) => tx.delete(integrations).where(eq(integrations.id, id)),
      )
    },
  }
}

export type IntegrationsService = ReturnType<typeof createIntegrationsService>
