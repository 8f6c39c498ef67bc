import { afterAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { openDatabase } from '../../src/db/client.ts'
import { startDeliveryQueue } from '../../src/deliveries/delivery-queue.ts'
import { createTeam, createTestDatabase, testConfig } from '../helpers/app.ts'
import { ifMatch, makeCompleteReview } from '../helpers/factories.ts'
import { startFakeConfluence } from '../helpers/fake-confluence.ts'

const { url, drop } = await createTestDatabase()
const confluence = await startFakeConfluence()
afterAll(async () => {
  await confluence.close()
  await drop()
})

/** One Debrief instance on the shared test database; `workers` says whether it performs deliveries. */
async function instance(workers: boolean) {
  const database = await openDatabase({ url, poolSize: 5 })
  const queue = await startDeliveryQueue(database)
  const config = testConfig({
    DEBRIEF_WORKERS: String(workers),
    DEBRIEF_EGRESS_ALLOW: '127.0.0.1',
    DEBRIEF_SECRET_KEY: '1'.repeat(64),
  })
  const app = await buildApp({ config, database, queue })
  await app.ready()
  return {
    app,
    async stop() {
      await app.close()
      await queue.stop()
      await database.close()
    },
  }
}

describe('deliveries across a restart', () => {
  it('a publication recorded while no worker runs reaches the wiki once a worker starts', async () => {
    const before = await instance(false)
    const team = await createTeam(before.app, ['admin'])
    const integration = await team.call('POST', '/v1/integrations', {
      kind: 'confluence-cloud',
      name: 'wiki',
      config: { baseUrl: confluence.url, spaceId: confluence.space.id },
      credentials: { email: confluence.credentials.email, apiToken: confluence.credentials.apiToken },
    })
    expect(integration.status).toBe(201)
    let review = await makeCompleteReview(team)
    review = (await team.call('POST', `/v1/reviews/${review.id}/submit`, undefined, ifMatch(review.version)))
      .body
    review = (await team.call('POST', `/v1/reviews/${review.id}/publish`, undefined, ifMatch(review.version)))
      .body
    const pending = (await team.call('GET', `/v1/reviews/${review.id}/deliveries`)).body.items
    expect(pending.map((d: { status: string }) => d.status)).toEqual(['pending'])
    await before.stop() // the process goes away with the delivery still queued

    const after = await instance(true)
    const call = (path: string) =>
      after.app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${team.key}` } })
    let status = 'pending'
    for (let i = 0; i < 100 && status === 'pending'; i++) {
      await new Promise((r) => setTimeout(r, 150))
      status = (await call(`/v1/reviews/${review.id}/deliveries`)).json().items[0].status
    }
    expect(status).toBe('succeeded')
    expect(confluence.pages().filter((p) => p.title.includes(review.id.slice(0, 8)))).toHaveLength(1)
    await after.stop()
  })
})
