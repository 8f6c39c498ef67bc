import { createHash } from 'node:crypto'
import { arr, httpUrl, type IncidentUpdate, type Mapper, obj, str, time } from '../mapping.ts'

// Prometheus Alertmanager webhook_config, payload version 4. One alert group (groupKey) is one
// incident. Alertmanager cannot sign; `http_config.authorization` sends `Bearer <secret>`.

/** Go's zero time: Alertmanager's way of saying an alert has no end yet (still firing). */
const ZERO_TIME = /^0001-01-01T00:00:00(\.0+)?Z$/

const endOf = (alert: Record<string, unknown>) =>
  typeof alert.endsAt === 'string' && !ZERO_TIME.test(alert.endsAt) ? time(alert.endsAt) : undefined

const alertsOf = (body: unknown) => arr(obj(body).alerts).map(obj)

const labelText = (labels: Record<string, unknown>) =>
  Object.entries(labels)
    .filter(([k, v]) => k !== 'alertname' && k !== 'severity' && typeof v === 'string')
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')

export const alertmanager: Mapper = {
  identify(body) {
    const b = obj(body)
    const groupKey = str(b.groupKey, 10_000)
    const status = str(b.status, 20)
    if (!groupKey || !status || !Array.isArray(b.alerts)) {
      return 'not an Alertmanager webhook body: groupKey, status and alerts are required'
    }
    // No delivery id either: the group, its status and each alert's state name one notification,
    // so a repeat notification with nothing new is recognised as the same delivery.
    const state = alertsOf(body)
      .map((a) => [a.fingerprint, a.status, a.startsAt, a.endsAt].join('|'))
      .sort()
    const digest = createHash('sha256')
      .update(JSON.stringify([groupKey, status, state]))
      .digest('hex')
    return { key: `${status}:${digest}`, eventType: status }
  },

  map(body) {
    const b = obj(body)
    const status = str(b.status)
    if (status !== 'firing' && status !== 'resolved') return { kind: 'ignore', reason: `status ${status}` }
    const alerts = alertsOf(body)
    const groupKey = str(b.groupKey, 10_000)
    if (!groupKey || alerts.length === 0) return { kind: 'ignore', reason: 'no groupKey or no alerts' }
    // Group keys can be long label sets; past the column's limit they are identified by digest.
    const externalId =
      groupKey.length <= 256 ? groupKey : `sha256:${createHash('sha256').update(groupKey).digest('hex')}`
    const common = obj(b.commonLabels)
    const annotations = obj(b.commonAnnotations)
    const starts = alerts.map((a) => time(a.startsAt)).filter((d): d is Date => d !== undefined)
    const ends = alerts.map(endOf)
    const allEnded = ends.every((d) => d !== undefined)
    const startedAt = starts.length ? new Date(Math.min(...starts.map(Number))) : undefined
    const resolvedAt =
      status === 'resolved' && allEnded ? new Date(Math.max(...(ends as Date[]).map(Number))) : undefined
    const timeline: IncidentUpdate['timeline'] = []
    for (const a of alerts) {
      const labels = obj(a.labels)
      const name = str(obj(a.annotations).summary) ?? str(labels.alertname) ?? 'Alert'
      const detail = str(obj(a.annotations).description)
      const where = labelText(labels)
      const what = `${name}${where ? ` (${where})` : ''}${detail ? `: ${detail}` : ''}`
      const start = time(a.startsAt)
      if (start) timeline.push({ occurredAt: start, description: `Firing: ${what}`, kind: 'detection' })
      const end = endOf(a)
      if (end && a.status === 'resolved')
        timeline.push({ occurredAt: end, description: `Resolved: ${what}`, kind: 'repair' })
    }
    const links = [{ label: 'Alertmanager', url: httpUrl(b.externalURL) }]
    for (const a of alerts) links.push({ label: 'Prometheus query', url: httpUrl(a.generatorURL) })
    const seen = new Set<string>()
    return {
      kind: 'apply',
      update: {
        externalId,
        occurredAt: resolvedAt ?? new Date(Math.max(...starts.map(Number), 0)),
        title: str(annotations.summary, 300) ?? str(common.alertname, 300),
        severity: str(common.severity, 32),
        service: str(common.service, 200) ?? str(common.job, 200),
        url: httpUrl(b.externalURL),
        status: status === 'resolved' ? 'resolved' : 'triggered',
        startedAt,
        // Firing means ongoing: a group that fires again after resolving is reopened.
        resolvedAt: status === 'firing' ? null : resolvedAt,
        participants: [],
        links: links.filter((l): l is { label: string; url: string } => {
          if (!l.url || seen.has(l.url)) return false
          seen.add(l.url)
          return true
        }),
        timeline,
      },
    }
  },
}
