import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { type Database, openDatabase } from '../../src/db/client.ts'
import { ADMIN_TOKEN, call, testConfig } from '../helpers/app.ts'
import { expectProblem } from '../helpers/problems.ts'

// Nothing listens on port 1: every query fails to connect, as when PostgreSQL is down.
let database: Database
let app: Awaited<ReturnType<typeof buildApp>>

beforeAll(async () => {
  database = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/debrief', poolSize: 2 })
  app = await buildApp({
    config: testConfig(),
    database,
    // The key check needs the database, which is the point of this file's absence.
    secretKey: randomBytes(32),
  })
})

afterAll(async () => {
  await app?.close()
  await database?.close()
})

const expectUnavailable = (res: Awaited<ReturnType<typeof call>>) => {
  expectProblem(res, 503, 'service-unavailable')
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
}

describe('when the database is unreachable', () => {
  it('answers 503 with Retry-After on team routes (the key lookup needs the database)', async () => {
    const key = 'dbk_this-key-would-need-a-database-lookup-000000'
    expectUnavailable(await call(app, key, 'GET', '/v1/reviews'))
    expectUnavailable(await call(app, key, 'POST', '/v1/reviews', { title: 'Lost?' }))
    expectUnavailable(await call(app, key, 'GET', '/v1/action-items?overdue=true'))
  })

  it('answers 503 on operator routes that need the database', async () => {
    expectUnavailable(await call(app, ADMIN_TOKEN, 'POST', '/v1/teams', { name: 'later' }))
    expectUnavailable(await call(app, ADMIN_TOKEN, 'GET', '/v1/teams'))
  })

  it('still answers what needs no database: 401 without a token, 400 for bad input, 404 for unknown routes', async () => {
    expectProblem(await call(app, undefined, 'GET', '/v1/reviews'), 401)
    expectProblem(await call(app, ADMIN_TOKEN, 'POST', '/v1/teams', { name: '' }), 400, 'validation-failed')
    expectProblem(await call(app, undefined, 'GET', '/v1/nowhere'), 404)
  })

  it('reports not ready (503) but alive (200)', async () => {
    const ready = await call(app, undefined, 'GET', '/readyz')
    expectUnavailable(ready)
    const live = await call(app, undefined, 'GET', '/livez')
    expect(live.status).toBe(200)
    expect(live.body).toEqual({ status: 'ok' })
  })
})
