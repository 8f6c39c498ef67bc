import { describe, expect, it } from 'vitest'
import { setupApp } from '../helpers/app.ts'
import { ifMatch, makeCompleteReview, manualClock } from '../helpers/factories.ts'
import { deliver, makeSource, payload, processed, proof, reviewOf } from '../helpers/incidents.ts'
import { expectProblem } from '../helpers/problems.ts'

// The clock starts at real time: Standard Webhooks timestamps are checked against it.
const clock = manualClock(new Date().toISOString())
const t = await setupApp({ deliveries: true, clock })

const triggered = payload('pagerduty-v3/incident.triggered.json')

describe('incident sources', () => {
  it('creates a source for admins only, shows the secret once and stores it encrypted', async () => {
    const admin = await t.team(['admin'])
    const res = await admin.call('POST', '/v1/incident-sources', { kind: 'pagerduty', name: 'PD prod' })
    expect(res.status).toBe(201)
    expect(res.headers.location).toBe(`/v1/incident-sources/${res.body.id}`)
    expect(res.body).toMatchObject({
      kind: 'pagerduty',
      name: 'PD prod',
      url: `http://localhost:80/hooks/incidents/${res.body.id}`,
    })
    expect(res.body.secret).toMatch(/^dbis_/)
    const [row] = await t.sql<{ secret_encrypted: string }>(
      'select secret_encrypted from incident_sources where id = $1',
      [res.body.id],
    )
    expect(row!.secret_encrypted).not.toContain(res.body.secret)
    const got = await admin.call('GET', `/v1/incident-sources/${res.body.id}`)
    expect(got.status).toBe(200)
    expect(got.body.secret).toBeUndefined()
    expect(
      (await admin.call('GET', '/v1/incident-sources')).body.items.map((s: { id: string }) => s.id),
    ).toEqual([res.body.id])
    const writer = await t.team(['write'])
    expectProblem(await writer.call('POST', '/v1/incident-sources', { kind: 'generic', name: 'x' }), 403)
    expectProblem(await admin.call('POST', '/v1/incident-sources', { kind: 'nagios', name: 'x' }), 400)
    expectProblem(
      await admin.call('POST', '/v1/incident-sources', {
        kind: 'incident-io',
        name: 'x',
        secret: 'not base64 at all!!',
      }),
      400,
    )
    // Another team cannot see it.
    expectProblem(await (await t.team(['admin'])).call('GET', `/v1/incident-sources/${res.body.id}`), 404)
  })

  it('accepts a secret the tool generated and deletes with If-Match, keeping the reviews', async () => {
    const admin = await t.team(['admin'])
    const secret = 'pagerduty-made-this-secret-0123'
    const source = await makeSource(admin, 'pagerduty', { secret })
    expect(source.secret).toBe(secret)
    const sent = await deliver(t.app, source, triggered, proof('pagerduty', secret, triggered))
    expect(sent.status).toBe(202)
    expect((await processed(admin, source.id, sent.body.eventId)).status).toBe('applied')
    expectProblem(await admin.call('DELETE', `/v1/incident-sources/${source.id}`), 428)
    expect(
      (await admin.call('DELETE', `/v1/incident-sources/${source.id}`, undefined, ifMatch(1))).status,
    ).toBe(204)
    expect(await reviewOf(admin, 'pagerduty', 'PFQZPSY')).toBeDefined()
    expectProblem(await deliver(t.app, source, triggered, proof('pagerduty', secret, triggered)), 404)
  })
})

