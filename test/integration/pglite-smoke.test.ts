import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { type Database, openDatabase } from '../../src/db/client.ts'
import { ADMIN_TOKEN, call, createTeam, testConfig } from '../helpers/app.ts'
import { fullAnswers, ifMatch, makeActionItem, makeFactor, makeTimelineEvent } from '../helpers/factories.ts'
import { expectProblem } from '../helpers/problems.ts'

// The embedded default: the same app on an in-memory PGlite, no PostgreSQL server involved.
let database: Database
let app: Awaited<ReturnType<typeof buildApp>>

beforeAll(async () => {
  database = await openDatabase({ dataDir: undefined })
  await database.migrate()
  app = await buildApp({
    config: testConfig(),
    database,
  })
}, 60_000)

afterAll(async () => {
  await app?.close()
  await database?.close()
})

describe('Debrief on embedded PGlite', () => {
  it('runs on PGlite and is ready', async () => {
    expect(database.kind).toBe('pglite')
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200)
  })

  it('takes a review through the AAR flow to a publication', async () => {
    const team = await createTeam(app, ['admin'])
    const keys = await team.call('GET', `/v1/teams/${team.id}/api-keys`)
    expect(keys.body.items).toHaveLength(1)

    const created = await team.call('POST', '/v1/reviews', {
      title: 'Embedded outage',
      severity: 'SEV3',
      participants: [{ name: 'Alex', role: 'on-call' }],
      answers: { intent: fullAnswers.intent },
    })
    expect(created.status).toBe(201)
    const id = created.body.id
    const patched = await team.call(
      'PATCH',
      `/v1/reviews/${id}`,
      { answers: { actual: fullAnswers.actual, causes: fullAnswers.causes, nextTime: fullAnswers.nextTime } },
      ifMatch(1),
    )
    expect(patched.status).toBe(200)
    expectProblem(await team.call('PATCH', `/v1/reviews/${id}`, { title: 'stale' }, ifMatch(1)), 412)
    const event = await makeTimelineEvent(team, id)
    const factor = await makeFactor(team, id, { timelineEventIds: [event.id] })
    await makeActionItem(team, id, { factorIds: [factor.id], dueDate: '2020-01-01' })

    let review = (await team.call('GET', `/v1/reviews/${id}`)).body
    expect((await team.call('GET', `/v1/reviews/${id}/guide`)).body.readyToPublish).toBe(true)
    review = (await team.call('POST', `/v1/reviews/${id}/submit`, undefined, ifMatch(review.version))).body
    const published = await team.call('POST', `/v1/reviews/${id}/publish`, undefined, ifMatch(review.version))
    expect(published.status).toBe(200)
    expect(published.body.status).toBe('published')

    const pubs = await team.call('GET', `/v1/reviews/${id}/publications`)
    expect(pubs.body.items).toEqual([
      expect.objectContaining({ number: 1, reviewVersion: published.body.version }),
    ])
    const list = await team.call('GET', '/v1/reviews?status=published&q=embedded')
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([id])
    const overdue = await team.call('GET', '/v1/action-items?overdue=true')
    expect(overdue.body.items).toHaveLength(1)
    const revisions = await team.call('GET', `/v1/reviews/${id}/revisions?limit=3`)
    expect(revisions.body.items).toHaveLength(3)
    expect(revisions.body.nextCursor).toEqual(expect.any(String))
    // Another team sees none of it.
    const other = await createTeam(app)
    expectProblem(await other.call('GET', `/v1/reviews/${id}`), 404, 'not-found')
  })

  it('creates once per Idempotency-Key, also for concurrent retries', async () => {
    const team = await createTeam(app)
    const body = { title: 'Retried on PGlite' }
    const headers = { 'idempotency-key': 'pglite-once' }
    const first = await team.call('POST', '/v1/reviews', body, headers)
    const retries = await Promise.all(
      Array.from({ length: 5 }, () => team.call('POST', '/v1/reviews', body, headers)),
    )
    expect(first.status).toBe(201)
    for (const r of retries) {
      expect(r.status).toBe(201)
      expect(r.headers['idempotent-replayed']).toBe('true')
      expect(r.body.id).toBe(first.body.id)
    }
    expectProblem(await team.call('POST', '/v1/reviews', { title: 'Different' }, headers), 422)
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () =>
        team.call('POST', '/v1/reviews', { title: 'Concurrent' }, { 'idempotency-key': 'pglite-concurrent' }),
      ),
    )
    expect(new Set(concurrent.map((r) => r.body.id)).size).toBe(1)
    const all = await team.call('GET', '/v1/reviews')
    expect(all.body.items.map((r: { title: string }) => r.title).sort()).toEqual([
      'Concurrent',
      'Retried on PGlite',
    ])
    expect((await call(app, ADMIN_TOKEN, 'GET', '/v1/teams')).body.items.length).toBeGreaterThanOrEqual(3)
  })
})
