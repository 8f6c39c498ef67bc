// Timeline events, contributing factors and action items of a review, edited on the guided page.
import { api, errorText } from './api.ts'
import { field, formatDate, h, replace, uid } from './dom.ts'
import type { ActionItem, Factor, Review, ReviewFinding, TimelineEvent } from './types.ts'

export type PartsContext = { review: () => Review; changed: () => Promise<void> }

import {
  ACTION_ITEM_PRIORITIES,
  FACTOR_CATEGORIES as CATEGORIES,
  TIMELINE_KINDS as KINDS,
  ACTION_ITEM_STATUSES as STATUSES,
  ACTION_ITEM_TYPES as TYPES,
} from '../../src/vocabulary.ts'

const words = (s: string) => s.replace(/_/g, ' ')
// The page preselects the first choice, so the usual priority leads.
const PRIORITIES = ['medium', ...ACTION_ITEM_PRIORITIES.filter((p) => p !== 'medium')]
const select = (options: readonly string[], attrs: Record<string, string> = {}) =>
  h(
    'select',
    attrs,
    options.map((o) => h('option', { value: o }, words(o))),
  )
export const isOverdue = (
  a: Pick<ActionItem, 'dueDate' | 'status'>,
  today = new Date().toISOString().slice(0, 10),
) => a.dueDate < today && (a.status === 'open' || a.status === 'in_progress')

/** Server findings of one part's text, shown under it (the server lints every field on save). */
function partFindings(review: Review, prefix: string): HTMLElement | null {
  const found = review.findings.filter((f: ReviewFinding) => f.field.startsWith(prefix) && !f.suppression)
  if (found.length === 0) return null
  return h(
    'ul',
    { class: 'part-findings' },
    found.map((f) => h('li', { 'data-rule-id': f.ruleId }, `${f.message} ${f.suggestion}`)),
  )
}

function checkboxes(
  legend: string,
  items: { id: string; label: string }[],
): { element: HTMLElement; values: () => string[] } {
  const boxes = items.map((i) => h('input', { type: 'checkbox', value: i.id, id: uid('cb') }))
  const element = h(
    'fieldset',
    {},
    h('legend', {}, legend),
    items.length === 0 ? h('p', { class: 'hint' }, 'None yet.') : null,
    items.map((i, n) => h('div', { class: 'check' }, boxes[n]!, h('label', { for: boxes[n]!.id }, i.label))),
  )
  return { element, values: () => boxes.filter((b) => b.checked).map((b) => b.value) }
}

function form(
  title: string,
  fields: HTMLElement[],
  submit: string,
  onSubmit: () => Promise<void>,
): HTMLElement {
  const status = h('p', { class: 'error', role: 'alert' })
  const el = h(
    'form',
    { class: 'part-form' },
    h('h3', {}, title),
    fields,
    status,
    h('button', { type: 'submit' }, submit),
  )
  el.addEventListener('submit', async (event) => {
    event.preventDefault()
    status.textContent = ''
    try {
      await onSubmit()
    } catch (error) {
      status.textContent = errorText(error)
    }
  })
  return el
}

function remove(ctx: PartsContext, path: string, part: { version: number }, label: string) {
  return h(
    'button',
    {
      type: 'button',
      class: 'secondary small',
      'aria-label': `Delete ${label}`,
      onclick: async () => {
        await api('DELETE', `/v1/reviews/${ctx.review().id}/${path}`, { ifMatch: `"v${part.version}"` })
        await ctx.changed()
      },
    },
    'Delete',
  )
}

const shortText = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s)
const eventLabel = (e: TimelineEvent) => `${formatDate(e.occurredAt)} — ${shortText(e.description)}`

export function timelineSection(ctx: PartsContext): HTMLElement {
  const r = ctx.review()
  const when = h('input', { type: 'datetime-local', required: true })
  const kind = select(KINDS)
  const what = h('textarea', { rows: 2, required: true, maxlength: 20000 })
  const events = [...r.timelineEvents].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))
  return h(
    'section',
    { class: 'part', 'aria-labelledby': 'h-timeline' },
    h('h2', { id: 'h-timeline' }, 'Timeline'),
    events.length === 0
      ? h('p', { class: 'hint' }, 'No events yet: start with how the problem was detected.')
      : h(
          'ol',
          { class: 'items' },
          events.map((e) =>
            h(
              'li',
              {},
              h('time', { datetime: e.occurredAt }, formatDate(e.occurredAt)),
              e.kind ? h('span', { class: 'badge' }, words(e.kind)) : null,
              h('span', {}, e.description),
              remove(ctx, `timeline-events/${e.id}`, e, `event ${shortText(e.description)}`),
              partFindings(r, `timelineEvents[${e.id}]`),
            ),
          ),
        ),
    form(
      'Add a timeline event',
      [field('When', when), field('Kind', kind), field('What happened', what)],
      'Add event',
      async () => {
        if (!when.value) throw new Error('Give the time of the event.')
        await api('POST', `/v1/reviews/${r.id}/timeline-events`, {
          body: { occurredAt: new Date(when.value).toISOString(), kind: kind.value, description: what.value },
        })
        await ctx.changed()
      },
    ),
  )
}