describe('the receiver', () => {
  it('refuses missing, wrong and stale proofs with 401 and stores nothing', async () => {
    const admin = await t.team(['admin'])
    const pd = await makeSource(admin, 'pagerduty')
    expectProblem(await deliver(t.app, pd, triggered, {}), 401)
    expectProblem(
      await deliver(t.app, pd, triggered, proof('pagerduty', 'some-other-secret-123', triggered)),
      401,
    )
    expectProblem(await deliver(t.app, pd, `${triggered} `, proof('pagerduty', pd.secret, triggered)), 401)
    const generic = await makeSource(admin, 'generic')
    const body = JSON.stringify({
      type: 'incident.triggered',
      occurredAt: '2026-11-20T10:00:00Z',
      incident: { id: 'G-1' },
    })
    const stale = new Date(clock.now().getTime() - 6 * 60_000)
    expectProblem(
      await deliver(t.app, generic, body, proof('generic', generic.secret, body, { at: stale })),
      401,
    )
    const og = await makeSource(admin, 'opsgenie')
    expectProblem(await deliver(t.app, og, '{}', { authorization: 'Bearer wrong-secret-entirely' }), 401)
    const count = await t.sql<{ n: number }>(
      'select count(*)::int as n from incident_events where team_id = $1',
      [admin.id],
    )
    expect(count[0]!.n).toBe(0)
    expect((await admin.call('GET', '/v1/reviews')).body.items).toEqual([])
  })

  it('answers 404 for an unknown source and 400 for a body the kind does not send', async () => {
    expectProblem(await deliver(t.app, { id: '00000000-0000-4000-8000-000000000000' }, triggered, {}), 404)
    expectProblem(await deliver(t.app, { id: 'not-a-uuid' }, triggered, {}), 404)
    const admin = await t.team(['admin'])
    const pd = await makeSource(admin, 'pagerduty')
    expectProblem(await deliver(t.app, pd, 'not json', proof('pagerduty', pd.secret, 'not json')), 400)
    const generic = await makeSource(admin, 'generic')
    const bad = JSON.stringify({ type: 'incident.triggered', incident: {} })
    const res = expectProblem(await deliver(t.app, generic, bad, proof('generic', generic.secret, bad)), 400)
    expect(res.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/occurredAt', '/incident/id'])
  })

  it('has exactly one effect for a delivery received many times at once', async () => {
    const admin = await t.team(['admin'])
    const pd = await makeSource(admin, 'pagerduty')
    const headers = proof('pagerduty', pd.secret, triggered)
    const answers = await Promise.all(Array.from({ length: 8 }, () => deliver(t.app, pd, triggered, headers)))
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(202))
    expect(answers.filter((a) => !a.body.duplicate)).toHaveLength(1)
    expect(new Set(answers.map((a) => a.body.eventId)).size).toBe(1)
    await processed(admin, pd.id, answers[0]!.body.eventId)
    const events = await t.sql('select id from incident_events where source_id = $1', [pd.id])
    expect(events).toHaveLength(1)
    const review = await reviewOf(admin, 'pagerduty', 'PFQZPSY')
    expect(review.timelineEvents).toHaveLength(1)
    expect((await admin.call('GET', '/v1/reviews')).body.items).toHaveLength(1)
  })

  it('accepts unknown event types with 202 and ignores them', async () => {
    const admin = await t.team(['admin'])
    const pd = await makeSource(admin, 'pagerduty')
    const ping = JSON.stringify({
      event: { id: 'PING1', event_type: 'pagey.ping', resource_type: 'pagey', data: {} },
    })
    const res = await deliver(t.app, pd, ping, proof('pagerduty', pd.secret, ping))
    expect(res.status).toBe(202)
    expect(await processed(admin, pd.id, res.body.eventId)).toMatchObject({
      status: 'ignored',
      reviewId: null,
    })
    expect((await admin.call('GET', '/v1/reviews')).body.items).toEqual([])
  })

  it('accepts the old and the new secret for 24 hours after a rotation, then only the new', async () => {
    const admin = await t.team(['admin'])
    const source = await makeSource(admin, 'alertmanager')
    const rotated = await admin.call('POST', `/v1/incident-sources/${source.id}/rotate-secret`)
    expect(rotated.status, rotated.text).toBe(200)
    expect(rotated.body.secret).not.toBe(source.secret)
    expect(rotated.body.rotationEndsAt).toEqual(expect.any(String))
    const alert = payload('alertmanager/alert.json')
    const viaOld = await deliver(t.app, source, alert, proof('alertmanager', source.secret, alert))
    expect(viaOld.status).toBe(202)
    const viaNew = await deliver(t.app, source, alert, proof('alertmanager', rotated.body.secret, alert))
    expect(viaNew.body).toEqual({ eventId: viaOld.body.eventId, duplicate: true })
    clock.advance(24 * 3600_000 + 60_000)
    try {
      expectProblem(await deliver(t.app, source, alert, proof('alertmanager', source.secret, alert)), 401)
      expect(
        (await deliver(t.app, source, alert, proof('alertmanager', rotated.body.secret, alert))).status,
      ).toBe(202)
    } finally {
      clock.advance(-(24 * 3600_000 + 60_000))
    }
  })
})

