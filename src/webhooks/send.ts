import { classifyFetchError } from '../egress/errors.ts'
import { DeliveryError, failureFrom, type HttpFetch } from '../shared/outgoing-http.ts'
import { signHeaders } from './signing.ts'

export type WebhookMessage = {
  url: string
  /** Stable across retries of the same event: receivers deduplicate on webhook-id. */
  msgId: string
  /** e.g. `review.published`. */
  eventType: string
  /** The event's `data`: a thin payload (ids and links), never the review's content. */
  payload: unknown
  /** Every secret that signs right now (two during a rotation). */
  secrets: readonly string[]
  /** The time of this attempt (webhook-timestamp). */
  timestamp: Date
  /** When the event happened, for the body's `timestamp`; defaults to `timestamp`. */
  occurredAt?: Date
}

export type WebhookResult = { status: number; disable?: true }

/**
 * Posts one signed webhook attempt and classifies the answer for the retry policy:
 * 2xx → delivered; 410 Gone → `{ disable: true }` (the subscriber asked us to stop);
 * 408 / 429 / 5xx / timeouts / resets → retryable DeliveryError honouring Retry-After;
 * 3xx and other 4xx → non-retryable DeliveryError (redirects are never followed: a moved
 * endpoint must be re-registered, so a redirect cannot steer signed payloads elsewhere).
 */
export async function sendWebhook(fetch: HttpFetch, message: WebhookMessage): Promise<WebhookResult> {
  // The Standard Webhooks envelope: type, timestamp, data.
  const body = JSON.stringify({
    type: message.eventType,
    timestamp: (message.occurredAt ?? message.timestamp).toISOString(),
    data: message.payload,
  })
  const headers = signHeaders({
    msgId: message.msgId,
    timestamp: message.timestamp,
    body,
    secrets: message.secrets,
  })
  let response: Response
  try {
    response = await fetch(message.url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'Debrief-Webhooks/1' },
      body,
    })
  } catch (error) {
    throw error instanceof DeliveryError ? error : classifyFetchError(error, message.url)
  }
  if (response.ok || response.status === 410) {
    // Nothing in the receiver's body matters: release it rather than buffer up to the size cap.
    await response.body?.cancel().catch(() => {})
    return response.status === 410 ? { status: 410, disable: true } : { status: response.status }
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel().catch(() => {})
    const location = response.headers.get('location')
    const where = location ? ` to ${location}` : ''
    throw new DeliveryError(
      `webhook endpoint answered ${response.status} redirect${where}; redirects are not followed, update the endpoint URL`,
      { retryable: false, status: response.status },
    )
  }
  throw await failureFrom(response, 'webhook endpoint')
}
