// The aar layout written as one template-literal function: the baseline the Handlebars path is
// measured against. Same view, same escaping helpers, so the difference is the template engine.
import { type ExportView, toExportView } from '../src/export/export.view.ts'
import { markdownHelpers as h } from '../src/export/markdown.render.ts'
import type { Review } from '../src/reviews/review.views.ts'

const answer = (text: string | null) => (text ? `${h.paragraphs(text)}\n` : 'Not answered yet.\n')
const each = <T>(items: T[], line: (item: T) => string) => items.map(line).join('')
const y = h.yaml

function frontMatter(v: ExportView): string {
  const incident = v.incident
    ? `incident:\n  source: ${y(v.incident.source)}\n  external_id: ${y(v.incident.externalId)}\n  url: ${y(v.incident.url)}\n`
    : 'incident: null\n'
  return `---
review_id: ${y(v.id)}
title: ${y(v.title)}
version: ${y(v.version)}
status: ${y(v.status)}
severity: ${y(v.severity)}
${incident}started_at: ${y(v.times.startedAt)}
detected_at: ${y(v.times.detectedAt)}
mitigated_at: ${y(v.times.mitigatedAt)}
resolved_at: ${y(v.times.resolvedAt)}
published_at: ${y(v.times.publishedAt)}
generated_at: ${y(v.generatedAt)}
template: ${y(v.template)}
---
`
}

const summary = (v: ExportView) => `- **Severity:** ${v.severity ? h.md(v.severity) : 'not set'}
- **Status:** ${h.md(v.statusLabel)} (version ${h.md(v.version)})
- **Incident:** ${v.incident ? h.link(v.incident.label, v.incident.url) : 'none recorded'}
- **Review:** ${h.code(v.id)}
`

const keyTimes = (v: ExportView) => `| Milestone | Time | Since start |
| --- | --- | --- |
${each(v.keyTimes, (k) => `| ${h.cell(k.label)} | ${h.cell(k.at)} | ${h.cell(k.sinceStart)} |\n`)}`

const timeline = (v: ExportView) =>
  v.timeline.length
    ? `| Time | Kind | What happened |\n| --- | --- | --- |\n${each(v.timeline, (e) => `| ${h.cell(e.at)} | ${h.cell(e.kind)} | ${h.cell(e.description)} |\n`)}`
    : 'No timeline events recorded yet.\n'

const factors = (v: ExportView) =>
  v.factors.length
    ? each(
        v.factors,
        (f) =>
          `- **${h.md(f.ref)} · ${h.md(f.category)}:** ${h.md(f.description)}${f.events ? ` (timeline: ${h.md(f.events)})` : ''}\n`,
      )
    : 'No contributing factors recorded yet.\n'

const actionItems = (v: ExportView) =>
  v.actionItems.length
    ? `| Ref | Action | Owner | Due | Status | Priority | Addresses | Tracker |
| --- | --- | --- | --- | --- | --- | --- | --- |
${each(
  v.actionItems,
  (a) =>
    `| ${h.cell(a.ref)} | ${h.cell(a.title)} | ${h.cell(a.owner)} | ${h.cell(a.due)} | ${h.cell(a.status)} | ${h.cell(a.priority)} | ${h.cell(a.addresses)} | ${a.trackerUrl ? h.link(a.trackerLabel, a.trackerUrl, { hash: { cell: true } }) : '—'} |\n`,
)}`
    : 'No action items recorded yet.\n'

const participants = (v: ExportView) =>
  v.participants.length
    ? each(
        v.participants,
        (p) =>
          `- ${h.md(p.name)}${p.handle ? ` (${h.md(p.handle)})` : ''}${p.role ? `, ${h.md(p.role)}` : ''}\n`,
      )
    : 'No participants recorded.\n'

/** renderMarkdown(review, { template: 'aar', generatedAt }) without Handlebars. */
export function renderAarLiteral(review: Review, generatedAt: string): string {
  const v = toExportView(review, 'aar', generatedAt)
  return `${frontMatter(v)}
# ${h.md(v.title)}

${summary(v)}
## Key times

${keyTimes(v)}
## 1. What did we set out to do?

${answer(v.answers.intent)}
## 2. What actually happened?

${answer(v.answers.actual)}
### Timeline

${timeline(v)}
## 3. Why did it happen that way?

${answer(v.answers.causes)}
### Contributing factors

${factors(v)}
## 4. What will we do differently next time?

${answer(v.answers.nextTime)}
### Action items

${actionItems(v)}
## Participants

${participants(v)}`
}
