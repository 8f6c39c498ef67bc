import { api } from './api.ts'
import { h, replace } from './dom.ts'
import type { Delivery, Page } from './types.ts'

const WAITING = new Set(['pending', 'retrying'])

/** The delivery log of a review, refreshed until every delivery has an outcome (or a minute passed). */
export async function showDeliveries(target: HTMLElement, reviewId: string): Promise<void> {
  for (let round = 0; round < 40 && target.isConnected; round++) {
    const { data } = await api<Page<Delivery>>('GET', `/v1/reviews/${reviewId}/deliveries?limit=50`)
    replace(target, table(data.items))
    if (!data.items.some((d) => WAITING.has(d.status))) return
    await new Promise((resolve) => setTimeout(resolve, 1500))
  }
}

function table(items: Delivery[]): HTMLElement {
  if (items.length === 0)
    return h('p', {}, 'No wiki or webhook is set up for this team, so there is nothing to deliver.')
  return h(
    'table',
    {},
    h('caption', {}, 'Deliveries to wikis and webhooks'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Target', 'Event', 'Status', 'Attempts', 'Last error'].map((t) => h('th', { scope: 'col' }, t)),
      ),
    ),
    h(
      'tbody',
      {},
      items.map((d) =>
        h(
          'tr',
          {},
          h('td', {}, `${d.targetKind} ${d.targetId.slice(0, 8)}`),
          h('td', {}, d.eventType),
          h('td', {}, h('span', { class: `badge ${d.status}` }, d.status)),
          h('td', {}, String(d.attempts)),
          h('td', {}, d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '—')),
        ),
      ),
    ),
  )
}
