import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { type Database, openDatabase } from '../../src/db/client.ts'
import { type DeliveryQueue, startDeliveryQueue } from '../../src/deliveries/delivery-queue.ts'
import { createTeam, testConfig } from '../helpers/app.ts'
import { deliver, makeSource, payload, processed, proof, reviewOf } from '../helpers/incidents.ts'

// The ingest path on the embedded default: PGlite in memory, pg-boss on the same PGlite.
let database: Database
let queue: DeliveryQueue
let app: Awaited<ReturnType<typeof buildApp>>

beforeAll(async () => {
  database = await openDatabase({ dataDir: undefined })
  await database.migrate()
  queue = await startDeliveryQueue(database)
  app = await buildApp({ config: testConfig(), database, queue })
  await app.ready()
}, 60_000)

afterAll(async () => {
  await app?.close()
  await queue?.stop()
  await database?.close()
})

describe('incident ingest on embedded PGlite', () => {
  it('turns a signed PagerDuty webhook into a draft review, once', async () => {
    const admin = await createTeam(app, ['admin'])
    const source = await makeSource(admin, 'pagerduty')
    const body = payload('pagerduty-v3/incident.triggered.json')
    const first = await deliver(app, source, body, proof('pagerduty', source.secret, body))
    expect(first.status).toBe(202)
    const again = await deliver(app, source, body, proof('pagerduty', source.secret, body))
    expect(again.body).toEqual({ eventId: first.body.eventId, duplicate: true })
    expect((await processed(admin, source.id, first.body.eventId)).status).toBe('applied')
    const review = await reviewOf(admin, 'pagerduty', 'PFQZPSY')
    expect(review).toMatchObject({
      status: 'draft',
      title: 'Test Incident 3',
      incident: { service: 'pig208' },
    })
    expect(review.timelineEvents).toHaveLength(1)
  })
})
