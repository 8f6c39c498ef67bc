import { randomBytes } from 'node:crypto'
import { Webhook } from 'standardwebhooks'

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): HMAC-SHA256 over
 * `${webhook-id}.${webhook-timestamp}.${body}`, keyed with the base64-decoded `whsec_` secret.
 * The `standardwebhooks` package does the cryptography so receivers using any of the spec's
 * libraries verify exactly what we sign.
 */

const PREFIX = 'whsec_'
/** The spec asks for 24 to 64 bytes of randomness; 32 matches the HMAC-SHA256 block strength. */
const SECRET_BYTES = 32

export type WebhookHeaders = {
  'webhook-id': string
  'webhook-timestamp': string
  'webhook-signature': string
}

/** A new signing secret, `whsec_<base64 of 32 random bytes>`, shown to the subscriber once. */
export function generateWebhookSecret(): string {
  return `${PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`
}

/**
 * The three Standard Webhooks headers for one attempt. `msgId` must stay the same across retries
 * (receivers deduplicate on it); `timestamp` is the attempt's own time, because receivers reject
 * timestamps older than about 5 minutes. Every active secret signs — during a rotation the old and
 * the new — so receivers can switch secrets at their own pace.
 */
export function signHeaders(input: {
  msgId: string
  timestamp: Date
  body: string
  secrets: readonly string[]
}): WebhookHeaders {
  if (input.secrets.length === 0) throw new Error('signHeaders needs at least one secret')
  const signatures = input.secrets.map((secret) =>
    new Webhook(secret).sign(input.msgId, input.timestamp, input.body),
  )
  return {
    'webhook-id': input.msgId,
    'webhook-timestamp': String(Math.floor(input.timestamp.getTime() / 1000)),
    'webhook-signature': [...new Set(signatures)].join(' '),
  }
}
