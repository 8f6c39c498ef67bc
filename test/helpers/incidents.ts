import { createHmac, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { Webhook } from 'standardwebhooks'
import { call, type Res, type TestTeam } from './app.ts'

/** A real payload from test/fixtures/incoming (see its README), as raw text. */
export const payload = (path: string) =>
  readFileSync(new URL(`../fixtures/incoming/${path}`, import.meta.url), 'utf8')

export type Source = { id: string; kind: string; url: string; secret: string; version: number }

export async function makeSource(team: TestTeam, kind: string, extra: Record<string, unknown> = {}) {
  const res = await team.call('POST', '/v1/incident-sources', { kind, name: `${kind} source`, ...extra })
  if (res.status !== 201) throw new Error(`makeSource: ${res.status} ${res.text}`)
  return res.body as Source
}

/** The headers each kind's tool sends to prove a delivery, computed over the exact body. */
export function proof(
  kind: string,
  secret: string,
  body: string,
  options: { at?: Date; msgId?: string } = {},
): Record<string, string> {
  if (kind === 'pagerduty') {
    return { 'x-pagerduty-signature': `v1=${createHmac('sha256', secret).update(body).digest('hex')}` }
  }
  if (kind === 'incident-io' || kind === 'generic') {
    const at = options.at ?? new Date()
    const msgId = options.msgId ?? `msg_${randomUUID()}`
    return {
      'webhook-id': msgId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(msgId, at, body),
    }
  }
  return { authorization: `Bearer ${secret}` }
}

/** POSTs a raw body to the receiver as the tool would (no API key). */
export async function deliver(
  app: FastifyInstance,
  source: Pick<Source, 'id'>,
  body: string,
  headers: Record<string, string>,
): Promise<Res> {
  return call(app, undefined, 'POST', `/hooks/incidents/${source.id}`, body, {
    'content-type': 'application/json',
    ...headers,
  })
}

/** Waits until the event has been processed (applied, ignored or failed) and returns it. */
export async function processed(team: TestTeam, sourceId: string, eventId: string) {
  for (let i = 0; i < 200; i++) {
    const res = await team.call('GET', `/v1/incident-sources/${sourceId}/events`)
    type Event = { id: string; status: string; reviewId: string | null; detail: string | null }
    const event = (res.body.items as Event[]).find((e) => e.id === eventId)
    if (event && event.status !== 'received') return event
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`event ${eventId} was not processed`)
}

/** The review of an incident, found the way an integrator would. */
export async function reviewOf(team: TestTeam, source: string, incidentId: string) {
  const res = await team.call(
    'GET',
    `/v1/reviews?incidentSource=${encodeURIComponent(source)}&incidentId=${encodeURIComponent(incidentId)}`,
  )
  if (res.status !== 200) throw new Error(`reviewOf: ${res.status} ${res.text}`)
  const summary = res.body.items[0]
  if (!summary) return undefined
  return (await team.call('GET', `/v1/reviews/${summary.id}`)).body
}
