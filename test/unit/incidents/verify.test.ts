import { createHmac } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { verifyBearer, verifyPagerDuty, verifyStandardWebhook } from '../../../src/incidents/verify.ts'
import { fixture } from './fixtures.ts'

const vectors = JSON.parse(fixture('webhooks/standard-webhooks-vectors.json').toString()) as {
  symmetric: {
    secret: string
    'webhook-id': string
    'webhook-timestamp': string
    payload: string
    'expected-signature': string
  }[]
}
const v = vectors.symmetric[0]!
const vectorTime = new Date(Number(v['webhook-timestamp']) * 1000)
const vectorHeaders = {
  'webhook-id': v['webhook-id'],
  'webhook-timestamp': v['webhook-timestamp'],
  'webhook-signature': v['expected-signature'],
}
const payload = Buffer.from(v.payload)

describe('Standard Webhooks verification (published vectors)', () => {
  it('accepts the sign vector at its own time, with or without the whsec_ prefix', () => {
    expect(verifyStandardWebhook(payload, vectorHeaders, [v.secret], vectorTime)).toEqual({ ok: true })
    expect(verifyStandardWebhook(payload, vectorHeaders, [v.secret.slice(6)], vectorTime)).toEqual({
      ok: true,
    })
  })

  it('rejects the vector with a real clock (timestamp from 2021)', () => {
    expect(verifyStandardWebhook(payload, vectorHeaders, [v.secret], new Date()).ok).toBe(false)
  })

  it('rejects timestamps just outside 5 minutes either way, accepts just inside', () => {
    const at = (offsetS: number) => new Date(vectorTime.getTime() + offsetS * 1000)
    expect(verifyStandardWebhook(payload, vectorHeaders, [v.secret], at(301)).ok).toBe(false)
    expect(verifyStandardWebhook(payload, vectorHeaders, [v.secret], at(-301)).ok).toBe(false)
    expect(verifyStandardWebhook(payload, vectorHeaders, [v.secret], at(299)).ok).toBe(true)
  })

  it.each([
    ['missing webhook-id', { 'webhook-id': undefined }],
    ['missing webhook-timestamp', { 'webhook-timestamp': undefined }],
    ['timestamp "hello"', { 'webhook-timestamp': 'hello' }],
    ['missing webhook-signature', { 'webhook-signature': undefined }],
    ['a bogus signature', { 'webhook-signature': 'v1,dawfeoifkpqwoekfpqoekf' }],
    ['a truncated signature', { 'webhook-signature': v['expected-signature'].slice(0, 8) }],
    ['an empty v1 signature', { 'webhook-signature': 'v1,' }],
  ])('rejects %s', (_name, change) => {
    expect(verifyStandardWebhook(payload, { ...vectorHeaders, ...change }, [v.secret], vectorTime).ok).toBe(
      false,
    )
  })

  it('accepts a list where one signature is valid', () => {
    const sig = v['expected-signature'].slice(3)
    const headers = {
      ...vectorHeaders,
      'webhook-signature': `v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,${sig} v1,${sig} v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=`,
    }
    expect(verifyStandardWebhook(payload, headers, [v.secret], vectorTime).ok).toBe(true)
  })

  it('accepts the previous secret during a rotation, and a body changed by one byte never', () => {
    const other = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSx'
    expect(verifyStandardWebhook(payload, vectorHeaders, [other, v.secret], vectorTime).ok).toBe(true)
    expect(
      verifyStandardWebhook(Buffer.from('{"test": 2432232315}'), vectorHeaders, [v.secret], vectorTime).ok,
    ).toBe(false)
    const signed = new Webhook(other).sign('m', vectorTime, v.payload)
    expect(signed).not.toBe(v['expected-signature'])
  })
})

describe('PagerDuty signatures', () => {
  const body = fixture('incoming/pagerduty-v3/incident.triggered.json')
  const sign = (secret: string) => `v1=${createHmac('sha256', secret).update(body).digest('hex')}`

  it('accepts any one matching v1= signature of several', () => {
    const header = `v1=${'0'.repeat(64)},${sign('secret-one-0123456789')}`
    expect(verifyPagerDuty(body, { 'x-pagerduty-signature': header }, ['secret-one-0123456789']).ok).toBe(
      true,
    )
  })

  it('rejects a missing, foreign or stale-secret signature', () => {
    expect(verifyPagerDuty(body, {}, ['s'.repeat(20)]).ok).toBe(false)
    expect(
      verifyPagerDuty(body, { 'x-pagerduty-signature': sign('another-secret-xyz') }, ['s'.repeat(20)]).ok,
    ).toBe(false)
    expect(
      verifyPagerDuty(
        Buffer.concat([body, Buffer.from(' ')]),
        { 'x-pagerduty-signature': sign('s'.repeat(20)) },
        ['s'.repeat(20)],
      ).ok,
    ).toBe(false)
  })
})

describe('bearer secrets (Opsgenie, Alertmanager)', () => {
  it('accepts only the exact secret', () => {
    expect(verifyBearer({ authorization: 'Bearer dbis_abc' }, ['dbis_abc']).ok).toBe(true)
    expect(verifyBearer({ authorization: 'Bearer dbis_abd' }, ['dbis_abc']).ok).toBe(false)
    expect(verifyBearer({}, ['dbis_abc']).ok).toBe(false)
    expect(verifyBearer({ authorization: 'Basic Zm9vOmJhcg==' }, ['dbis_abc']).ok).toBe(false)
  })
})
