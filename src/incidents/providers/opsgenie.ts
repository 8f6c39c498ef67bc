import type { Participant } from '../../db/schema/index.ts'
import { addParticipant, arr, type IncidentUpdate, type Mapper, obj, str, timelineKind } from '../mapping.ts'

// Opsgenie's outgoing Webhook integration (alert actions). Opsgenie cannot sign; the source's
// secret is sent as a custom header `Authorization: Bearer <secret>`.
const ACTIONS: Record<string, (who: string) => string> = {
  Create: () => 'Alert created in Opsgenie',
  Acknowledge: (who) => `Acknowledged by ${who}`,
  UnAcknowledge: (who) => `Acknowledgement removed by ${who}`,
  Escalate: () => 'Escalated to the next responder',
  EscalateToNext: () => 'Escalated to the next responder',
  AssignOwnership: (who) => `Ownership assigned${who ? ` by ${who}` : ''}`,
  TakeOwnership: (who) => `Ownership taken by ${who}`,
  AddResponder: (who) => `Responder added${who ? ` by ${who}` : ''}`,
  AddNote: (who) => `Note added${who ? ` by ${who}` : ''}`,
  UpdatePriority: () => 'Priority changed',
  Close: (who) => `Closed${who ? ` by ${who}` : ''}`,
}

/**
 * Opsgenie timestamps are epoch milliseconds (`createdAt`) or nanoseconds (`updatedAt`,
 * `insertedAt`, beyond 2^53 and parsed exactly as BigInt). Returns the exact digits and the Date.
 */
export function opsgenieTime(v: unknown): { exact: string; date: Date } | undefined {
  if (typeof v !== 'number' && typeof v !== 'bigint') return undefined
  const n = BigInt(typeof v === 'number' ? Math.trunc(v) : v)
  if (n <= 0n) return undefined
  const ms = n > 100_000_000_000_000n ? n / 1_000_000n : n // more than 15 digits: nanoseconds
  const date = new Date(Number(ms))
  return Number.isNaN(date.getTime()) ? undefined : { exact: n.toString(), date }
}

export const opsgenie: Mapper = {
  identify(body) {
    const b = obj(body)
    const alert = obj(b.alert)
    const action = str(b.action, 100)
    const alertId = str(alert.alertId, 200)
    if (!action || !alertId) return 'not an Opsgenie webhook body: action and alert.alertId are required'
    // Opsgenie sends no delivery id: the alert, the action and its exact nanosecond time name one.
    const at = opsgenieTime(alert.updatedAt) ?? opsgenieTime(alert.createdAt)
    return { key: `${alertId}:${action}:${at?.exact ?? ''}`, eventType: action }
  },

  map(body) {
    const b = obj(body)
    const alert = obj(b.alert)
    const action = str(b.action) ?? ''
    const describe = ACTIONS[action]
    if (!describe) return { kind: 'ignore', reason: `action ${action || '(none)'} is not tracked` }
    const externalId = str(alert.alertId, 256)
    const created = opsgenieTime(alert.createdAt)
    const at = action === 'Create' ? created : (opsgenieTime(alert.updatedAt) ?? created)
    if (!externalId || !at) return { kind: 'ignore', reason: 'alert.alertId or its times are missing' }
    const who = str(alert.username, 200) ?? ''
    const participants: Participant[] = []
    if (who && action !== 'Create')
      addParticipant(participants, { name: who, handle: who, role: 'responder' })
    const owner = str(alert.owner, 200)
    if (owner) addParticipant(participants, { name: owner, handle: owner, role: 'owner' })
    for (const r of arr(alert.responders)) {
      const name = str(obj(r).name, 200) ?? str(obj(r).username, 200)
      if (name) addParticipant(participants, { name, role: 'responder' })
    }
    const priority = typeof alert.priority === 'number' ? `P${alert.priority}` : str(alert.priority, 32)
    const tiny = str(alert.tinyId, 20)
    const update: IncidentUpdate = {
      externalId,
      occurredAt: at.date,
      title: str(alert.message, 300),
      severity: priority,
      priority,
      service: str(alert.entity, 200),
      status: ({ Create: 'triggered', Acknowledge: 'acknowledged', Close: 'resolved' } as const)[
        action as 'Create'
      ],
      startedAt: created?.date,
      ...(action === 'Acknowledge' ? { acknowledgedAt: at.date } : {}),
      ...(action === 'Close' ? { resolvedAt: at.date } : {}),
      participants,
      links: [],
      timeline: [
        {
          occurredAt: at.date,
          description: `${describe(who)}${tiny ? ` (Opsgenie #${tiny})` : ''}`,
          kind: timelineKind(action),
        },
      ],
    }
    if (action === 'UpdatePriority' && priority)
      update.timeline[0]!.description = `Priority changed to ${priority}`
    return { kind: 'apply', update }
  },
}