describe('incident events become draft reviews', () => {
  it('PagerDuty: the first event drafts the review, later ones update it and add to its timeline', async () => {
    const admin = await t.team(['admin'])
    const pd = await makeSource(admin, 'pagerduty')
    const escalated = payload('pagerduty-v3/incident.escalated.json')
    const first = await deliver(t.app, pd, escalated, proof('pagerduty', pd.secret, escalated))
    expect(first.status).toBe(202)
    const done = await processed(admin, pd.id, first.body.eventId)
    expect(done.status).toBe('applied')
    let review = await reviewOf(admin, 'pagerduty', 'Q3B15VLMF3ASBD')
    expect(review).toMatchObject({
      id: done.reviewId,
      status: 'draft',
      title: 'Critical: Checkout API High Latency',
      severity: 'P1',
      startedAt: '2026-04-01T02:07:30.000Z',
      incident: {
        source: 'pagerduty',
        externalId: 'Q3B15VLMF3ASBD',
        url: 'https://harsh0303.pagerduty.com/incidents/Q3B15VLMF3ASBD',
        service: 'Default Service',
        priority: 'P1',
        urgency: 'high',
        status: 'triggered',
      },
      participants: [{ name: 'Harsh Santwani', handle: 'PXRUEF2', role: 'assignee' }],
    })
    expect(review.timelineEvents.map((e: { description: string }) => e.description)).toEqual([
      'Escalated (by Harsh Santwani) (PagerDuty #5)',
    ])

    // A person rewrites the title; the tool's later events must not undo it.
    await admin.call(
      'PATCH',
      `/v1/reviews/${review.id}`,
      { title: 'Checkout latency during the April rollout' },
      ifMatch(review.version),
    )
    const priority = payload('pagerduty-v3/incident.priority_updated.json')
    const second = await deliver(t.app, pd, priority, proof('pagerduty', pd.secret, priority))
    await processed(admin, pd.id, second.body.eventId)
    review = await reviewOf(admin, 'pagerduty', 'Q3B15VLMF3ASBD')
    expect(review.title).toBe('Checkout latency during the April rollout')
    expect(review.severity).toBe('P2') // nobody edited the severity: it follows the tool
    expect(review.incident.priority).toBe('P2')
    expect(review.timelineEvents.map((e: { description: string }) => e.description)).toEqual([
      'Escalated (by Harsh Santwani) (PagerDuty #5)',
      'Priority changed to P2',
    ])
    const revisions = (await admin.call('GET', `/v1/reviews/${review.id}/revisions`)).body.items
    expect(revisions.map((r: { action: string }) => r.action)).toEqual([
      'review.created',
      'review.updated',
      'incident.synced',
    ])

    // Resolution (same incident, a body the tool would send for it).
    const resolvedBody = JSON.parse(priority)
    resolvedBody.event.id = '01GI0KRESOLVED0000000000'
    resolvedBody.event.event_type = 'incident.resolved'
    resolvedBody.event.occurred_at = '2026-04-01T02:40:00.000Z'
    resolvedBody.event.data.status = 'resolved'
    const resolved = JSON.stringify(resolvedBody)
    const third = await deliver(t.app, pd, resolved, proof('pagerduty', pd.secret, resolved))
    await processed(admin, pd.id, third.body.eventId)
    review = await reviewOf(admin, 'pagerduty', 'Q3B15VLMF3ASBD')
    expect(review).toMatchObject({ resolvedAt: '2026-04-01T02:40:00.000Z', incident: { status: 'resolved' } })
    expect(review.timelineEvents).toHaveLength(3)
    expect((await admin.call('GET', '/v1/reviews')).body.items).toHaveLength(1)
  })

  it('Opsgenie: Create then Close make one review with start and resolution', async () => {
    const admin = await t.team(['admin'])
    const og = await makeSource(admin, 'opsgenie')
    const create = payload('opsgenie/create.json')
    const a = await deliver(t.app, og, create, proof('opsgenie', og.secret, create))
    expect((await processed(admin, og.id, a.body.eventId)).status).toBe('applied')
    const [event] = await t.sql<{ delivery_key: string }>(
      'select delivery_key from incident_events where id = $1',
      [a.body.eventId],
    )
    expect(event!.delivery_key).toBe('ec03dad6-62c8-4c94-b38b-d88f398e900f:Create:1502709956288000110')
    // The real close fixture is another alert; close this one as Opsgenie would (same raw form).
    const close = payload('opsgenie/close.json')
      .replace('052652ac-5d1c-464a-812a-7dd18bbfba8c', 'ec03dad6-62c8-4c94-b38b-d88f398e900f')
      .replace('"message":"test alert"', '"message":"another alert"')
      .replace('1420452191104', '1502709956288')
      .replace('1420452374669001603', '1502710056288000110')
    const b = await deliver(t.app, og, close, proof('opsgenie', og.secret, close))
    expect((await processed(admin, og.id, b.body.eventId)).status).toBe('applied')
    const review = await reviewOf(admin, 'opsgenie', 'ec03dad6-62c8-4c94-b38b-d88f398e900f')
    expect(review).toMatchObject({
      title: 'another alert',
      severity: 'P3',
      startedAt: '2017-08-14T11:25:56.288Z',
      resolvedAt: '2017-08-14T11:27:36.288Z',
      incident: { service: 'Server', status: 'resolved' },
      participants: [{ name: 'fili@ifountain.com', role: 'responder' }],
    })
    expect(review.timelineEvents.map((e: { kind: string }) => e.kind)).toEqual(['detection', 'repair'])
  })

  it('Alertmanager: a firing group with endsAt 0001-01-01 is a review still unresolved', async () => {
    const admin = await t.team(['admin'])
    const am = await makeSource(admin, 'alertmanager')
    const alert = payload('alertmanager/alert.json')
    const res = await deliver(t.app, am, alert, proof('alertmanager', am.secret, alert))
    expect((await processed(admin, am.id, res.body.eventId)).status).toBe('applied')
    const review = await reviewOf(admin, 'alertmanager', '{}/{}:{}')
    expect(review).toMatchObject({
      title: 'High CPU core temperature',
      severity: 'critical',
      resolvedAt: null,
      startedAt: '2020-02-06T00:17:58.432Z',
    })
    expect(review.timelineEvents).toHaveLength(2)
  })

  it('incident.io and generic (Standard Webhooks): dedupe by webhook-id', async () => {
    const admin = await t.team(['admin'])
    const io = await makeSource(admin, 'incident-io')
    const body = JSON.stringify({
      event_type: 'public_incident.incident_created_v2',
      'public_incident.incident_created_v2': {
        id: '01HINCIDENTIO',
        name: 'Payments API returning 502s',
        reference: 'INC-7',
        severity: { name: 'Major' },
        incident_status: { category: 'active', name: 'Investigating' },
        created_at: '2026-11-20T10:00:00Z',
        updated_at: '2026-11-20T10:00:00Z',
        incident_role_assignments: [{ role: { name: 'Incident Lead' }, assignee: { name: 'Sam Rivera' } }],
      },
    })
    const headers = proof('incident-io', io.secret, body, { at: clock.now(), msgId: 'msg_same' })
    const first = await deliver(t.app, io, body, headers)
    const again = await deliver(
      t.app,
      io,
      body,
      proof('incident-io', io.secret, body, { at: clock.now(), msgId: 'msg_same' }),
    )
    expect(again.body).toEqual({ eventId: first.body.eventId, duplicate: true })
    await processed(admin, io.id, first.body.eventId)
    expect(await reviewOf(admin, 'incident-io', '01HINCIDENTIO')).toMatchObject({
      title: 'Payments API returning 502s',
      severity: 'Major',
      participants: [{ name: 'Sam Rivera', role: 'Incident Lead' }],
    })

    const generic = await makeSource(admin, 'generic')
    const g = JSON.stringify({
      type: 'incident.triggered',
      occurredAt: '2026-11-20T09:58:00Z',
      incident: {
        id: 'INC-4711',
        title: 'Checkout errors',
        severity: 'SEV2',
        links: [{ label: 'Dashboard', url: 'https://grafana.example.com/d/1' }],
      },
    })
    const res = await deliver(t.app, generic, g, proof('generic', generic.secret, g))
    await processed(admin, generic.id, res.body.eventId)
    expect(await reviewOf(admin, 'generic', 'INC-4711')).toMatchObject({
      title: 'Checkout errors',
      incident: { links: [{ label: 'Dashboard', url: 'https://grafana.example.com/d/1' }] },
    })
  })

  it('a published review stays published when its incident changes', async () => {
    const admin = await t.team(['admin'])
    const review = await makeCompleteReview(admin)
    const linked = (
      await admin.call(
        'PATCH',
        `/v1/reviews/${review.id}`,
        { incident: { source: 'pagerduty', externalId: 'PFQZPSY' } },
        ifMatch(review.version),
      )
    ).body
    const submitted = (
      await admin.call('POST', `/v1/reviews/${review.id}/submit`, undefined, ifMatch(linked.version))
    ).body
    expect(
      (await admin.call('POST', `/v1/reviews/${review.id}/publish`, undefined, ifMatch(submitted.version)))
        .status,
    ).toBe(200)
    const pd = await makeSource(admin, 'pagerduty')
    const res = await deliver(t.app, pd, triggered, proof('pagerduty', pd.secret, triggered))
    expect(await processed(admin, pd.id, res.body.eventId)).toMatchObject({
      status: 'applied',
      reviewId: review.id,
    })
    const after = (await admin.call('GET', `/v1/reviews/${review.id}`)).body
    expect(after.status).toBe('published')
    expect(after.title).toBe(review.title) // a person's title, not the tool's
    expect(after.incident.service).toBe('pig208')
  })
})

