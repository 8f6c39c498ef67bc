import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import { afterAll, describe, expect, it } from 'vitest'
import { setupApp, type TestTeam } from '../helpers/app.ts'
import { ifMatch, makeCompleteReview } from '../helpers/factories.ts'
import { startFakeConfluence } from '../helpers/fake-confluence.ts'

const t = await setupApp({ deliveries: true })
const confluence = await startFakeConfluence()
const receiver = await startReceiver()
afterAll(async () => {
  await confluence.close()
  await receiver.close()
})

type Received = { headers: IncomingHttpHeaders; body: string }

/** A webhook receiver on 127.0.0.1 answering with the status it is told to. */
async function startReceiver() {
  const received: Received[] = []
  let status = 204
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => {
      body += c
    })
    req.on('end', () => {
      received.push({ headers: req.headers, body })
      res.writeHead(status).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    answer: (s: number) => {
      status = s
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

async function settled(team: TestTeam, reviewId: string, count: number) {
  for (let i = 0; i < 100; i++) {
    const items = (await team.call('GET', `/v1/reviews/${reviewId}/deliveries`)).body.items
    if (items.length >= count && items.every((d: { status: string }) => d.status !== 'pending')) return items
    await new Promise((r) => setTimeout(r, 150))
  }
  throw new Error('deliveries did not settle')
}

async function publish(team: TestTeam, review: { id: string; version: number }) {
  const submitted = (
    await team.call('POST', `/v1/reviews/${review.id}/submit`, undefined, ifMatch(review.version))
  ).body
  const published = await team.call(
    'POST',
    `/v1/reviews/${review.id}/publish`,
    undefined,
    ifMatch(submitted.version),
  )
  expect(published.status).toBe(200)
  return published.body
}

async function connectConfluence(team: TestTeam) {
  const res = await team.call('POST', '/v1/integrations', {
    kind: 'confluence-cloud',
    name: 'Engineering wiki',
    config: { baseUrl: confluence.url, spaceId: confluence.space.id },
    credentials: { email: confluence.credentials.email, apiToken: confluence.credentials.apiToken },
  })
  expect(res.status).toBe(201)
  return res.body
}

describe('publishing to Confluence', () => {
  it('creates one page per review and updates it on the next publication', async () => {
    const team = await t.team(['admin'])
    const integration = await connectConfluence(team)
    expect(integration).not.toHaveProperty('credentials')
    expect(integration.credentialsHint).toBe(confluence.credentials.apiToken.slice(-4))
    const stored = await t.sql('select credentials_encrypted from integrations where id = $1', [
      integration.id,
    ])
    expect(JSON.stringify(stored)).not.toContain(confluence.credentials.apiToken)

    let review = await makeCompleteReview(team)
    review = await publish(team, review)
    const [first] = await settled(team, review.id, 1)
    expect(first).toMatchObject({ status: 'succeeded', attempts: 1, targetKind: 'integration' })
    const pages = confluence.pages().filter((p) => p.title.includes(review.id.slice(0, 8)))
    expect(pages).toHaveLength(1)
    expect(pages[0]?.body).toContain('What did we set out to do?')

    const edited = (
      await team.call(
        'PATCH',
        `/v1/reviews/${review.id}`,
        { title: 'Checkout outage, revised' },
        ifMatch(review.version),
      )
    ).body
    await publish(team, edited)
    const all = await settled(team, review.id, 2)
    expect(all.every((d: { status: string }) => d.status === 'succeeded')).toBe(true)
    const after = confluence.pages().filter((p) => p.id === pages[0]?.id)
    expect(after).toHaveLength(1)
    expect(after[0]?.version).toBe(2)
    expect(confluence.pages().filter((p) => p.title.includes(review.id.slice(0, 8)))).toHaveLength(1)
  })

  it('logs a retryable failure, keeps the delivery for retry, and succeeds on retry', async () => {
    const team = await t.team(['admin'])
    await connectConfluence(team)
    confluence.inject({ kind: 'status', status: 503, headers: { 'retry-after': '120' }, times: 3 })
    const review = await publish(team, await makeCompleteReview(team))
    const [delivery] = await settled(team, review.id, 1)
    expect(delivery).toMatchObject({ status: 'retrying', attempts: 1, lastStatusCode: 503 })
    // Retry-After: 120 is honoured, so the next attempt is at least two minutes away.
    expect(new Date(delivery.nextAttemptAt).getTime() - Date.now()).toBeGreaterThan(100_000)
    const failedList = (await team.call('GET', '/v1/deliveries?status=retrying')).body.items
    expect(failedList.map((d: { id: string }) => d.id)).toContain(delivery.id)

    for (let i = 0; i < 2; i++) await t.app.deliveryWorker?.handle(delivery.id) // burn the injected 503s
    const retried = await team.call('POST', `/v1/deliveries/${delivery.id}/retry`)
    expect(retried.status).toBe(202)
    const [done] = await settled(team, review.id, 1)
    expect(done.status).toBe('succeeded')
    const log = (await team.call('GET', `/v1/deliveries/${delivery.id}`)).body.attemptLog
    expect(log.map((a: { outcome: string }) => a.outcome)).toEqual(['retry', 'retry', 'retry', 'succeeded'])
  })

  it('fails fast on a 4xx with the peer’s reason', async () => {
    const team = await t.team(['admin'])
    await connectConfluence(team)
    confluence.inject({
      kind: 'status',
      status: 400,
      body: { errors: [{ title: 'Invalid parent page' }] },
      times: 2,
    })
    const review = await publish(team, await makeCompleteReview(team))
    const [delivery] = await settled(team, review.id, 1)
    expect(delivery.status).toBe('failed')
    expect(delivery.lastError).toMatch(/400/)
  })
})

describe('webhooks', () => {
  it('signs review.published per Standard Webhooks with a stable id, and disables the endpoint on 410', async () => {
    const team = await t.team(['admin'])
    const endpoint = await team.call('POST', '/v1/webhook-endpoints', {
      url: receiver.url,
      events: ['review.published'],
    })
    expect(endpoint.status).toBe(201)
    expect(endpoint.body.secret).toMatch(/^whsec_/)
    expect((await team.call('GET', `/v1/webhook-endpoints/${endpoint.body.id}`)).body).not.toHaveProperty(
      'secret',
    )

    const review = await publish(team, await makeCompleteReview(team))
    const [delivery] = await settled(team, review.id, 1)
    expect(delivery.status).toBe('succeeded')
    const message = receiver.received.find((r) => r.headers['webhook-id'] === delivery.id)
    expect(message).toBeDefined()
    const verified = new Webhook(endpoint.body.secret).verify(
      message!.body,
      message!.headers as Record<string, string>,
    )
    expect(verified).toMatchObject({
      type: 'review.published',
      data: { reviewId: review.id, publicationNumber: 1 },
    })

    receiver.answer(410)
    const test = await team.call('POST', `/v1/webhook-endpoints/${endpoint.body.id}/test`)
    expect(test.status).toBe(202)
    for (let i = 0; i < 100; i++) {
      const d = (await team.call('GET', `/v1/deliveries/${test.body.deliveryId}`)).body
      if (d.status !== 'pending') break
      await new Promise((r) => setTimeout(r, 150))
    }
    const disabled = (await team.call('GET', `/v1/webhook-endpoints/${endpoint.body.id}`)).body
    expect(disabled).toMatchObject({ enabled: false, disabledReason: expect.stringMatching(/410/) })
    receiver.answer(204)
  })

  it('announces review.created and action_item events to their subscribers', async () => {
    const team = await t.team(['admin'])
    const endpoint = await team.call('POST', '/v1/webhook-endpoints', {
      url: receiver.url,
      events: ['review.created', 'action_item.created', 'action_item.updated'],
    })
    const review = (await team.call('POST', '/v1/reviews', { title: 'Announced' })).body
    const item = (
      await team.call('POST', `/v1/reviews/${review.id}/action-items`, {
        title: 'Add a canary',
        owner: 'sre',
        dueDate: '2026-12-01',
      })
    ).body
    await team.call(
      'PATCH',
      `/v1/reviews/${review.id}/action-items/${item.id}`,
      { status: 'done' },
      ifMatch(1),
    )
    const events = (await settled(team, review.id, 3)).map((d: { eventType: string }) => d.eventType).sort()
    expect(events).toEqual(['action_item.created', 'action_item.updated', 'review.created'])
    const messages = receiver.received.filter((r) => r.body.includes(item.id))
    const payload = new Webhook(endpoint.body.secret).verify(
      messages[0]!.body,
      messages[0]!.headers as Record<string, string>,
    )
    expect(payload).toMatchObject({ data: { reviewId: review.id, actionItemId: item.id } })
  })

  it('refuses URLs that can never be delivered to', async () => {
    const team = await t.team(['admin'])
    for (const url of [
      'ftp://example.com/x',
      'https://user:pass@example.com/x',
      'http://10.0.0.1/x',
      'http://[::1]:9/x',
    ]) {
      const res = await team.call('POST', '/v1/webhook-endpoints', { url, events: ['review.published'] })
      expect(res.status, url).toBe(400)
      expect(res.body.errors[0].pointer).toBe('/url')
    }
  })
})
