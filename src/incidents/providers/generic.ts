import { z } from 'zod'
import type { IncidentUpdate, Mapper } from '../mapping.ts'

// Debrief's own shape, for tools without a mapper of their own: signed per Standard Webhooks, so
// `webhook-id` is the delivery id. Documented in the OpenAPI description of the receiver.
const Time = z.iso.datetime({ offset: true })
const Text = (max: number) => z.string().trim().min(1).max(max)

export const GENERIC_EVENT_TYPES = [
  'incident.triggered',
  'incident.acknowledged',
  'incident.updated',
  'incident.resolved',
  'incident.reopened',
  'incident.note',
] as const

export const GenericIncidentEvent = z
  .object({
    type: z
      .string()
      .describe(`One of ${GENERIC_EVENT_TYPES.join(', ')}; any other type is accepted and ignored`),
    occurredAt: Time.describe('When it happened in the incident tool'),
    summary: Text(2000).optional().describe('Timeline entry text; a default per type otherwise'),
    incident: z.object({
      id: Text(256).describe('The incident’s id in your tool: one review per id'),
      title: Text(300).optional(),
      severity: Text(32).optional(),
      priority: Text(32).optional(),
      urgency: Text(32).optional(),
      service: Text(200).optional(),
      url: z
        .url({ protocol: /^https?$/ })
        .max(2048)
        .optional(),
      startedAt: Time.optional(),
      acknowledgedAt: Time.optional(),
      resolvedAt: Time.optional(),
      participants: z
        .array(z.object({ name: Text(200), handle: Text(200).optional(), role: Text(200).optional() }))
        .max(200)
        .optional(),
      links: z
        .array(z.object({ label: Text(200), url: z.url({ protocol: /^https?$/ }).max(2048) }))
        .max(50)
        .optional(),
    }),
  })
  .meta({
    id: 'GenericIncidentEvent',
    description:
      'The body a `generic` incident source accepts, signed with Standard Webhooks headers (webhook-id, webhook-timestamp, webhook-signature)',
    examples: [
      {
        type: 'incident.triggered',
        occurredAt: '2026-11-20T09:58:00Z',
        summary: 'Checkout error rate above 5%',
        incident: {
          id: 'INC-4711',
          title: 'Checkout errors in eu-west-1',
          severity: 'SEV2',
          service: 'checkout',
          url: 'https://status.example.com/incidents/4711',
          startedAt: '2026-11-20T09:55:00Z',
          participants: [{ name: 'Robin Ops', handle: 'robin', role: 'incident commander' }],
          links: [{ label: 'Dashboard', url: 'https://grafana.example.com/d/checkout' }],
        },
      },
    ],
  })

const DEFAULTS: Record<(typeof GENERIC_EVENT_TYPES)[number], string> = {
  'incident.triggered': 'Incident triggered',
  'incident.acknowledged': 'Incident acknowledged',
  'incident.updated': 'Incident updated',
  'incident.resolved': 'Incident resolved',
  'incident.reopened': 'Incident reopened',
  'incident.note': 'Note',
}

const date = (v: string | undefined) => (v ? new Date(v) : undefined)

/** Where a generic body is wrong, as JSON pointers, or [] when it is fine. */
export function genericProblems(body: unknown): { pointer: string; detail: string }[] {
  const parsed = GenericIncidentEvent.safeParse(body)
  if (parsed.success) return []
  return parsed.error.issues.map((i) => ({ pointer: `/${i.path.join('/')}`, detail: i.message }))
}

export const generic: Mapper = {
  identify(body, headers) {
    const parsed = GenericIncidentEvent.safeParse(body)
    if (!parsed.success) return 'the body is not a GenericIncidentEvent (see the OpenAPI description)'
    return { key: String(headers['webhook-id']), eventType: parsed.data.type }
  },

  map(body) {
    const parsed = GenericIncidentEvent.safeParse(body)
    if (!parsed.success) return { kind: 'ignore', reason: 'not a GenericIncidentEvent' }
    const { type, occurredAt, summary, incident: i } = parsed.data
    const label = DEFAULTS[type as keyof typeof DEFAULTS]
    if (!label) return { kind: 'ignore', reason: `event type ${type} is not tracked` }
    const at = new Date(occurredAt)
    const update: IncidentUpdate = {
      externalId: i.id,
      occurredAt: at,
      title: i.title,
      severity: i.severity ?? i.priority,
      priority: i.priority,
      urgency: i.urgency,
      service: i.service,
      url: i.url,
      status:
        type === 'incident.resolved'
          ? 'resolved'
          : type === 'incident.acknowledged'
            ? 'acknowledged'
            : type === 'incident.triggered' || type === 'incident.reopened'
              ? 'triggered'
              : undefined,
      startedAt: date(i.startedAt) ?? (type === 'incident.triggered' ? at : undefined),
      acknowledgedAt: date(i.acknowledgedAt) ?? (type === 'incident.acknowledged' ? at : undefined),
      resolvedAt:
        type === 'incident.reopened'
          ? null
          : (date(i.resolvedAt) ?? (type === 'incident.resolved' ? at : undefined)),
      participants: (i.participants ?? []).map((p) => ({
        name: p.name,
        ...(p.handle ? { handle: p.handle } : {}),
        ...(p.role ? { role: p.role } : {}),
      })),
      links: i.links ?? [],
      timeline: [
        {
          occurredAt: at,
          description: summary ?? label,
          kind:
            type === 'incident.triggered'
              ? 'detection'
              : type === 'incident.resolved'
                ? 'repair'
                : type === 'incident.note'
                  ? 'communication'
                  : 'key_moment',
        },
      ],
    }
    return { kind: 'apply', update }
  },
}
