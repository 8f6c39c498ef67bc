import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ProblemError } from '../shared/errors.ts'

/**
 * Abuse limits, counted per instance in memory (@fastify/rate-limit's LRU store). A PostgreSQL store
 * would make the limit exact across instances, but costs a write round trip on every request, and
 * the limits exist to protect each instance and its share of the pool: with N instances behind a
 * balancer a key gets at most N × the limit, which README "Limits" states.
 */

const WINDOW_MS = 60_000
const WINDOW_S = WINDOW_MS / 1000

class TooManyRequestsError extends ProblemError {
  constructor(detail: string, retryAfterSeconds: number, headers: Record<string, string> = {}) {
    super(
      429,
      'too-many-requests',
      'Too Many Requests',
      detail,
      {},
      { 'retry-after': String(Math.max(1, retryAfterSeconds)), ...headers },
    )
  }
}

/** Who a request is counted against: its key, the operator, or (public routes) the client address. */
function caller(request: FastifyRequest): string {
  const principal = request.principal
  if (principal?.kind === 'key') return `key:${principal.keyId}`
  if (principal?.kind === 'operator') return 'operator'
  return `ip:${request.ip}`
}

/**
 * Per-caller limit with the IETF RateLimit / RateLimit-Policy headers
 * (draft-ietf-httpapi-ratelimit-headers: `"policy";q=quota;w=window` and `"policy";r=remaining;t=reset`),
 * 429 + Retry-After past it; and a throttle on requests with bad credentials per client IP, so keys
 * cannot be guessed at request rate. Register after auth (it reads the principal).
 */
export async function registerRateLimits(
  app: FastifyInstance,
  limits: { ratePerMinute: number; authFailuresPerMinute: number },
) {
  await app.register(rateLimit, { global: false, timeWindow: WINDOW_MS })
  const perCaller = app.createRateLimit({
    max: limits.ratePerMinute,
    timeWindow: WINDOW_MS,
    keyGenerator: caller,
  })
  const failures = app.createRateLimit({
    max: limits.authFailuresPerMinute,
    timeWindow: WINDOW_MS,
    keyGenerator: (request) => `auth:${request.ip}`,
  })

  // Before auth: a client over its bad-credential budget is refused without checking another guess.
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config?.auth === 'public' || request.is404) return
    const seen = await failures(request, { increment: false })
    if (!seen.isAllowed && seen.remaining === 0) {
      throw new TooManyRequestsError(
        'Too many requests with invalid credentials from this address; wait before retrying',
        seen.ttlInSeconds,
      )
    }
  })
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode === 401) await failures(request)
  })
  // After auth (onRequest) and before the body is parsed, so an over-limit caller costs little.
  app.addHook('preParsing', async (request, reply) => {
    const verdict = await perCaller(request)
    if (verdict.isAllowed) return
    const quota = verdict.max
    const reset = verdict.ttlInSeconds
    const headers = {
      'ratelimit-policy': `"per-key";q=${quota};w=${WINDOW_S}`,
      ratelimit: `"per-key";r=${verdict.remaining};t=${reset}`,
    }
    if (!verdict.isExceeded) {
      for (const [name, value] of Object.entries(headers)) reply.header(name, value)
      return
    }
    throw new TooManyRequestsError(
      `More than ${quota} requests in ${WINDOW_S} s from this caller; retry after the Retry-After delay`,
      reset,
      headers,
    )
  })
}