describe('one review per incident through the API', () => {
  it('answers 409 with the existing review’s Location; an Idempotency-Key replay still replays', async () => {
    const team = await t.team(['write'])
    const incident = { source: 'pagerduty', externalId: 'Q-ONE' }
    const first = await team.call(
      'POST',
      '/v1/reviews',
      { title: 'First', incident },
      { 'idempotency-key': 'k1' },
    )
    expect(first.status).toBe(201)
    const second = await team.call('POST', '/v1/reviews', { title: 'Second', incident })
    expectProblem(second, 409, 'incident-has-review')
    expect(second.headers.location).toBe(`/v1/reviews/${first.body.id}`)
    const replay = await team.call(
      'POST',
      '/v1/reviews',
      { title: 'First', incident },
      { 'idempotency-key': 'k1' },
    )
    expect(replay.status).toBe(201)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect(replay.body.id).toBe(first.body.id)
    const racing = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        team.call('POST', '/v1/reviews', {
          title: `Race ${n}`,
          incident: { source: 'opsgenie', externalId: 'R' },
        }),
      ),
    )
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409, 409])
    const found = await team.call('GET', '/v1/reviews?incidentSource=pagerduty&incidentId=Q-ONE')
    expect(found.body.items.map((r: { id: string }) => r.id)).toEqual([first.body.id])
    expect(
      (await team.call('GET', '/v1/reviews?incidentSource=pagerduty&incidentId=nope')).body.items,
    ).toEqual([])
    // Another team may have a review of the same incident id.
    expect(
      (await (await t.team(['write'])).call('POST', '/v1/reviews', { title: 'Theirs', incident })).status,
    ).toBe(201)
  })
})
