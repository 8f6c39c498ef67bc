import { describe, expect, it } from 'vitest'
import { encodeCursor } from '../../src/shared/cursor.ts'
import type { TestTeam } from '../helpers/app.ts'
import { setupApp } from '../helpers/app.ts'
import { ifMatch, makeActionItem, makeCompleteReview, makeReview, manualClock } from '../helpers/factories.ts'
import { expectProblem } from '../helpers/problems.ts'

// Reviews take their createdAt from the injected clock, so the order under test is exact.
const clock = manualClock('2026-01-01T00:00:00Z')
const t = await setupApp({ clock })

type Row = { id: string; createdAt: string; title: string; dueDate: string }

const newestFirst = (a: Row, b: Row) =>
  a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1
const soonestFirst = (a: Row, b: Row) =>
  a.dueDate === b.dueDate ? (a.id < b.id ? -1 : 1) : a.dueDate < b.dueDate ? -1 : 1

/** Follows nextCursor to the end; `between` runs after each page (to write while walking). */
async function walk(team: TestTeam, url: string, between?: (page: number) => Promise<void>) {
  const seen: Row[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const sep = url.includes('?') ? '&' : '?'
    const res = await team.call('GET', cursor ? `${url}${sep}cursor=${encodeURIComponent(cursor)}` : url)
    expect(res.status, res.text).toBe(200)
    seen.push(...res.body.items)
    cursor = res.body.nextCursor
    pages++
    expect(pages).toBeLessThan(100)
    if (between) await between(pages)
  } while (cursor)
  return { seen, pages }
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id)

/** Creates `n` reviews, each a minute after the previous one; `sameInstant` of them share one timestamp. */
async function makeReviews(team: TestTeam, n: number, sameInstant = 0) {
  const made: Row[] = []
  for (let i = 0; i < n; i++) {
    if (i < n - sameInstant || i === n - sameInstant) clock.advance(60_000)
    made.push(await makeReview(team, { title: `Review ${i}` }))
  }
  return made
}

