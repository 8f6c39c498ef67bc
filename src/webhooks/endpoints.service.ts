import { and, desc, eq } from 'drizzle-orm'
import type { Db, Executor, Tx } from '../db/client.ts'
import { type WebhookEndpointRow, webhookEndpoints } from '../db/schema/index.ts'
import type { Outbox } from '../deliveries/outbox.ts'
import type { Clock } from '../shared/clock.ts'
import { NotFoundError, ValidationError } from '../shared/errors.ts'
import { createOnce, type IdempotencyRequest } from '../shared/idempotency.ts'
import type { Precondition } from '../shared/preconditions.ts'
import { encryptJson, liveSecrets, rotateSecret } from '../shared/secrets.ts'
import { writeVersioned } from '../shared/versioned-write.ts'
import { generateWebhookSecret } from './signing.ts'

/** How long the previous secret keeps signing after a rotation, so receivers can switch over. */

export const toEndpoint = (e: WebhookEndpointRow) => ({
  id: e.id,
  url: e.url,
  events: e.events,
  enabled: e.enabled,
  disabledReason: e.disabledReason,
  version: e.version,
  rotationEndsAt: e.previousSecretExpiresAt?.toISOString() ?? null,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
})

export type EndpointInput = { url: string; events: string[] }

/** Webhook subscriptions: signing secrets are shown once and stored encrypted. */
export function createEndpointsService(deps: {
  db: Db
  secretKey: Buffer
  clock: Clock
  outbox: Pick<Outbox, 'record'>
  checkUrl: (url: string) => string | null
}) {
  const { db, secretKey, clock } = deps

  function checkUrl(url: string) {
    const reason = deps.checkUrl(url)
    if (reason) throw new ValidationError(`url ${reason}`, [{ pointer: '/url', detail: reason }])
  }
  async function locked(teamId: string, id: string, tx: Tx) {
    const [row] = await tx
      .select()
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.teamId, teamId), eq(webhookEndpoints.id, id)))
      .for('update')
    return row
  }
  async function find(teamId: string, id: string, ex: Executor = db) {
    const [row] = await ex
      .select()
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.teamId, teamId), eq(webhookEndpoints.id, id)))
    if (!row) throw new NotFoundError('Webhook endpoint')
    return row
  }
  /** Locks the endpoint, checks If-Match, applies `values(row)` and bumps the version. */
  function change(
    teamId: string,
    id: string,
    precondition: Precondition | undefined,
    values: (row: WebhookEndpointRow) => Partial<WebhookEndpointRow>,
  ) {
    return writeVersioned(
      db,
      { what: 'Webhook endpoint', precondition, lock: (tx) => locked(teamId, id, tx) },
      async (tx, row) => {
        const [updated] = await tx
          .update(webhookEndpoints)
          .set({ ...values(row), version: row.version + 1, updatedAt: clock.now() })
          .where(eq(webhookEndpoints.id, id))
          .returning()
        return updated!
      },
    )
  }

  return {
    create(teamId: string, input: EndpointInput, idempotency?: IdempotencyRequest) {
      checkUrl(input.url)
      return createOnce(db, idempotency, async (ex) => {
        const secret = generateWebhookSecret()
        const [row] = await ex
          .insert(webhookEndpoints)
          .values({
            teamId,
            url: input.url,
            events: [...new Set(input.events)],
            secretEncrypted: encryptJson(secretKey, secret),
          })
          .returning()
        return {
          status: 201,
          body: { ...toEndpoint(row!), secret },
          location: `/v1/webhook-endpoints/${row!.id}`,
        }
      })
    },
    list: async (teamId: string) =>
      (
        await db
          .select()
          .from(webhookEndpoints)
          .where(eq(webhookEndpoints.teamId, teamId))
          .orderBy(desc(webhookEndpoints.createdAt))
      ).map(toEndpoint),
    get: async (teamId: string, id: string) => toEndpoint(await find(teamId, id)),
    async update(
      teamId: string,
      id: string,
      precondition: Precondition,
      patch: Partial<EndpointInput> & { enabled?: boolean },
    ) {
      if (patch.url) checkUrl(patch.url)
      const values: Partial<WebhookEndpointRow> = { ...patch }
      if (patch.enabled) values.disabledReason = null
      return toEndpoint(await change(teamId, id, precondition, () => values))
    },
    async remove(teamId: string, id: string, precondition: Precondition) {
      await writeVersioned(
        db,
        { what: 'Webhook endpoint', precondition, lock: (tx) => locked(teamId, id, tx) },
        (tx) => tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)),
      )
    },
    /** A new secret; the old one keeps signing for ROTATION_OVERLAP_MS so receivers can switch. */
    async rotate(teamId: string, id: string) {
      const secret = generateWebhookSecret()
      // Under the row lock, so concurrent rotations chain: each one's previous secret is the one it replaced.
      const row = await change(teamId, id, undefined, (current) =>
        rotateSecret(secretKey, current, secret, clock.now()),
      )
      return { ...toEndpoint(row), secret }
    },
    /** Queues a `webhook.test` delivery to the endpoint, through the same queue and log as real ones. */
    async sendTest(teamId: string, id: string) {
      const endpoint = await find(teamId, id)
      const [delivery] = await db.transaction((tx) =>
        deps.outbox.record(tx, [
          {
            teamId,
            targetKind: 'webhook',
            targetId: endpoint.id,
            eventType: 'webhook.test',
            payload: { type: 'webhook.test', data: { endpointId: endpoint.id } },
          },
        ]),
      )
      return delivery!
    },
    /** The secrets that sign right now: the current one, plus the previous during a rotation. */
    signingSecrets(endpoint: WebhookEndpointRow): string[] {
      return liveSecrets(secretKey, endpoint, clock.now())
    },
  }
}

export type EndpointsService = ReturnType<typeof createEndpointsService>
