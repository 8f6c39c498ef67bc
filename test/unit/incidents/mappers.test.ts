import { describe, expect, it } from 'vitest'
import { parseJsonExact } from '../../../src/incidents/json.ts'
import type { IncidentUpdate, Mapped } from '../../../src/incidents/mapping.ts'
import { MAPPERS } from '../../../src/incidents/providers/index.ts'
import { opsgenieTime } from '../../../src/incidents/providers/opsgenie.ts'
import { fixture, incidentIoBody } from './fixtures.ts'

const read = (path: string) => parseJsonExact(fixture(path).toString('utf8'))
const applied = (m: Mapped): IncidentUpdate => {
  if (m.kind !== 'apply') throw new Error(`expected an update, got: ${m.reason}`)
  return m.update
}

describe('PagerDuty v3 mapping (real payloads)', () => {
  const pd = MAPPERS.pagerduty

  it('identifies a delivery by event.id', () => {
    expect(pd.identify(read('incoming/pagerduty-v3/incident.triggered.json'), {})).toEqual({
      key: '01BZYIL05THJDFF2Y08X9SVMTU',
      eventType: 'incident.triggered',
    })
    expect(pd.identify({ hello: 'world' }, {})).toMatch(/event\.id/)
  })

  it('maps a triggered incident to a draft: title, service, urgency, start, assignees, link, timeline', () => {
    const u = applied(pd.map(read('incoming/pagerduty-v3/incident.triggered.json')))
    expect(u).toMatchObject({
      externalId: 'PFQZPSY',
      title: 'Test Incident 3',
      urgency: 'high',
      service: 'pig208',
      url: 'https://pig208.pagerduty.com/incidents/PFQZPSY',
      status: 'triggered',
      startedAt: new Date('2021-06-04T13:35:29.781Z'),
      participants: [{ name: 'PIG 208', handle: 'PJ0LVEB', role: 'assignee' }],
    })
    expect(u.severity).toBeUndefined() // priority is null in this account
    expect(u.links.map((l) => l.url)).toEqual([
      'https://pig208.pagerduty.com/incidents/PFQZPSY',
      'https://pig208.pagerduty.com/services/PA2P440',
    ])
    expect(u.timeline).toEqual([
      {
        occurredAt: new Date('2021-06-04T13:35:29.781Z'),
        description: 'Incident triggered in PagerDuty (PagerDuty #9)',
        kind: 'detection',
      },
    ])
  })

  it('records acknowledgement and resolution times', () => {
    const ack = applied(pd.map(read('incoming/pagerduty-v3/incident.acknowledged.json')))
    expect(ack.acknowledgedAt).toEqual(new Date('2021-06-04T13:55:30.394Z'))
    expect(ack.timeline[0]?.description).toBe('Acknowledged by PIG 208 (PagerDuty #10)')
    const resolved = applied(pd.map(read('incoming/pagerduty-v3/incident.resolved.json')))
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: new Date('2021-06-04T13:16:53.816Z') })
    expect(resolved.timeline[0]).toMatchObject({
      kind: 'repair',
      description: 'Resolved by PIG 208 (PagerDuty #6)',
    })
    expect(resolved.participants).toEqual([{ name: 'PIG 208', handle: 'PJ0LVEB', role: 'responder' }])
  })

  it('takes priority as severity, and created_at as the start, from the newer shape', () => {
    const esc = applied(pd.map(read('incoming/pagerduty-v3/incident.escalated.json')))
    expect(esc).toMatchObject({
      externalId: 'Q3B15VLMF3ASBD',
      severity: 'P1',
      priority: 'P1',
      startedAt: new Date('2026-04-01T02:07:30Z'),
    })
    const prio = applied(pd.map(read('incoming/pagerduty-v3/incident.priority_updated.json')))
    expect(prio.severity).toBe('P2')
    expect(prio.timeline[0]?.description).toBe('Priority changed to P2')
  })

  it('ignores events that are not incident changes', () => {
    const body = { event: { id: 'X', event_type: 'pagey.ping', resource_type: 'pagey', data: {} } }
    expect(pd.map(body).kind).toBe('ignore')
  })
})

describe('Opsgenie mapping (real payloads)', () => {
  const og = MAPPERS.opsgenie

  it('keeps nanosecond timestamps above 2^53 exact', () => {
    const body = read('incoming/opsgenie/create.json') as { alert: { updatedAt: unknown } }
    expect(body.alert.updatedAt).toBe(1502709956288000110n)
    // what a plain parse would have made of it:
    expect(String(JSON.parse(fixture('incoming/opsgenie/create.json').toString()).alert.updatedAt)).toBe(
      '1502709956288000000',
    )
    expect(og.identify(body, {})).toEqual({
      key: 'ec03dad6-62c8-4c94-b38b-d88f398e900f:Create:1502709956288000110',
      eventType: 'Create',
    })
    expect(opsgenieTime(1502709956288000110n)?.date).toEqual(new Date(1502709956288))
  })

  it('tells two updates apart that a plain parse would merge', () => {
    const a = og.identify({ action: 'AddNote', alert: { alertId: 'A', updatedAt: 1502709956288000110n } }, {})
    const b = og.identify({ action: 'AddNote', alert: { alertId: 'A', updatedAt: 1502709956288000111n } }, {})
    expect(a).not.toEqual(b)
  })

  it('maps Create to a draft with title, priority, entity as service and start', () => {
    const u = applied(og.map(read('incoming/opsgenie/create.json')))
    expect(u).toMatchObject({
      externalId: 'ec03dad6-62c8-4c94-b38b-d88f398e900f',
      title: 'another alert',
      severity: 'P3',
      service: 'Server',
      status: 'triggered',
      startedAt: new Date(1502709956288),
      participants: [],
    })
    expect(u.timeline[0]).toMatchObject({
      kind: 'detection',
      description: 'Alert created in Opsgenie (Opsgenie #2)',
    })
  })

  it('maps Close to the resolution, with the closer as a participant', () => {
    const u = applied(og.map(read('incoming/opsgenie/close.json')))
    expect(u).toMatchObject({
      externalId: '052652ac-5d1c-464a-812a-7dd18bbfba8c',
      status: 'resolved',
      startedAt: new Date(1420452191104),
      resolvedAt: new Date(1420452374669),
      participants: [{ name: 'fili@ifountain.com', handle: 'fili@ifountain.com', role: 'responder' }],
    })
  })

  it('ignores untracked actions', () => {
    expect(og.map({ action: 'AddTags', alert: { alertId: 'a', createdAt: 1 } }).kind).toBe('ignore')
  })
})

