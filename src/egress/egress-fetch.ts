import { Agent, fetch as undiciFetch } from 'undici'
import type { HttpFetch } from '../shared/outgoing-http.ts'
import { compileAllowList } from './allow-list.ts'
import { createGuardedConnector, type Resolver, systemResolver } from './connector.ts'
import { classifyFetchError, EgressResponseTooLargeError } from './errors.ts'

export type EgressOptions = {
  /** Hosts / IPs / CIDRs that may be reached although private (see parseEgressAllow). */
  allow: string[]
  /** TCP (+ TLS) connect timeout. Default 5 s. */
  connectTimeoutMs?: number
  /** Whole exchange, from the call until the body is fully read. Default 15 s. */
  totalTimeoutMs?: number
  /** Response body limit after decompression. Default 5 MiB. */
  maxResponseBytes?: number
  /** Hostname resolution; tests inject one, production uses the system resolver (dns.lookup). */
  resolver?: Resolver
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304])

/**
 * Re-streams `body`, erroring it with EgressResponseTooLargeError (and cancelling the upstream, which
 * aborts the connection) as soon as more than `limit` bytes arrive. Also maps upstream failures
 * (timeouts, resets mid-body) to the same DeliveryErrors the request itself throws.
 */
function limitBody(
  body: ReadableStream<Uint8Array>,
  limit: number,
  url: string,
  mapError: (error: unknown) => unknown,
): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  let received = 0
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read()
        if (done) return controller.close()
        received += value.byteLength
        if (received > limit) {
          controller.error(new EgressResponseTooLargeError(url, limit))
          await reader.cancel().catch(() => {})
          return
        }
        controller.enqueue(value)
      } catch (error) {
        controller.error(mapError(error))
      }
    },
    cancel(reason) {
      return reader.cancel(reason)
    },
  })
}

/**
 * The one client for all outgoing HTTP (webhooks, Confluence, Notion). Returns standard Response
 * objects, so it can be handed to @notionhq/client as `fetch`.
 *
 * - Destinations are checked on the address actually connected to (see connector.ts); refusals
 *   throw EgressBlockedError (not retryable).
 * - Redirects are never followed: a 3xx is returned as-is, and callers treat it as a failure
 *   (failureFrom and sendWebhook classify any non-2xx; a 3xx is not retryable).
 * - Network failures and timeouts throw retryable DeliveryErrors; a body over the cap errors with
 *   EgressResponseTooLargeError when read.
 */
export function createEgressFetch(options: EgressOptions): HttpFetch {
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000
  const totalTimeoutMs = options.totalTimeoutMs ?? 15_000
  const maxResponseBytes = options.maxResponseBytes ?? 5 * 1024 * 1024
  const allow = compileAllowList(options.allow)
  const dispatcher = new Agent({
    connect: createGuardedConnector({
      allow,
      resolver: options.resolver ?? systemResolver,
      connectTimeoutMs,
    }),
    headersTimeout: totalTimeoutMs,
    bodyTimeout: totalTimeoutMs,
  })

  return async (url, init = {}) => {
    const timeout = AbortSignal.timeout(totalTimeoutMs)
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout
    let response: Awaited<ReturnType<typeof undiciFetch>>
    try {
      // The global RequestInit and undici's differ only in nominal types (same runtime shapes).
      const undiciInit = { ...init, redirect: 'manual', signal, dispatcher } as Parameters<
        typeof undiciFetch
      >[1]
      response = await undiciFetch(url, undiciInit)
    } catch (error) {
      throw failure(error, url, init.signal, timeout, totalTimeoutMs)
    }
    return toPlatformResponse(response, maxResponseBytes, url, (error) =>
      failure(error, url, init.signal, timeout, totalTimeoutMs),
    )
  }
}

/**
 * Re-wraps undici's response as a global Response: callers (and @notionhq/client) expect the platform
 * class, and the body must pass through the size cap. A declared Content-Length over the cap fails
 * at once, before any of the body is read.
 */
async function toPlatformResponse(
  response: Awaited<ReturnType<typeof undiciFetch>>,
  maxResponseBytes: number,
  url: string,
  mapError: (error: unknown) => unknown,
): Promise<Response> {
  const declared = Number(response.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > maxResponseBytes) {
    await response.body?.cancel().catch(() => {})
    throw new EgressResponseTooLargeError(url, maxResponseBytes)
  }
  const body =
    response.body && !NULL_BODY_STATUSES.has(response.status)
      ? limitBody(response.body as ReadableStream<Uint8Array>, maxResponseBytes, url, mapError)
      : null
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers as unknown as Headers,
  })
}

function failure(
  error: unknown,
  url: string,
  callerSignal: AbortSignal | null | undefined,
  timeout: AbortSignal,
  totalTimeoutMs: number,
): unknown {
  // The caller cancelled: hand back their reason untouched, it is not a delivery failure.
  if (callerSignal?.aborted) return callerSignal.reason
  if (timeout.aborted) {
    return classifyFetchError(
      Object.assign(new Error(`no complete response within ${totalTimeoutMs} ms`), { code: 'ETIMEDOUT' }),
      url,
    )
  }
  return classifyFetchError(error, url)
}
