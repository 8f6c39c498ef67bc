import type { Review } from '../reviews/review.views.ts'

/**
 * The contract between the delivery worker and each wiki (Confluence Cloud, Confluence Data Center,
 * Notion). A publisher turns one publication of a review into exactly one page per review: it creates
 * the page the first time and updates the same page afterwards.
 */

/** A fetch-compatible function; in production it is the egress-safe client (src/egress/). */
export type HttpFetch = (url: string, init?: RequestInit) => Promise<Response>

/** Where the review's page lives, as stored after the first successful delivery. */
export type PageRef = { pageId: string; version?: number | undefined; url?: string | undefined }

export type PublishInput = {
  /** The frozen snapshot of the publication being delivered. */
  review: Review
  publicationNumber: number
  /** The review rendered to Markdown (src/export/), the single source of every wiki body. */
  markdown: string
}

export interface Publisher {
  /**
   * Creates or updates the review's page. `existing` is the stored PageRef (null before the first
   * success). With `existing` null the publisher must still first look for a page it created for this
   * review earlier (a retry after an unknown outcome) and update that one instead of creating a second.
   */
  publish(input: PublishInput, existing: PageRef | null): Promise<PageRef>
}

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