describe('GET /v1/reviews pagination', () => {
  it('walks every review exactly once, newest first, including ties on createdAt', async () => {
    const team = await t.team()
    const made = await makeReviews(team, 23, 6)
    expect(new Set(made.map((r) => r.createdAt)).size).toBe(18)
    const { seen, pages } = await walk(team, '/v1/reviews?limit=4')
    expect(pages).toBe(6)
    expect(ids(seen)).toEqual(ids([...made].sort(newestFirst)))
    const one = await team.call('GET', '/v1/reviews?limit=200')
    expect(one.body.nextCursor).toBeNull()
    expect(ids(one.body.items)).toEqual(ids(seen))
  })

  it('neither skips nor repeats reviews when others are created while walking', async () => {
    const team = await t.team()
    const originals = await makeReviews(team, 15, 4)
    const expected = ids([...originals].sort(newestFirst))
    const oldest = [...originals].sort(newestFirst).at(-1)!
    const inserted: string[] = []
    const { seen } = await walk(team, '/v1/reviews?limit=3', async (page) => {
      // Two brand-new reviews per page, plus one backdated into the part not yet read.
      clock.advance(60_000)
      inserted.push((await makeReview(team, { title: `new ${page}a` })).id)
      inserted.push((await makeReview(team, { title: `new ${page}b` })).id)
      if (page === 2) {
        const now = clock.now().toISOString()
        clock.set(new Date(new Date(oldest.createdAt).getTime() - 1000).toISOString())
        inserted.push((await makeReview(team, { title: 'backdated' })).id)
        clock.set(now)
      }
    })
    const seenIds = ids(seen)
    expect(new Set(seenIds).size).toBe(seenIds.length)
    expect(seenIds.filter((id) => expected.includes(id))).toEqual(expected)
    // Only the backdated one lies behind the cursor; the new ones are ahead of it.
    expect(seenIds.filter((id) => !expected.includes(id))).toEqual([inserted[4]])
  })

  it('combines status, severity, createdAfter/createdBefore and q filters with pagination', async () => {
    const team = await t.team()
    clock.set('2026-03-01T00:00:00Z')
    const made: (Row & { severity: string; status: string })[] = []
    for (let i = 0; i < 12; i++) {
      clock.advance(3_600_000)
      const severity = i % 3 === 0 ? 'SEV1' : 'SEV2'
      const review = await makeReview(team, {
        title: `${i % 2 ? 'Database' : 'Network'} incident ${i}`,
        severity,
      })
      let status = 'draft'
      if (i % 4 === 0) {
        await team.call('POST', `/v1/reviews/${review.id}/submit`, undefined, ifMatch(1))
        status = 'in_review'
      }
      made.push({ ...review, severity, status })
    }
    const after = made[2]!.createdAt
    const before = made[10]!.createdAt
    const cases: [string, (r: (typeof made)[number]) => boolean][] = [
      ['status=draft', (r) => r.status === 'draft'],
      ['status=in_review', (r) => r.status === 'in_review'],
      ['severity=SEV1', (r) => r.severity === 'SEV1'],
      [`createdAfter=${after}`, (r) => r.createdAt >= after],
      [`createdBefore=${before}`, (r) => r.createdAt < before],
      [
        `createdAfter=${after}&createdBefore=${before}&severity=SEV2`,
        (r) => r.createdAt >= after && r.createdAt < before && r.severity === 'SEV2',
      ],
      ['q=database', (r) => r.title.startsWith('Database')],
      ['q=DATABASE&status=draft', (r) => r.title.startsWith('Database') && r.status === 'draft'],
      ['q=incident%201', (r) => /incident 1\d*$/.test(r.title)],
    ]
    for (const [query, keep] of cases) {
      const expected = ids(made.filter(keep).sort(newestFirst))
      expect(expected.length, query).toBeGreaterThan(0)
      const { seen } = await walk(team, `/v1/reviews?limit=2&${query.replaceAll('+', '%2B')}`)
      expect(ids(seen), query).toEqual(expected)
    }
  })

  it('lists only published reviews with status=published', async () => {
    const team = await t.team()
    const draft = await makeReview(team)
    let complete = await makeCompleteReview(team)
    complete = (
      await team.call('POST', `/v1/reviews/${complete.id}/submit`, undefined, ifMatch(complete.version))
    ).body
    complete = (
      await team.call('POST', `/v1/reviews/${complete.id}/publish`, undefined, ifMatch(complete.version))
    ).body
    const res = await team.call('GET', '/v1/reviews?status=published')
    expect(ids(res.body.items)).toEqual([complete.id])
    expect(ids((await team.call('GET', '/v1/reviews?status=draft')).body.items)).toEqual([draft.id])
  })

  it('searches titles case-insensitively, treating % and _ and \\ literally', async () => {
    const team = await t.team()
    const titles = [
      '100% outage',
      '1000 outage',
      'snake_case bug',
      'snakeXcase bug',
      'Path C:\\temp full',
      'DNS DOWN',
    ]
    const byTitle: Record<string, string> = {}
    for (const title of titles) byTitle[title] = (await makeReview(team, { title })).id
    const search = async (q: string) =>
      (await team.call('GET', `/v1/reviews?q=${encodeURIComponent(q)}`)).body.items
        .map((r: Row) => r.title)
        .sort()
    expect(await search('%')).toEqual(['100% outage'])
    expect(await search('0%')).toEqual(['100% outage'])
    expect(await search('_')).toEqual(['snake_case bug'])
    expect(await search('e_c')).toEqual(['snake_case bug'])
    expect(await search('\\')).toEqual(['Path C:\\temp full'])
    expect(await search('dns down')).toEqual(['DNS DOWN'])
    expect(await search('OUTAGE')).toEqual(['100% outage', '1000 outage'])
    expect(await search('nothing like this')).toEqual([])
  })

  it('answers 400 to a cursor it did not issue, never 500', async () => {
    const team = await t.team()
    await makeReviews(team, 3)
    const forged = [
      'garbage',
      '%%%',
      encodeCursor(['only-one']),
      encodeCursor(['not a time', 'not an id']),
      encodeCursor(['2026-01-01 00:00:00+00', 'not-a-uuid']),
      encodeCursor(['2026-02-30 00:00:00+00', crypto.randomUUID()]),
      encodeCursor(['2026-12-31', crypto.randomUUID()]), // an action-items cursor
      Buffer.from('{"a":1}').toString('base64url'),
    ]
    for (const cursor of forged) {
      const res = await team.call('GET', `/v1/reviews?cursor=${encodeURIComponent(cursor)}`)
      expectProblem(res, 400, 'validation-failed')
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/cursor' })])
    }
    const first = await team.call('GET', '/v1/reviews?limit=1')
    const reviewsCursor = first.body.nextCursor
    expect(reviewsCursor).toEqual(expect.any(String))
    expectProblem(
      await team.call('GET', `/v1/action-items?cursor=${reviewsCursor}`),
      400,
      'validation-failed',
    )
    const review = first.body.items[0]
    for (const cursor of ['garbage', reviewsCursor, encodeCursor(['1e99']), encodeCursor(['-1'])]) {
      const res = await team.call(
        'GET',
        `/v1/reviews/${review.id}/revisions?cursor=${encodeURIComponent(cursor)}`,
      )
      expectProblem(res, 400, 'validation-failed')
    }
  })
})