describe('Alertmanager mapping (real payload)', () => {
  const am = MAPPERS.alertmanager
  const body = read('incoming/alertmanager/alert.json') as Record<string, unknown>

  it('treats endsAt 0001-01-01 as still firing', () => {
    const u = applied(am.map(body))
    expect(u).toMatchObject({
      externalId: '{}/{}:{}',
      title: 'High CPU core temperature',
      severity: 'critical',
      status: 'triggered',
      resolvedAt: null,
      startedAt: new Date('2020-02-06T00:17:58.432Z'),
      url: 'http://ops1:9093',
    })
    expect(u.timeline).toHaveLength(2)
    expect(u.timeline[0]?.description).toBe(
      'Firing: High CPU core temperature (host=andromeda): CPU core temperature is 34.75C',
    )
    expect(u.links.map((l) => l.label)).toEqual(['Alertmanager', 'Prometheus query'])
  })

  it('resolves the group when every alert has ended', () => {
    const alerts = (body.alerts as Record<string, unknown>[]).map((a, i) => ({
      ...a,
      status: 'resolved',
      endsAt: `2020-02-06T00:2${i}:00Z`,
    }))
    const u = applied(am.map({ ...body, status: 'resolved', alerts }))
    expect(u).toMatchObject({ status: 'resolved', resolvedAt: new Date('2020-02-06T00:21:00Z') })
    expect(u.timeline.filter((t) => t.kind === 'repair')).toHaveLength(2)
  })

  it('names a notification by group, status and alert states', () => {
    const first = am.identify(body, {})
    expect(am.identify(structuredClone(body), {})).toEqual(first)
    expect(am.identify({ ...body, status: 'resolved' }, {})).not.toEqual(first)
  })
})

describe('incident.io mapping', () => {
  const io = MAPPERS['incident-io']

  it('maps a declared incident: name, severity, lead, impact start, permalink', () => {
    const u = applied(io.map(incidentIoBody('public_incident.incident_created_v2')))
    expect(u).toMatchObject({
      externalId: '01HT2C4VZ8J5EXAMPLE0000001',
      title: 'Payments API returning 502s',
      severity: 'Major',
      startedAt: new Date('2026-11-20T09:52:00Z'),
      resolvedAt: null,
      participants: [{ name: 'Sam Rivera', handle: 'sam@example.com', role: 'Incident Lead' }],
      url: 'https://app.incident.io/example/incidents/123',
    })
    expect(io.identify(incidentIoBody('x'), { 'webhook-id': 'msg_1' })).toEqual({
      key: 'msg_1',
      eventType: 'x',
    })
  })

  it('resolves when the status category closes', () => {
    const u = applied(
      io.map(
        incidentIoBody('public_incident.incident_updated_v2', {
          incident_status: { category: 'closed', name: 'Closed' },
          updated_at: '2026-11-20T11:00:00Z',
        }),
      ),
    )
    expect(u).toMatchObject({ status: 'resolved', resolvedAt: new Date('2026-11-20T11:00:00Z') })
  })

  it('ignores other event types', () => {
    expect(io.map({ event_type: 'public_incident.follow_up_created_v1' }).kind).toBe('ignore')
  })
})

describe('generic mapping', () => {
  const g = MAPPERS.generic
  it('maps the documented shape and refuses others at identification', () => {
    const body = {
      type: 'incident.resolved',
      occurredAt: '2026-11-20T10:30:00Z',
      incident: { id: 'INC-1', title: 'Queue backlog', severity: 'SEV3' },
    }
    expect(applied(g.map(body))).toMatchObject({
      externalId: 'INC-1',
      severity: 'SEV3',
      status: 'resolved',
      resolvedAt: new Date('2026-11-20T10:30:00Z'),
      timeline: [{ description: 'Incident resolved', kind: 'repair' }],
    })
    expect(g.identify(body, { 'webhook-id': 'msg_9' })).toEqual({
      key: 'msg_9',
      eventType: 'incident.resolved',
    })
    expect(typeof g.identify({ type: 'incident.resolved' }, {})).toBe('string')
    expect(g.map({ ...body, type: 'incident.custom' }).kind).toBe('ignore')
  })
})
