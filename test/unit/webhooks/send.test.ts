import type { IncomingHttpHeaders } from 'node:http'
import { Webhook } from 'standardwebhooks'
import { afterEach, describe, expect, it } from 'vitest'
import { createEgressFetch } from '../../../src/egress/index.ts'
import { DeliveryError } from '../../../src/shared/outgoing-http.ts'
import { sendWebhook, type WebhookMessage } from '../../../src/webhooks/send.ts'
import { generateWebhookSecret } from '../../../src/webhooks/signing.ts'
import { startHttpServer, startTcpServer, type TestHttpServer } from '../egress/servers.ts'

type Received = { method: string | undefined; headers: IncomingHttpHeaders; body: string }

const egress = createEgressFetch({ allow: ['127.0.0.1'], totalTimeoutMs: 500 })
const secret = generateWebhookSecret()

const servers: TestHttpServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

/** A receiver that records each request and answers with `status` and `headers`. */
async function receiver(status: number, headers: Record<string, string> = {}, body = '') {
  const received: Received[] = []
  const server = await startHttpServer((req, res) => {
    let text = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      text += chunk
    })
    req.on('end', () => {
      received.push({ method: req.method, headers: req.headers, body: text })
      res.writeHead(status, headers).end(body)
    })
  })
  servers.push(server)
  return { url: `${server.url}/hooks/debrief`, received }
}

function message(url: string, overrides: Partial<WebhookMessage> = {}): WebhookMessage {
  return {
    url,
    msgId: 'msg_2Zx3kQ',
    eventType: 'review.published',
    payload: { reviewId: 'rev_1', url: 'https://debrief.example/v1/reviews/rev_1' },
    secrets: [secret],
    timestamp: new Date(),
    ...overrides,
  }
}

describe('sendWebhook', () => {
  it('posts a signed Standard Webhooks envelope that the receiver can verify', async () => {
    const peer = await receiver(204)
    const occurredAt = new Date('2026-11-20T10:00:00Z')
    expect(await sendWebhook(egress, message(peer.url, { occurredAt }))).toEqual({ status: 204 })

    const [request] = peer.received
    expect(request?.method).toBe('POST')
    expect(request?.headers['content-type']).toBe('application/json')
    const verified = new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>)
    expect(verified).toEqual({
      type: 'review.published',
      timestamp: '2026-11-20T10:00:00.000Z',
      data: { reviewId: 'rev_1', url: 'https://debrief.example/v1/reviews/rev_1' },
    })
  })

  it('keeps webhook-id stable across retries while the timestamp is per attempt', async () => {
    const peer = await receiver(200)
    await sendWebhook(egress, message(peer.url, { timestamp: new Date(Date.now() - 60_000) }))
    await sendWebhook(egress, message(peer.url))
    const [first, second] = peer.received
    expect(first?.headers['webhook-id']).toBe(second?.headers['webhook-id'])
    expect(first?.headers['webhook-timestamp']).not.toBe(second?.headers['webhook-timestamp'])
  })

  it('signs with both secrets during a rotation', async () => {
    const peer = await receiver(200)
    const previous = generateWebhookSecret()
    await sendWebhook(egress, message(peer.url, { secrets: [secret, previous] }))
    const [request] = peer.received
    const headers = request!.headers as Record<string, string>
    expect(() => new Webhook(previous).verify(request!.body, headers)).not.toThrow()
    expect(() => new Webhook(secret).verify(request!.body, headers)).not.toThrow()
  })

  it('asks for the endpoint to be disabled on 410 Gone', async () => {
    const peer = await receiver(410)
    expect(await sendWebhook(egress, message(peer.url))).toEqual({ status: 410, disable: true })
  })

  it.each([
    [429, { 'retry-after': '7' }, 7_000],
    [503, { 'retry-after': '2' }, 2_000],
    [500, {}, undefined],
    [408, {}, undefined],
  ])('retries %i (Retry-After honoured)', async (status, headers, retryAfterMs) => {
    const peer = await receiver(status, headers)
    const error = await sendWebhook(egress, message(peer.url)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeliveryError)
    expect(error).toMatchObject({ retryable: true, status, retryAfterMs })
  })

  it.each([400, 401, 403, 404, 422])('fails fast on %i with the reason', async (status) => {
    const peer = await receiver(status, { 'content-type': 'text/plain' }, 'signature rejected')
    const error = await sendWebhook(egress, message(peer.url)).catch((e: unknown) => e)
    expect(error).toMatchObject({ retryable: false, status })
    expect((error as Error).message).toMatch(/signature rejected/)
  })

  it('does not follow a redirect and does not retry it', async () => {
    const target = await receiver(200)
    const peer = await receiver(307, { location: target.url })
    const error = await sendWebhook(egress, message(peer.url)).catch((e: unknown) => e)
    expect(error).toMatchObject({ retryable: false, status: 307 })
    expect((error as Error).message).toMatch(/redirects are not followed/)
    expect(target.received).toHaveLength(0)
  })

  it('retries an endpoint that never answers', async () => {
    const server = await startTcpServer(() => {})
    servers.push(server)
    const error = await sendWebhook(egress, message(server.url)).catch((e: unknown) => e)
    expect(error).toMatchObject({ retryable: true })
  })

  it('retries a connection reset', async () => {
    const server = await startTcpServer((socket) => socket.once('data', () => socket.resetAndDestroy()))
    servers.push(server)
    const error = await sendWebhook(egress, message(server.url)).catch((e: unknown) => e)
    expect(error).toMatchObject({ retryable: true })
  })

  it('refuses a destination outside the allow list without retrying', async () => {
    const strict = createEgressFetch({ allow: [] })
    const peer = await receiver(200)
    const error = await sendWebhook(strict, message(peer.url)).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'EgressBlockedError', retryable: false })
    expect(peer.received).toHaveLength(0)
  })
})
