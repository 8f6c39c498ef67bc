import { and, desc, eq } from 'drizzle-orm'
import type { Db, Executor } from '../db/client.ts'
import { type IncidentSourceKind, type IncidentSourceRow, incidentSources } from '../db/schema/index.ts'
import type { Clock } from '../shared/clock.ts'
import { NotFoundError, ValidationError } from '../shared/errors.ts'
import { createOnce, type IdempotencyRequest } from '../shared/idempotency.ts'
import { checkVersion, type Precondition } from '../shared/preconditions.ts'
import { encryptJson, liveSecrets, rotateSecret } from '../shared/secrets.ts'
import { generateSourceSecret, secretProblem } from './verify.ts'

/** How long the previous secret is still accepted after a rotation, so the tool can be switched over. */

export type SourceInput = { kind: IncidentSourceKind; name: string; secret?: string | undefined }

/** The receiver URL the incident tool is configured with. */
export const receiverPath = (id: string) => `/hooks/incidents/${id}`

export function toSource(row: IncidentSourceRow, baseUrl: string) {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    url: `${baseUrl}${receiverPath(row.id)}`,
    version: row.version,
    rotationEndsAt: row.previousSecretExpiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

/** Incident sources of a team: the secret is shown once, stored encrypted, rotated with an overlap. */
export function createIncidentSourcesService(deps: { db: Db; secretKey: Buffer; clock: Clock }) {
  const { db, secretKey, clock } = deps

  function chosenSecret(kind: IncidentSourceKind, given: string | undefined, pointer: string) {
    if (given === undefined) return generateSourceSecret(kind)
    const problem = secretProblem(kind, given)
    if (problem) throw new ValidationError(`secret ${problem}`, [{ pointer, detail: problem }])
    return given
  }

  async function find(teamId: string, id: string, ex: Executor = db) {
    const [row] = await ex
      .select()
      .from(incidentSources)
      .where(and(eq(incidentSources.teamId, teamId), eq(incidentSources.id, id)))
    if (!row) throw new NotFoundError('Incident source')
    return row
  }

  return {
    create(teamId: string, input: SourceInput, baseUrl: string, idempotency?: IdempotencyRequest) {
      const secret = chosenSecret(input.kind, input.secret, '/secret')
      return createOnce(db, idempotency, async (ex) => {
        const [row] = await ex
          .insert(incidentSources)
          .values({
            teamId,
            kind: input.kind,
            name: input.name,
            secretEncrypted: encryptJson(secretKey, secret),
          })
          .returning()
        return {
          status: 201,
          body: { ...toSource(row!, baseUrl), secret },
          location: `/v1/incident-sources/${row!.id}`,
        }
      })
    },
    list: async (teamId: string, baseUrl: string) =>
      (
        await db
          .select()
          .from(incidentSources)
          .where(eq(incidentSources.teamId, teamId))
          .orderBy(desc(incidentSources.createdAt), desc(incidentSources.id))
      ).map((r) => toSource(r, baseUrl)),
    get: async (teamId: string, id: string, baseUrl: string) => toSource(await find(teamId, id), baseUrl),
    /** Deletes the source and its stored events; reviews it opened stay. */
    async remove(teamId: string, id: string, precondition: Precondition) {
      await db.transaction(async (tx) => {
        const [row] = await tx
          .select()
          .from(incidentSources)
          .where(and(eq(incidentSources.teamId, teamId), eq(incidentSources.id, id)))
          .for('update')
        if (!row) throw new NotFoundError('Incident source')
        checkVersion(precondition, row.version)
        await tx.delete(incidentSources).where(eq(incidentSources.id, id))
      })
    },
    /** A new secret (made here, or the one the tool generated); the old one is accepted for 24 h. */
    async rotate(teamId: string, id: string, given: string | undefined, baseUrl: string) {
      return db.transaction(async (tx) => {
        const [current] = await tx
          .select()
          .from(incidentSources)
          .where(and(eq(incidentSources.teamId, teamId), eq(incidentSources.id, id)))
          .for('update')
        if (!current) throw new NotFoundError('Incident source')
        const secret = chosenSecret(current.kind, given, '/secret')
        const now = clock.now()
        const [row] = await tx
          .update(incidentSources)
          .set({
            ...rotateSecret(secretKey, current, secret, now),
            version: current.version + 1,
            updatedAt: now,
          })
          .where(eq(incidentSources.id, id))
          .returning()
        return { ...toSource(row!, baseUrl), secret }
      })
    },
    /** Any source by id (the receiver has no team yet: the id and the signature identify it). */
    async byId(id: string): Promise<IncidentSourceRow | undefined> {
      const [row] = await db.select().from(incidentSources).where(eq(incidentSources.id, id))
      return row
    },
    /** The secrets accepted right now: the current one, plus the previous during a rotation. */
    acceptedSecrets(row: IncidentSourceRow): string[] {
      return liveSecrets(secretKey, row, clock.now())
    },
  }
}

export type IncidentSourcesService = ReturnType<typeof createIncidentSourcesService>
