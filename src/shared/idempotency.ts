import { createHmac } from 'node:crypto'
import { and, eq, lte, sql } from 'drizzle-orm'
import type { Db, Executor } from '../db/client.ts'
import { idempotencyKeys } from '../db/schema/index.ts'
import { UnprocessableError } from './errors.ts'
import { decryptJson, encryptJson } from './secrets.ts'

/**
 * How Idempotency-Key records are kept. The first response is stored encrypted (it may hold a secret
 * shown only once: a new API key, a webhook signing secret), so a replay returns exactly what the
 * first call returned without any secret lying in the database in plaintext. Records expire after
 * `ttlMs` (default 24 h, like Stripe's); after that the same key starts a new request.
 */
export type IdempotencyPolicy = {
  ttlMs: number
  /** A keyed hash of the request: a plain SHA-256 of a body holding a token would be a guessable fingerprint. */
  fingerprint(text: string): string
  seal(response: StoredResponse): string
  open(sealed: string): StoredResponse
}
type StoredResponse = { body: unknown }

export function createIdempotencyPolicy(options: { secretKey: Buffer; ttlMs: number }): IdempotencyPolicy {
  const { secretKey, ttlMs } = options
  return {
    ttlMs,
    fingerprint: (text) => createHmac('sha256', secretKey).update(text).digest('hex'),
    seal: (response) => encryptJson(secretKey, response),
    open: (sealed) => decryptJson<StoredResponse>(secretKey, sealed),
  }
}

export type IdempotencyRequest = {
  scope: string
  key: string
  requestHash: string
  policy: IdempotencyPolicy
}
export type Created<T> = { status: number; body: T; location?: string | undefined; replayed?: boolean }

export function requestHash(policy: IdempotencyPolicy, method: string, path: string, body: unknown): string {
  return policy.fingerprint(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
}

const expiresIn = (ttlMs: number) => sql`now() + ${ttlMs} * interval '1 millisecond'`

/**
 * Without a key, runs `create` on the database as it is (a create that needs a transaction opens
 * one on the executor it is given). With a key, runs it in a transaction that first claims the key
 * (or takes over an expired record of it). A concurrent request with the same key blocks on the
 * claim's unique row until the first commits, then replays its response, so twenty identical retries
 * create exactly one resource. A failed create rolls the claim back.
 */
export async function createOnce<T>(
  db: Db,
  idempotency: IdempotencyRequest | undefined,
  create: (executor: Executor) => Promise<Created<T>>,
): Promise<Created<T>> {
  if (!idempotency) return { ...(await create(db)), replayed: false }
  const { scope, key, requestHash, policy } = idempotency
  const outcome = await db.transaction(async (tx) => {
    const claim = {
      requestHash,
      statusCode: 0,
      responseSealed: null,
      location: null,
      createdAt: sql`now()`,
      expiresAt: expiresIn(policy.ttlMs),
    }
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ scope, key, ...claim })
      .onConflictDoUpdate({
        target: [idempotencyKeys.scope, idempotencyKeys.key],
        set: claim,
        setWhere: lte(idempotencyKeys.expiresAt, sql`now()`),
      })
      .returning({ key: idempotencyKeys.key })
    if (claimed.length === 0) return undefined
    const result = await create(tx)
    await tx
      .update(idempotencyKeys)
      .set({
        statusCode: result.status,
        responseSealed: policy.seal({ body: result.body }),
        location: result.location ?? null,
      })
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)))
    return result
  })
  if (outcome) return { ...outcome, replayed: false }
  const [first] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)))
  // The first attempt rolled back meanwhile, or its record expired between claim and read.
  if (!first?.responseSealed || first.expiresAt <= new Date()) return createOnce(db, idempotency, create)
  if (first.requestHash !== requestHash) {
    throw new UnprocessableError(
      'idempotency-key-reused',
      'This Idempotency-Key was already used with a different request; use a new key for a new request',
    )
  }
  return {
    status: first.statusCode,
    body: policy.open(first.responseSealed).body as T,
    location: first.location ?? undefined,
    replayed: true,
  }
}

/** Deletes expired records, a bounded batch at a time; returns how many went. */
export async function purgeExpiredIdempotencyKeys(db: Db, batch = 1_000): Promise<number> {
  const deleted = await db.execute(
    sql`delete from idempotency_keys where ctid in (select ctid from idempotency_keys where expires_at <= now() limit ${batch})`,
  )
  return (
    (deleted as { rowCount?: number | null }).rowCount ??
    (deleted as { affectedRows?: number }).affectedRows ??
    0
  )
}