describe('GET /v1/action-items pagination and filters', () => {
  async function seed(team: TestTeam) {
    const a = await makeReview(team, { title: 'Alpha' })
    const b = await makeReview(team, { title: 'Bravo' })
    const specs: [string, string, string, string][] = [
      // [review, dueDate, owner, status]
      [a.id, '2026-05-01', 'sre', 'open'],
      [a.id, '2026-05-01', 'sre', 'done'],
      [b.id, '2026-05-01', 'platform team', 'in_progress'],
      [a.id, '2026-06-14', 'sre', 'open'],
      [b.id, '2026-06-15', 'sre', 'open'],
      [b.id, '2026-06-16', 'platform team', 'wont_do'],
      [a.id, '2026-07-01', 'platform team', 'open'],
      [b.id, '2026-07-01', 'sre', 'in_progress'],
      [a.id, '2026-12-31', 'sre', 'open'],
      [b.id, '2027-03-01', 'sre', 'done'],
      [a.id, '2026-04-01', 'on-call', 'open'],
    ]
    const items: (Row & { owner: string; status: string; reviewId: string })[] = []
    for (const [reviewId, dueDate, owner, status] of specs) {
      items.push(
        await makeActionItem(team, reviewId, { title: `${owner} ${dueDate}`, dueDate, owner, status }),
      )
    }
    return { a, b, items }
  }

  it('walks every item exactly once, soonest due first, with its review', async () => {
    const team = await t.team()
    const { a, b, items } = await seed(team)
    const { seen, pages } = await walk(team, '/v1/action-items?limit=3')
    expect(pages).toBe(4)
    expect(ids(seen)).toEqual(ids([...items].sort(soonestFirst)))
    for (const item of seen as unknown as { reviewId: string; review: { id: string; title: string } }[]) {
      expect(item.review).toEqual(
        item.reviewId === a.id ? { id: a.id, title: 'Alpha' } : { id: b.id, title: 'Bravo' },
      )
    }
  })

  it('combines status lists, owner, review, due-date bounds and overdue with pagination', async () => {
    const team = await t.team()
    const { a, items } = await seed(team)
    clock.set('2026-06-15T23:30:00Z') // "today" is 2026-06-15 (UTC)
    type Item = (typeof items)[number]
    const cases: [string, (i: Item) => boolean][] = [
      ['status=open', (i) => i.status === 'open'],
      ['status=open,in_progress', (i) => i.status === 'open' || i.status === 'in_progress'],
      ['status=done,wont_do', (i) => i.status === 'done' || i.status === 'wont_do'],
      ['owner=sre', (i) => i.owner === 'sre'],
      ['owner=platform%20team&status=open', (i) => i.owner === 'platform team' && i.status === 'open'],
      [`reviewId=${a.id}`, (i) => i.reviewId === a.id],
      ['dueBefore=2026-06-15', (i) => i.dueDate < '2026-06-15'],
      ['dueAfter=2026-06-15', (i) => i.dueDate > '2026-06-15'],
      [
        'dueAfter=2026-05-01&dueBefore=2026-07-01',
        (i) => i.dueDate > '2026-05-01' && i.dueDate < '2026-07-01',
      ],
      [
        'overdue=true',
        (i) => i.dueDate < '2026-06-15' && (i.status === 'open' || i.status === 'in_progress'),
      ],
      ['overdue=true&owner=sre', (i) => i.dueDate < '2026-06-15' && i.status === 'open' && i.owner === 'sre'],
      ['overdue=false', () => true],
    ]
    for (const [query, keep] of cases) {
      const expected = ids(items.filter(keep).sort(soonestFirst))
      expect(expected.length, query).toBeGreaterThan(0)
      const { seen } = await walk(team, `/v1/action-items?limit=2&${query}`)
      expect(ids(seen), query).toEqual(expected)
    }
    // Overdue follows the clock: a day later, the item due today is overdue too.
    clock.set('2026-06-16T00:30:00Z')
    const later = await team.call('GET', '/v1/action-items?overdue=true&limit=200')
    expect(later.body.items.map((i: Row) => i.dueDate)).toContain('2026-06-15')
  })

  it('drops an item from the overdue list once it is done', async () => {
    const team = await t.team()
    clock.set('2026-06-15T12:00:00Z')
    const review = await makeReview(team)
    const item = await makeActionItem(team, review.id, { dueDate: '2026-06-01' })
    expect(ids((await team.call('GET', '/v1/action-items?overdue=true')).body.items)).toEqual([item.id])
    const done = await team.call(
      'PATCH',
      `/v1/reviews/${review.id}/action-items/${item.id}`,
      { status: 'done' },
      ifMatch(1),
    )
    expect(done.body).toMatchObject({ status: 'done', completedAt: '2026-06-15T12:00:00.000Z' })
    expect((await team.call('GET', '/v1/action-items?overdue=true')).body.items).toEqual([])
  })
})
