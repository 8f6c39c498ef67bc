import type { Participant } from '../../db/schema/index.ts'
import { addParticipant, arr, httpUrl, type IncidentUpdate, type Mapper, obj, str, time } from '../mapping.ts'

// incident.io webhooks (sent through Svix, so Standard Webhooks signed). The body names its event
// in `event_type` and carries the incident under a key of the same name.
const EVENTS: Record<string, string> = {
  'public_incident.incident_created_v2': 'Incident declared in incident.io',
  'private_incident.incident_created_v2': 'Incident declared in incident.io',
  'public_incident.incident_updated_v2': 'Incident updated in incident.io',
  'private_incident.incident_updated_v2': 'Incident updated in incident.io',
  'public_incident.incident_status_updated_v2': 'Status changed',
}

const CLOSED = new Set(['closed', 'resolved', 'post-incident', 'learning', 'canceled', 'cancelled'])

export const incidentIo: Mapper = {
  identify(body, headers) {
    const type = str(obj(body).event_type, 200)
    const id = headers['webhook-id']
    if (!type) return 'not an incident.io webhook body: event_type is required'
    return { key: String(id), eventType: type }
  },

  map(body) {
    const b = obj(body)
    const type = str(b.event_type) ?? ''
    const label = EVENTS[type]
    const incident = obj(b[type])
    if (!label) return { kind: 'ignore', reason: `event type ${type || '(none)'} is not tracked` }
    const externalId = str(incident.id, 256)
    if (!externalId) return { kind: 'ignore', reason: 'the incident has no id' }
    const participants: Participant[] = []
    for (const assignment of arr(incident.incident_role_assignments)) {
      const a = obj(assignment)
      const who = obj(a.assignee)
      const name = str(who.name, 200)
      if (name) {
        const handle = str(who.email, 200)
        addParticipant(participants, {
          name,
          ...(handle ? { handle } : {}),
          role: str(obj(a.role).name, 200) ?? 'responder',
        })
      }
    }
    const status = obj(incident.incident_status)
    const category = str(status.category)?.toLowerCase()
    const statusName = str(status.name, 100)
    const occurredAt = time(incident.updated_at) ?? time(incident.created_at) ?? new Date(0)
    const timestamps = new Map<string, Date>()
    for (const tv of arr(incident.incident_timestamp_values)) {
      const name = str(obj(obj(tv).incident_timestamp).name)?.toLowerCase()
      const at = time(obj(obj(tv).value).value)
      if (name && at) timestamps.set(name, at)
    }
    const find = (...names: string[]) => names.map((n) => timestamps.get(n)).find((d) => d !== undefined)
    const resolved = category !== undefined && CLOSED.has(category)
    const reference = str(incident.reference, 50)
    const update: IncidentUpdate = {
      externalId,
      occurredAt,
      title: str(incident.name, 300),
      severity: str(obj(incident.severity).name, 32),
      url: httpUrl(incident.permalink),
      status: resolved ? 'resolved' : category ? 'triggered' : undefined,
      startedAt: find('impact started', 'reported at') ?? time(incident.created_at),
      acknowledgedAt: find('accepted at', 'acknowledged at'),
      resolvedAt: resolved ? (find('resolved at', 'closed at') ?? occurredAt) : category ? null : undefined,
      participants,
      links: httpUrl(incident.permalink)
        ? [{ label: `incident.io ${reference ?? 'incident'}`, url: httpUrl(incident.permalink)! }]
        : [],
      timeline: [
        {
          occurredAt,
          description: `${label}${statusName ? `: ${statusName}` : ''}${reference ? ` (${reference})` : ''}`,
          kind: type.includes('created') ? 'detection' : resolved ? 'repair' : 'key_moment',
        },
      ],
    }
    return { kind: 'apply', update }
  },
}
