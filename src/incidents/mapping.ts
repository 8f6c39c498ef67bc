import type { IncidentSourceKind, Participant } from '../db/schema/index.ts'

/**
 * What one incident-tool event says about its incident, in Debrief's terms. Mappers are pure:
 * they read a parsed body (and headers) and never touch the database.
 */
export type TimelineKind = 'detection' | 'diagnosis' | 'repair' | 'key_moment' | 'communication' | 'other'

export type IncidentUpdate = {
  externalId: string
  /** When the tool says this event happened. */
  occurredAt: Date
  title?: string | undefined
  severity?: string | undefined
  url?: string | undefined
  service?: string | undefined
  priority?: string | undefined
  urgency?: string | undefined
  status?: 'triggered' | 'acknowledged' | 'resolved' | undefined
  startedAt?: Date | undefined
  acknowledgedAt?: Date | undefined
  /** `null`: the tool says the incident is (again) ongoing. */
  resolvedAt?: Date | null | undefined
  participants: Participant[]
  links: { label: string; url: string }[]
  timeline: { occurredAt: Date; description: string; kind: TimelineKind }[]
}

export type Mapped = { kind: 'apply'; update: IncidentUpdate } | { kind: 'ignore'; reason: string }

/** How the receiver recognises a delivery it has already seen, and names its event. */
export type DeliveryIdentity = { key: string; eventType: string }

export type Mapper = {
  /** The delivery's identity, or a reason the body is not something this tool sends. */
  identify(body: unknown, headers: Record<string, string | string[] | undefined>): DeliveryIdentity | string
  map(body: unknown): Mapped
}

export type MapperRegistry = Record<IncidentSourceKind, Mapper>

// Small readers for untrusted JSON: a wrong type reads as absent rather than throwing.
export const obj = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
export const str = (v: unknown, max = 1000): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, max) : undefined
export const httpUrl = (v: unknown): string | undefined => {
  const s = str(v, 2048)
  if (!s) return undefined
  try {
    const u = new URL(s)
    return u.protocol === 'http:' || u.protocol === 'https:' ? s : undefined
  } catch {
    return undefined
  }
}
export const time = (v: unknown): Date | undefined => {
  if (typeof v !== 'string') return undefined
  const d = new Date(v)
  const year = d.getUTCFullYear()
  return Number.isNaN(d.getTime()) || year < 1 || year > 9999 ? undefined : d
}

/** Adds a participant unless one with the same handle (or name) is there already. */
export function addParticipant(list: Participant[], p: Participant | undefined) {
  if (!p) return
  const same = (q: Participant) => (p.handle && q.handle ? q.handle === p.handle : q.name === p.name)
  if (!list.some(same)) list.push(p)
}

/** The review's timeline kind for a tool's event name (any name not listed is a key moment). */
export function timelineKind(event: string): TimelineKind {
  const e = event.toLowerCase()
  if (/trigger|create|firing|declared/.test(e)) return 'detection'
  if (/resolve|close|recover/.test(e)) return 'repair'
  if (/annotat|note|status_update|communicat/.test(e)) return 'communication'
  return 'key_moment'
}
