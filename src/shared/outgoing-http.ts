// Outgoing HTTP as every sender sees it (wikis, webhooks, the egress client): the fetch type and
// how a failed attempt is classified for the retry policy.

/** A fetch-compatible function; in production it is the egress-safe client (src/egress/). */
export type HttpFetch = (url: string, init?: RequestInit) => Promise<Response>

/** A failed delivery attempt, classified for the retry policy. */
export class DeliveryError extends Error {
  override name = 'DeliveryError'
  readonly retryable: boolean
  readonly status: number | undefined
  readonly retryAfterMs: number | undefined

  constructor(
    message: string,
    options: { retryable: boolean; status?: number; retryAfterMs?: number; cause?: unknown },
  ) {
    super(message, { cause: options.cause })
    this.retryable = options.retryable
    this.status = options.status
    this.retryAfterMs = options.retryAfterMs
  }
}

/**
 * Classifies an HTTP response that is not a success: 429, 5xx (and 408) are retryable and honour
 * Retry-After (seconds or an HTTP date); other 4xx fail fast with the peer's reason.
 */
export async function failureFrom(response: Response, what: string): Promise<DeliveryError> {
  const body = (await response.text().catch(() => '')).slice(0, 500)
  const retryable = response.status === 429 || response.status === 408 || response.status >= 500
  const header = response.headers.get('retry-after')
  let retryAfterMs: number | undefined
  if (header) {
    const seconds = Number(header)
    retryAfterMs = Number.isFinite(seconds)
      ? seconds * 1000
      : Math.max(0, Date.parse(header) - Date.now()) || undefined
  }
  return new DeliveryError(`${what}: HTTP ${response.status}${body ? ` — ${body}` : ''}`, {
    retryable,
    status: response.status,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  })
}
