// The page: sign-in, the reviews list, a new review, the guided review. Hash routes keep it one HTML file.
import './style.css'
import { ApiError, api, errorText, session, setUnauthorizedHandler } from './api.ts'
import { field, formatDate, h, replace } from './dom.ts'
import { isOverdue } from './parts.ts'
import { reviewPage } from './review.ts'
import type { ActionItem, Page, ReviewSummary } from './types.ts'

const main = document.getElementById('main')!
const who = document.getElementById('who')!
let signInMessage = ''

setUnauthorizedHandler((message) => {
  session.clear()
  signInMessage = `Signed out: ${message}`
  location.hash = '#/sign-in'
})

function signIn() {
  const key = h('input', { type: 'password', autocomplete: 'off', spellcheck: 'false', required: true })
  const status = h('p', { class: 'error', role: 'alert' }, signInMessage)
  signInMessage = ''
  const form = h(
    'form',
    { class: 'sign-in' },
    field('API key', key, 'A team key with the write scope (ask your Debrief admin). Kept in this tab only.'),
    status,
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const value = key.value.trim()
    try {
      await api('GET', '/v1/reviews?limit=1', { key: value })
      session.set(value)
      location.hash = '#/'
    } catch (error) {
      status.textContent =
        error instanceof ApiError && error.status === 401
          ? 'That key is not valid or has been revoked.'
          : error instanceof ApiError && error.status === 403
            ? `That key cannot read reviews: ${errorText(error)}. Use a team API key.`
            : errorText(error)
    }
  })
  replace(
    main,
    h('h1', {}, 'Sign in to Debrief'),
    h('p', {}, 'Blameless after-action reviews, guided.'),
    form,
  )
  key.focus()
}

async function list(params: URLSearchParams) {
  const status = h(
    'select',
    { value: '' },
    [
      ['', 'Any status'],
      ['draft', 'Draft'],
      ['in_review', 'In review'],
      ['published', 'Published'],
    ].map(([v, t]) => h('option', { value: v! }, t!)),
  )
  status.value = params.get('status') ?? ''
  const q = h('input', { type: 'search', value: params.get('q') ?? '' })
  const filters = h(
    'form',
    { class: 'filters', role: 'search' },
    field('Status', status),
    field('Title contains', q),
    h('button', { type: 'submit' }, 'Filter'),
  )
  filters.addEventListener('submit', (event) => {
    event.preventDefault()
    const next = new URLSearchParams()
    if (status.value) next.set('status', status.value)
    if (q.value.trim()) next.set('q', q.value.trim())
    location.hash = `#/?${next}`
  })
  const query = new URLSearchParams({ limit: '100' })
  for (const k of ['status', 'q']) if (params.get(k)) query.set(k, params.get(k)!)
  const [{ data }, { data: overdue }] = await Promise.all([
    api<Page<ReviewSummary>>('GET', `/v1/reviews?${query}`),
    api<Page<ActionItem>>('GET', '/v1/action-items?overdue=true&limit=100'),
  ])
  const late = new Map<string, number>()
  for (const a of overdue.items.filter((a) => isOverdue(a)))
    late.set(a.reviewId, (late.get(a.reviewId) ?? 0) + 1)
  replace(
    main,
    h(
      'div',
      { class: 'title-row' },
      h('h1', {}, 'Reviews'),
      h('a', { href: '#/new', class: 'button primary' }, 'New review'),
    ),
    filters,
    data.items.length === 0
      ? h('p', {}, 'No reviews match. Start one with “New review”.')
      : h(
          'ul',
          { class: 'reviews' },
          data.items.map((r) =>
            h(
              'li',
              {},
              h('a', { href: `#/reviews/${r.id}/1` }, r.title),
              h('span', { class: `badge ${r.status}` }, r.status.replace('_', ' ')),
              r.severity ? h('span', { class: 'badge' }, r.severity) : null,
              late.get(r.id)
                ? h(
                    'span',
                    { class: 'badge overdue' },
                    `${late.get(r.id)} overdue action item${late.get(r.id) === 1 ? '' : 's'}`,
                  )
                : null,
              h('span', { class: 'hint' }, `updated ${formatDate(r.updatedAt)}`),
            ),
          ),
        ),
  )
  document.title = 'Reviews — Debrief'
}

function newReview() {
  const title = h('input', { type: 'text', required: true, maxlength: 300 })
  const severity = h('input', { type: 'text', maxlength: 32 })
  const people = h('textarea', { rows: 3 })
  const status = h('p', { class: 'error', role: 'alert' })
  const form = h(
    'form',
    {},
    field('Title', title),
    field('Severity', severity, 'As your incident tool names it, e.g. SEV2'),
    field(
      'Participants',
      people,
      'One per line: name, then optionally @handle. The linter uses them to recognise people.',
    ),
    status,
    h('button', { type: 'submit', class: 'primary' }, 'Create review'),
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const participants = people.value
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const handle = /\s(@\S+)$/.exec(line)?.[1]
        return handle ? { name: line.slice(0, -handle.length).trim(), handle } : { name: line }
      })
    try {
      const { data } = await api<{ id: string }>('POST', '/v1/reviews', {
        body: {
          title: title.value,
          ...(severity.value.trim() ? { severity: severity.value } : {}),
          participants,
        },
      })
      location.hash = `#/reviews/${data.id}/1`
    } catch (error) {
      status.textContent = errorText(error)
    }
  })
  replace(main, h('p', {}, h('a', { href: '#/' }, '← All reviews')), h('h1', {}, 'New review'), form)
  document.title = 'New review — Debrief'
  title.focus()
}

async function route() {
  const hash = location.hash.slice(1) || '/'
  const [path = '/', search = ''] = hash.split('?')
  if (!session.key && path !== '/sign-in') {
    location.hash = '#/sign-in'
    return
  }
  replace(
    who,
    session.key
      ? h(
          'button',
          {
            type: 'button',
            class: 'link',
            onclick: () => {
              session.clear()
              location.hash = '#/sign-in'
            },
          },
          'Sign out',
        )
      : null,
  )
  try {
    const review = /^\/reviews\/([0-9a-f-]{36})(?:\/(\d))?$/.exec(path)
    if (path === '/sign-in') signIn()
    else if (path === '/new') newReview()
    else if (review) await reviewPage(main, review[1]!, Math.min(3, Math.max(0, Number(review[2] ?? 1) - 1)))
    else await list(new URLSearchParams(search))
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return
    replace(
      main,
      h('h1', {}, 'Something went wrong'),
      h('p', { role: 'alert' }, errorText(error)),
      h('p', {}, h('a', { href: '#/' }, 'Back to the reviews')),
    )
  }
}

// Moving between questions rewrites the hash without a new route; only real navigation re-renders.
let last = ''
window.addEventListener('hashchange', () => {
  const page = location.hash.replace(/\/\d$/, '')
  if (page !== last) void route()
  last = page
})
last = location.hash.replace(/\/\d$/, '')
void route()
