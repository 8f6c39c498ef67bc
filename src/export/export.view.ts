import type { Review } from '../reviews/review.views.ts'
import { safeUrl } from './markdown.escape.ts'

/**
 * What the templates see: a review already ordered, labelled and formatted, with every field
 * present (null when empty) so templates compile in strict mode and never need logic. Values are
 * still raw user text here; the templates escape each one for the place it lands in.
 */
export type ExportView = {
  template: string
  generatedAt: string
  id: string
  title: string
  version: number
  status: string
  statusLabel: string
  severity: string | null
  incident: { source: string; externalId: string; url: string | null; label: string } | null
  times: Record<'startedAt' | 'detectedAt' | 'mitigatedAt' | 'resolvedAt' | 'publishedAt', string | null>
  keyTimes: Array<{ label: string; at: string | null; sinceStart: string | null }>
  answers: Record<keyof Review['answers'], string | null>
  timeline: Array<{ at: string; kind: string | null; description: string }>
  factors: Array<{ ref: string; category: string; description: string; events: string | null }>
  actionItems: Array<{
    ref: string
    title: string
    description: string | null
    owner: string
    due: string
    overdue: boolean
    status: string
    priority: string
    addresses: string | null
    trackerUrl: string | null
    trackerLabel: string
  }>
  participants: Array<{ name: string; handle: string | null; role: string | null }>
  /** True when at least one key time is set; otherwise the Impact/Key times table says so instead. */
  hasKeyTimes: boolean
  /** Action items that have a description, listed under the table (long text does not fit a cell). */
  actionItemDetails: Array<{ ref: string; description: string }>
}

const pad = (n: number) => String(n).padStart(2, '0')

/** "2026-11-20 10:02 UTC" (seconds only when there are some): what a reader scans in a table. */
export function displayTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const seconds = d.getUTCSeconds() ? `:${pad(d.getUTCSeconds())}` : ''
  return `${d.toISOString().slice(0, 10)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${seconds} UTC`
}

/** "45 min", "2 h 5 min", "3 d 4 h": a duration a reader can compare at a glance. */
export function displayDuration(ms: number): string {
  if (ms < 0) return `−${displayDuration(-ms)}`
  const minutes = Math.round(ms / 60_000)
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`
  return hours % 24 ? `${Math.floor(hours / 24)} d ${hours % 24} h` : `${Math.floor(hours / 24)} d`
}

const label = (value: string) => {
  const words = value.replace(/_/g, ' ')
  return value === 'wont_do' ? "Won't do" : words.charAt(0).toUpperCase() + words.slice(1)
}
const present = (text: string | null | undefined) => (text && text.trim() !== '' ? text : null)

/** A short, readable name for a tracker link: host and path without the scheme. */
function trackerLabel(url: string | null): string {
  const href = safeUrl(url)
  if (!href) return 'tracker'
  const { host, pathname, protocol } = new URL(href)
  const text = protocol === 'mailto:' ? pathname : `${host}${pathname === '/' ? '' : pathname}`
  return text.length > 60 ? `${text.slice(0, 59)}…` : text
}

/** Builds the template view of a review; `generatedAt` is passed in so output is deterministic. */
export function toExportView(review: Review, template: string, generatedAt: string): ExportView {
  const timeline = [...review.timelineEvents].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))
  const eventTimes = new Map(timeline.map((e) => [e.id, displayTime(e.occurredAt)]))
  const factorRefs = new Map(review.contributingFactors.map((f, i) => [f.id, `F${i + 1}`]))
  const start = review.startedAt ? Date.parse(review.startedAt) : null
  const milestone = (text: string, at: string | null) => ({
    label: text,
    at: at ? displayTime(at) : null,
    sinceStart: at && start !== null && text !== 'Started' ? displayDuration(Date.parse(at) - start) : null,
  })
  return {
    template,
    generatedAt,
    id: review.id,
    title: review.title,
    version: review.version,
    status: review.status,
    statusLabel: label(review.status),
    severity: present(review.severity),
    incident: review.incident && {
      ...review.incident,
      url: safeUrl(review.incident.url),
      label: `${review.incident.source} ${review.incident.externalId}`,
    },
    times: {
      startedAt: review.startedAt,
      detectedAt: review.detectedAt,
      mitigatedAt: review.mitigatedAt,
      resolvedAt: review.resolvedAt,
      publishedAt: review.publishedAt,
    },
    keyTimes: [
      milestone('Started', review.startedAt),
      milestone('Detected', review.detectedAt),
      milestone('Mitigated', review.mitigatedAt),
      milestone('Resolved', review.resolvedAt),
    ],
    answers: {
      intent: present(review.answers.intent),
      actual: present(review.answers.actual),
      causes: present(review.answers.causes),
      nextTime: present(review.answers.nextTime),
    },
    timeline: timeline.map((e) => ({
      at: displayTime(e.occurredAt),
      kind: e.kind && label(e.kind),
      description: e.description,
    })),
    factors: review.contributingFactors.map((f, i) => ({
      ref: `F${i + 1}`,
      category: label(f.category),
      description: f.description,
      events: present(f.timelineEventIds.flatMap((id) => eventTimes.get(id) ?? []).join(', ')),
    })),
    actionItems: review.actionItems.map((a, i) => ({
      ref: `A${i + 1}`,
      title: a.title,
      description: present(a.description),
      owner: a.owner,
      due: a.dueDate,
      // Overdue as of the day the document is generated: due before it and still open or in progress.
      overdue: (a.status === 'open' || a.status === 'in_progress') && a.dueDate < generatedAt.slice(0, 10),
      status: label(a.status),
      priority: label(a.priority),
      addresses: present(a.factorIds.flatMap((id) => factorRefs.get(id) ?? []).join(', ')),
      trackerUrl: a.trackerUrl,
      trackerLabel: trackerLabel(a.trackerUrl),
    })),
    hasKeyTimes: [review.startedAt, review.detectedAt, review.mitigatedAt, review.resolvedAt].some(Boolean),
    actionItemDetails: review.actionItems.flatMap((a, i) =>
      present(a.description) ? [{ ref: `A${i + 1}`, description: a.description! }] : [],
    ),
    participants: review.participants.map((p) => ({
      name: p.name,
      handle: present(p.handle),
      role: present(p.role),
    })),
  }
}
