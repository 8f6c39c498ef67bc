import type { FastifyReply, FastifyRequest } from 'fastify'
import { PreconditionRequiredError, ValidationError } from './problems.ts'

/** What the caller's If-Match allows: any current version (`*`) or one of the listed ones. */
export type Precondition = { any: true } | { any: false; versions: number[] }

export const etagOf = (version: number) => `"v${version}"`

/** Parses If-Match (RFC 9110: `*` or a list of strong tags); 428 when it is missing. */
export function requireIfMatch(request: FastifyRequest): Precondition {
  const header = request.headers['if-match']
  if (header === undefined || header.trim() === '') throw new PreconditionRequiredError()
  if (header.trim() === '*') return { any: true }
  const versions: number[] = []
  for (const part of header.split(',')) {
    const match = /^\s*"v(\d{1,9})"\s*$/.exec(part)
    if (!match) {
      throw new ValidationError('If-Match must hold ETags exactly as Debrief sent them, e.g. "v3"', [
        { pointer: '', detail: `If-Match: unrecognised ETag ${part.trim()}` },
      ])
    }
    versions.push(Number(match[1]))
  }
  return { any: false, versions }
}

export function matches(precondition: Precondition, version: number): boolean {
  return precondition.any || precondition.versions.includes(version)
}

export function withEtag(reply: FastifyReply, version: number) {
  return reply.header('etag', etagOf(version))
}
