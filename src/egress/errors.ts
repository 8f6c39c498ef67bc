import { DeliveryError } from '../shared/outgoing-http.ts'

/**
 * A destination the egress policy refuses (private, loopback, metadata, …). Never retryable:
 * the same URL will be refused again until an operator changes DEBRIEF_EGRESS_ALLOW.
 */
export class EgressBlockedError extends DeliveryError {
  override name = 'EgressBlockedError'
  readonly host: string
  readonly address: string | undefined
  readonly reason: string

  constructor(host: string, address: string | undefined, reason: string) {
    const where = address && address !== host ? `${host} (${address})` : host
    super(`egress refused: ${where} (${reason}); an operator can allow it in DEBRIEF_EGRESS_ALLOW`, {
      retryable: false,
    })
    this.host = host
    this.address = address
    this.reason = reason
  }
}

/** The response body grew past maxResponseBytes; the connection was aborted. Not retryable. */
export class EgressResponseTooLargeError extends DeliveryError {
  override name = 'EgressResponseTooLargeError'
  readonly limitBytes: number

  constructor(url: string, limitBytes: number) {
    super(`response from ${url} exceeds the ${limitBytes}-byte limit; aborted`, { retryable: false })
    this.limitBytes = limitBytes
  }
}

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
])

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** Walks `cause` chains (undici wraps network failures as TypeError('fetch failed', { cause })). */
function* causes(error: unknown): Generator<unknown> {
  for (let e = error, depth = 0; e != null && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    yield e
    if (e instanceof AggregateError) yield* e.errors
  }
}

/**
 * Classifies a failure of the underlying fetch: our own refusals pass through unchanged, network
 * failures (resets, refused connections, DNS hiccups, timeouts) become retryable DeliveryErrors,
 * and anything else (a bad URL, an unsupported body) is a non-retryable DeliveryError.
 * ENOTFOUND is treated as transient because resolvers do fail transiently; the retry budget bounds it.
 */
export function classifyFetchError(error: unknown, url: string): DeliveryError {
  for (const e of causes(error)) if (e instanceof DeliveryError) return e
  const code = [...causes(error)].map(codeOf).find((c) => c !== undefined)
  const detail = [...causes(error)]
    .map((e) => (e instanceof Error ? e.message : String(e)))
    .filter((m) => m !== 'fetch failed')
    .join(': ')
  const retryable = code !== undefined && TRANSIENT_CODES.has(code)
  return new DeliveryError(
    `request to ${url} failed${code ? ` (${code})` : ''}: ${detail || 'unknown error'}`,
    {
      retryable,
      cause: error,
    },
  )
}
