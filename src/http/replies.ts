import type { FastifyReply, FastifyRequest } from 'fastify'
import {
  type Created,
  type IdempotencyPolicy,
  type IdempotencyRequest,
  requestHash,
} from '../shared/idempotency.ts'
import { etagOf } from '../shared/preconditions.ts'

/** The Idempotency-Key of a create, bound to the caller's scope, the path and the exact body. */
export function idempotencyOf(request: FastifyRequest, scope: string): IdempotencyRequest | undefined {
  const key = request.headers['idempotency-key']
  if (typeof key !== 'string' || key === '') return undefined
  const path = request.url.split('?')[0] ?? request.url
  const policy = request.server.idempotency
  return { scope, key, policy, requestHash: requestHash(policy, request.method, path, request.body) }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** How Idempotency-Key records are sealed and how long they live (decorated in app.ts). */
    idempotency: IdempotencyPolicy
  }
}

/** 201 (or the replayed first response) with Location and the new resource's ETag. */
export function sendCreated<T>(reply: FastifyReply, result: Created<T>) {
  if (result.location) reply.header('location', result.location)
  const version = (result.body as { version?: unknown }).version
  if (typeof version === 'number') reply.header('etag', etagOf(version))
  if (result.replayed) reply.header('idempotent-replayed', 'true')
  return reply.code(result.status).send(result.body)
}
