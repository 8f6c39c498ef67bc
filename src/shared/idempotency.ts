import { createHash } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import type { Db, Executor } from '../db/client.ts'
import { idempotencyKeys } from '../db/schema/index.ts'
import { UnprocessableError } from './errors.ts'

export type IdempotencyRequest = { scope: string; key: string; requestHash: string }
export type Created<T> = { status: number; body: T; location?: string | undefined; replayed?: boolean }

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest('hex')
}

/**
 * Without a key, runs `create` on the database as it is (a create that needs a transaction opens
 * one on the executor it is given). With a key, runs it in a transaction that first claims the key. A concurrent request with
 * the same key blocks on the claim's unique row until the first commits, then replays its response,
 * so twenty identical retries create exactly one resource. A failed create rolls the claim back.
 */
export async function createOnce<T>(
  db: Db,
  idempotency: IdempotencyRequest | undefined,
  create: (executor: Executor) => Promise<Created<T>>,
): Promise<Created<T>> {
  if (!idempotency) return { ...(await create(db)), replayed: false }
  const { scope, key, requestHash } = idempotency
  const outcome = await db.transaction(async (tx) => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ scope, key, requestHash, statusCode: 0, responseBody: sql`'null'::jsonb` })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key })
    if (claimed.length === 0) return undefined
    const result = await create(tx)
    await tx
      .update(idempotencyKeys)
      .set({
        statusCode: result.status,
        responseBody: result.body as object,
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
  if (!first) return createOnce(db, idempotency, create) // the first attempt rolled back meanwhile
  if (first.requestHash !== requestHash) {
    throw new UnprocessableError(
      'idempotency-key-reused',
      'This Idempotency-Key was already used with a different request; use a new key for a new request',
    )
  }
  return {
    status: first.statusCode,
    body: first.responseBody as T,
    location: first.location ?? undefined,
    replayed: true,
  }
}
