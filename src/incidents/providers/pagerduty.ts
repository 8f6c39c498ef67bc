import type { Participant } from '../../db/schema/index.ts'
import {
  addParticipant,
  arr,
  httpUrl,
  type IncidentUpdate,
  type Mapper,
  obj,
  str,
  time,
  timelineKind,
} from '../mapping.ts'

// PagerDuty Webhooks v3 incident events (https://developer.pagerduty.com/docs/webhooks/v3-overview/).
const DESCRIBED: Record<string, (who: string) => string> = {
  'incident.triggered': () => 'Incident triggered in PagerDuty',
  'incident.acknowledged': (who) => `Acknowledged by ${who}`,
  'incident.unacknowledged': () => 'Acknowledgement timed out; incident unacknowledged',
  'incident.escalated': (who) => `Escalated${who ? ` (by ${who})` : ''}`,
  'incident.reassigned': (who) => `Reassigned${who ? ` by ${who}` : ''}`,
  'incident.delegated': (who) => `Delegated to another escalation policy${who ? ` by ${who}` : ''}`,
  'incident.priority_updated': () => 'Priority changed',
  'incident.responder.added': (who) => `Responder added${who ? ` by ${who}` : ''}`,
  'incident.annotated': (who) => `Note added${who ? ` by ${who}` : ''}`,
  'incident.status_update_published': () => 'Status update published',
  'incident.resolved': (who) => `Resolved${who ? ` by ${who}` : ''}`,
  'incident.reopened': (who) => `Reopened${who ? ` by ${who}` : ''}`,
}

const person = (ref: unknown, role: string): Participant | undefined => {
  const r = obj(ref)
  const name = str(r.summary, 200)
  if (!name || (r.type && r.type !== 'user_reference' && r.type !== 'user')) return undefined
  return { name, ...(str(r.id, 200) ? { handle: str(r.id, 200) } : {}), role }
}

export const pagerduty: Mapper = {
  identify(body) {
    const event = obj(obj(body).event)
    const id = str(event.id, 200)
    const type = str(event.event_type, 200)
    if (!id || !type) return 'not a PagerDuty Webhooks v3 body: event.id and event.event_type are required'
    return { key: id, eventType: type }
  },

  map(body) {
    const event = obj(obj(body).event)
    const type = str(event.event_type) ?? ''
    const describe = DESCRIBED[type]
    if (event.resource_type !== 'incident' || !describe) {
      return { kind: 'ignore', reason: `event type ${type || '(none)'} is not an incident change` }
    }
    const data = obj(event.data)
    const externalId = str(data.id, 256)
    const occurredAt = time(event.occurred_at)
    if (!externalId || !occurredAt) return { kind: 'ignore', reason: 'event.data.id or occurred_at missing' }

    const participants: Participant[] = []
    for (const a of arr(data.assignees)) addParticipant(participants, person(a, 'assignee'))
    const agent = person(event.agent, 'responder')
    if (type !== 'incident.triggered') addParticipant(participants, agent)

    const service = obj(data.service)
    const links = [
      { label: 'PagerDuty incident', url: httpUrl(data.html_url) },
      { label: `PagerDuty service ${str(service.summary) ?? ''}`.trim(), url: httpUrl(service.html_url) },
    ].filter((l): l is { label: string; url: string } => l.url !== undefined)
    const number = typeof data.number === 'number' ? ` #${data.number}` : ''
    const status = str(data.status)
    const update: IncidentUpdate = {
      externalId,
      occurredAt,
      title: str(data.title, 300),
      severity: str(obj(data.priority).summary, 32),
      priority: str(obj(data.priority).summary, 32),
      urgency: str(data.urgency, 32),
      service: str(service.summary, 200),
      url: httpUrl(data.html_url),
      status:
        status === 'triggered' || status === 'acknowledged' || status === 'resolved' ? status : undefined,
      startedAt: time(data.created_at) ?? (type === 'incident.triggered' ? occurredAt : undefined),
      ...(type === 'incident.acknowledged' ? { acknowledgedAt: occurredAt } : {}),
      ...(type === 'incident.resolved' ? { resolvedAt: occurredAt } : {}),
      ...(type === 'incident.reopened' ? { resolvedAt: null } : {}),
      participants,
      links,
      timeline: [
        {
          occurredAt,
          description: `${describe(agent?.name ?? '')}${number ? ` (PagerDuty${number})` : ''}`,
          kind: timelineKind(type.replace(/^incident\./, '')),
        },
      ],
    }
    if (type === 'incident.priority_updated' && update.priority) {
      update.timeline[0]!.description = `Priority changed to ${update.priority}`
    }
    return { kind: 'apply', update }
  },
}