export function factorsSection(ctx: PartsContext): HTMLElement {
  const r = ctx.review()
  const category = select(CATEGORIES)
  const description = h('textarea', { rows: 2, required: true, maxlength: 20000 })
  const events = checkboxes(
    'Seen in timeline events',
    r.timelineEvents.map((e) => ({ id: e.id, label: eventLabel(e) })),
  )
  const label = (id: string) => r.timelineEvents.find((e) => e.id === id)
  return h(
    'section',
    { class: 'part', 'aria-labelledby': 'h-factors' },
    h('h2', { id: 'h-factors' }, 'Contributing factors'),
    r.contributingFactors.length === 0
      ? h('p', { class: 'hint' }, 'No factors yet: conditions that made the outcome possible.')
      : h(
          'ul',
          { class: 'items' },
          r.contributingFactors.map((f: Factor) =>
            h(
              'li',
              {},
              h('span', { class: 'badge' }, words(f.category)),
              h('span', {}, f.description),
              f.timelineEventIds.length
                ? h(
                    'span',
                    { class: 'hint' },
                    `Timeline: ${f.timelineEventIds
                      .map((id) => {
                        const e = label(id)
                        return e ? formatDate(e.occurredAt) : '?'
                      })
                      .join(', ')}`,
                  )
                : null,
              remove(ctx, `contributing-factors/${f.id}`, f, `factor ${shortText(f.description)}`),
              partFindings(r, `contributingFactors[${f.id}]`),
            ),
          ),
        ),
    form(
      'Add a contributing factor',
      [field('Category', category), field('Factor', description), events.element],
      'Add factor',
      async () => {
        await api('POST', `/v1/reviews/${r.id}/contributing-factors`, {
          body: {
            category: category.value,
            description: description.value,
            timelineEventIds: events.values(),
          },
        })
        await ctx.changed()
      },
    ),
  )
}

export function actionItemsSection(ctx: PartsContext): HTMLElement {
  const r = ctx.review()
  const title = h('input', { type: 'text', required: true, maxlength: 500 })
  const owner = h('input', { type: 'text', required: true, maxlength: 200 })
  const due = h('input', { type: 'date', required: true })
  const priority = select(PRIORITIES)
  const type = select(TYPES)
  const factors = checkboxes(
    'Addresses contributing factors',
    r.contributingFactors.map((f) => ({ id: f.id, label: shortText(f.description) })),
  )
  return h(
    'section',
    { class: 'part', 'aria-labelledby': 'h-actions' },
    h('h2', { id: 'h-actions' }, 'Action items'),
    r.actionItems.length === 0
      ? h('p', { class: 'hint' }, 'No action items yet: owned, dated changes to systems and processes.')
      : h(
          'ul',
          { class: 'items' },
          r.actionItems.map((a: ActionItem) => {
            const status = select(STATUSES, { 'aria-label': `Status of ${a.title}` })
            status.value = a.status
            status.addEventListener('change', async () => {
              await api('PATCH', `/v1/reviews/${r.id}/action-items/${a.id}`, {
                body: { status: status.value },
                ifMatch: `"v${a.version}"`,
              })
              await ctx.changed()
            })
            return h(
              'li',
              {},
              h('strong', {}, a.title),
              h('span', {}, `${a.owner} · due ${a.dueDate} · ${a.priority}${a.type ? ` · ${a.type}` : ''}`),
              isOverdue(a) ? h('span', { class: 'badge overdue' }, 'Overdue') : null,
              a.factorIds.length ? h('span', { class: 'hint' }, `Factors: ${a.factorIds.length}`) : null,
              status,
              remove(ctx, `action-items/${a.id}`, a, `action item ${a.title}`),
              partFindings(r, `actionItems[${a.id}]`),
            )
          }),
        ),
    form(
      'Add an action item',
      [
        field('Title', title),
        field('Owner', owner, 'A person, role or team'),
        field('Due date', due),
        field('Priority', priority),
        field('Type', type),
        factors.element,
      ],
      'Add action item',
      async () => {
        await api('POST', `/v1/reviews/${r.id}/action-items`, {
          body: {
            title: title.value,
            owner: owner.value,
            dueDate: due.value,
            priority: priority.value,
            type: type.value,
            factorIds: factors.values(),
          },
        })
        await ctx.changed()
      },
    ),
  )
}

export function rerender(target: HTMLElement, section: HTMLElement) {
  replace(target, section)
}
