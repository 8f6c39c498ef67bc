import { createHmac, randomBytes } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import type { IncidentSourceKind } from '../db/schema/index.ts'
import { sameSecret } from '../teams/keys.ts'

/**
 * Each incident tool's own way of proving a delivery is genuine, checked on the raw body before
 * anything is parsed or stored. Every check takes all currently accepted secrets (two during a
 * rotation) and passes when any one of them matches.
 */

/** Standard Webhooks' replay window: a timestamp further than this from now is refused. */
export const TIMESTAMP_TOLERANCE_S = 5 * 60

export type Headers = Record<string, string | string[] | undefined>
export type Verdict = { ok: true } | { ok: false; reason: string }

const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name]
  return Array.isArray(value) ? value.join(',') : value
}

const ok: Verdict = { ok: true }
const fail = (reason: string): Verdict => ({ ok: false, reason })

/** PagerDuty Webhooks v3: `X-PagerDuty-Signature: v1=<hex HMAC-SHA256(body)>`, possibly several, comma-separated. */
export function verifyPagerDuty(body: Buffer, headers: Headers, secrets: readonly string[]): Verdict {
  const value = header(headers, 'x-pagerduty-signature')
  if (!value) return fail('X-PagerDuty-Signature is missing')
  const given = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('v1='))
    .map((s) => s.slice(3))
  if (given.length === 0) return fail('X-PagerDuty-Signature has no v1= signature')
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(body).digest('hex')
    if (given.some((g) => sameSecret(g.toLowerCase(), expected))) return ok
  }
  return fail('X-PagerDuty-Signature does not match this source’s secret')
}

/**
 * Standard Webhooks (incident.io, which signs through Svix, and the generic kind): HMAC over
 * `${webhook-id}.${webhook-timestamp}.${body}`; `webhook-signature` lists `v1,<base64>` entries.
 * The `standardwebhooks` package computes the signature; the clock is ours so tests can move it.
 */
export function verifyStandardWebhook(
  body: Buffer,
  headers: Headers,
  secrets: readonly string[],
  now: Date,
): Verdict {
  const id = header(headers, 'webhook-id')
  const timestamp = header(headers, 'webhook-timestamp')
  const signature = header(headers, 'webhook-signature')
  if (!id || !timestamp || !signature)
    return fail('webhook-id, webhook-timestamp and webhook-signature are required')
  if (!/^\d{1,12}$/.test(timestamp)) return fail('webhook-timestamp must be Unix seconds')
  const seconds = Number(timestamp)
  if (Math.abs(now.getTime() / 1000 - seconds) > TIMESTAMP_TOLERANCE_S) {
    return fail('webhook-timestamp is more than 5 minutes from now (replayed or clock skew)')
  }
  const given = signature
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => s.slice(3))
  const payload = body.toString('utf8')
  for (const secret of secrets) {
    let expected: string
    try {
      expected = new Webhook(secret).sign(id, new Date(seconds * 1000), payload).slice(3)
    } catch {
      continue // a secret that is not base64 cannot have signed anything
    }
    if (given.some((g) => sameSecret(g, expected))) return ok
  }
  return fail('webhook-signature does not match this source’s secret')
}

/** Opsgenie and Alertmanager cannot sign: they send the secret as `Authorization: Bearer <secret>`. */
export function verifyBearer(headers: Headers, secrets: readonly string[]): Verdict {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header(headers, 'authorization') ?? '')
  if (!match) return fail('Authorization: Bearer <secret> is missing')
  return secrets.some((s) => sameSecret(match[1]!, s)) ? ok : fail('The bearer secret is not this source’s')
}

export function verifyDelivery(
  kind: IncidentSourceKind,
  body: Buffer,
  headers: Headers,
  secrets: readonly string[],
  now: Date,
): Verdict {
  switch (kind) {
    case 'pagerduty':
      return verifyPagerDuty(body, headers, secrets)
    case 'incident-io':
    case 'generic':
      return verifyStandardWebhook(body, headers, secrets, now)
    case 'opsgenie':
    case 'alertmanager':
      return verifyBearer(headers, secrets)
  }
}

/** A new secret in the form the kind's scheme expects. */
export function generateSourceSecret(kind: IncidentSourceKind): string {
  const random = randomBytes(32)
  if (kind === 'incident-io' || kind === 'generic') return `whsec_${random.toString('base64')}`
  return `dbis_${random.toString('base64url')}`
}

/** Why a secret an operator brings (e.g. PagerDuty's or incident.io's) cannot work, or null. */
export function secretProblem(kind: IncidentSourceKind, secret: string): string | null {
  if (kind === 'incident-io' || kind === 'generic') {
    try {
      new Webhook(secret)
    } catch {
      return 'must be a Standard Webhooks secret (whsec_ followed by base64)'
    }
  }
  if (secret.length < 16) return 'must be at least 16 characters'
  return null
}
