import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { generateWebhookSecret, signHeaders } from '../../../src/webhooks/signing.ts'

// The spec's vectors live beside the repository (../shared), not in it; skip when it is absent.
const vectorsPath = fileURLToPath(
  new URL('../../../../shared/peers/webhooks/standard-webhooks-vectors.json', import.meta.url),
)
const haveVectors = existsSync(vectorsPath)
if (!haveVectors) console.warn(`skipping Standard Webhooks vector tests: ${vectorsPath} not found`)

type Vector = {
  name: string
  secret: string
  'webhook-id': string
  'webhook-timestamp': string
  payload: string
  'expected-signature': string
}

describe.skipIf(!haveVectors)('Standard Webhooks test vectors', () => {
  const vectors: Vector[] = haveVectors ? JSON.parse(readFileSync(vectorsPath, 'utf8')).symmetric : []

  it('has vectors to check', () => {
    expect(vectors.length).toBeGreaterThan(0)
  })

  it('reproduces every expected signature exactly, with or without the whsec_ prefix', () => {
    for (const v of vectors) {
      const input = {
        msgId: v['webhook-id'],
        timestamp: new Date(Number(v['webhook-timestamp']) * 1000),
        body: v.payload,
      }
      const headers = signHeaders({ ...input, secrets: [v.secret] })
      expect(headers).toEqual({
        'webhook-id': v['webhook-id'],
        'webhook-timestamp': v['webhook-timestamp'],
        'webhook-signature': v['expected-signature'],
      })
      const bare = signHeaders({ ...input, secrets: [v.secret.replace(/^whsec_/, '')] })
      expect(bare['webhook-signature']).toBe(v['expected-signature'])
    }
  })

  it('produces headers a real verifier rejects once the timestamp is stale', () => {
    for (const v of vectors) {
      const headers = signHeaders({
        msgId: v['webhook-id'],
        timestamp: new Date(Number(v['webhook-timestamp']) * 1000),
        body: v.payload,
        secrets: [v.secret],
      })
      expect(() => new Webhook(v.secret).verify(v.payload, headers)).toThrow(/too old/i)
    }
  })
})

describe('signHeaders', () => {
  const body = JSON.stringify({ type: 'review.published', data: { reviewId: 'rev_1' } })

  it('signs so that the standardwebhooks verifier accepts the message', () => {
    const secret = generateWebhookSecret()
    const headers = signHeaders({ msgId: 'msg_1', timestamp: new Date(), body, secrets: [secret] })
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/)
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body))
  })

  it('signs with both secrets during a rotation, each verifying on its own', () => {
    const [previous, current] = [generateWebhookSecret(), generateWebhookSecret()]
    const headers = signHeaders({ msgId: 'msg_2', timestamp: new Date(), body, secrets: [current, previous] })
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2)
    expect(new Webhook(previous).verify(body, headers)).toEqual(JSON.parse(body))
    expect(new Webhook(current).verify(body, headers)).toEqual(JSON.parse(body))
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow()
  })

  it('is rejected by the verifier when the body, id or timestamp is altered', () => {
    const secret = generateWebhookSecret()
    const now = new Date()
    const headers = signHeaders({ msgId: 'msg_3', timestamp: now, body, secrets: [secret] })
    const verifier = new Webhook(secret)
    expect(() => verifier.verify(`${body} `, headers)).toThrow()
    expect(() => verifier.verify(body, { ...headers, 'webhook-id': 'msg_4' })).toThrow()
    const later = String(Number(headers['webhook-timestamp']) + 1)
    expect(() => verifier.verify(body, { ...headers, 'webhook-timestamp': later })).toThrow()
  })

  it('refuses to sign without a secret', () => {
    expect(() => signHeaders({ msgId: 'm', timestamp: new Date(), body, secrets: [] })).toThrow(
      /at least one/,
    )
  })
})

describe('generateWebhookSecret', () => {
  it('makes distinct whsec_ secrets of 32 random bytes', () => {
    const secrets = new Set(Array.from({ length: 50 }, generateWebhookSecret))
    expect(secrets.size).toBe(50)
    for (const secret of secrets) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
      expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32)
    }
  })
})
