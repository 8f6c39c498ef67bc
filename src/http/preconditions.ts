import type { FastifyReply, FastifyRequest } from 'fastify'
import { etagOf, type Precondition, parseIfMatch } from '../shared/preconditions.ts'

/** The request's If-Match; 428 when it is missing (the rules live in src/shared/preconditions.ts). */
export function requireIfMatch(request: FastifyRequest): Precondition {
  return parseIfMatch(request.headers['if-match'])
}

export function withEtag(reply: FastifyReply, version: number) {
  return reply.header('etag', etagOf(version))
}
