import { randomBytes } from 'node:crypto'
import type { FastifyInstance, InjectOptions } from 'fastify'
import pg from 'pg'
import { afterAll, inject } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { databaseTimeouts, loadConfig } from '../../src/config.ts'
import { type Database, openDatabase } from '../../src/db/client.ts'
import { startDeliveryQueue } from '../../src/deliveries/delivery-queue.ts'
import type { Clock } from '../../src/shared/clock.ts'

export const ADMIN_TOKEN = 'test-admin-token-0123456789'

export type TestApp = {
  app: FastifyInstance
  database: Database
  url: string
  /** A fresh team with a key of the given scopes; every test gets its own team, so tests never share data. */
  team(scopes?: string[]): Promise<TestTeam>
  /** Runs SQL on the test database directly, to check what was (not) stored. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>
}

export type TestTeam = {
  id: string
  key: string
  keyId: string
  call(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Res>
}

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies freely and assert on them
export type Res = { status: number; body: any; headers: Record<string, unknown>; text: string }

export async function call(
  app: FastifyInstance,
  token: string | undefined,
  method: InjectOptions['method'],
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Res> {
  const res = await app.inject({
    method,
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    ...(body === undefined ? {} : { payload: body as object }),
  })
  let parsed: unknown
  try {
    parsed = res.body ? JSON.parse(res.body) : undefined
  } catch {
    parsed = undefined
  }
  return { status: res.statusCode, body: parsed, headers: res.headers, text: res.body }
}

/** A database cloned from the migrated template, dropped after the file unless KEEP_TEST_DB is set. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('pgAdminUrl')
  const name = `debrief_t_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name} template ${inject('templateDb')}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      if (process.env.KEEP_TEST_DB) return console.log(`kept test database ${name}`)
      const c = new pg.Client({ connectionString: adminUrl })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
}

/** buildApp() on a fresh real PostgreSQL database, closed after the test file. */
/** The same parsing as production, with test settings: silent logs, a fixed admin token, a random secret key. */
export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({
    DEBRIEF_ADMIN_TOKEN: ADMIN_TOKEN,
    DEBRIEF_SECRET_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: process.env.TEST_LOG ?? 'silent',
    // Suites drive one admin token and one address far harder than any client; limits.test.ts sets
    // the production-like limits it tests.
    RATE_LIMIT_PER_MINUTE: '1000000',
    AUTH_FAILURES_PER_MINUTE: '1000000',
    ...env,
  })
}

/**
 * buildApp() on a fresh real PostgreSQL database, closed after the test file. With `deliveries`,
 * a pg-boss queue runs too and outgoing calls may reach 127.0.0.1 (the local fake peers).
 */
export async function setupApp(
  options: { clock?: Clock; poolSize?: number; deliveries?: boolean; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const { url, drop } = await createTestDatabase()
  const config = testConfig({ DEBRIEF_EGRESS_ALLOW: options.deliveries ? '127.0.0.1' : '', ...options.env })
  const database = await openDatabase({
    url,
    poolSize: options.poolSize ?? 20,
    timeouts: databaseTimeouts(config.limits),
  })
  const queue = options.deliveries ? await startDeliveryQueue(database) : undefined
  const app = await buildApp({
    config,
    database,
    queue,
    ...(options.clock ? { clock: options.clock } : {}),
  })
  const pool = new pg.Pool({ connectionString: url, max: 2 })
  // Dropping the database (with force) may still reach a connection that is closing.
  pool.on('error', () => {})
  afterAll(async () => {
    await app.close()
    await queue?.stop()
    await pool.end()
    await database.close()
    await drop()
  })
  return {
    app,
    database,
    url,
    team: (scopes) => createTeam(app, scopes),
    sql: async <T>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as T[],
  }
}

export async function createTeam(app: FastifyInstance, scopes: string[] = ['write']): Promise<TestTeam> {
  const team = await call(app, ADMIN_TOKEN, 'POST', '/v1/teams', {
    name: `team-${randomBytes(3).toString('hex')}`,
  })
  const key = await call(app, ADMIN_TOKEN, 'POST', `/v1/teams/${team.body.id}/api-keys`, {
    name: 'test',
    scopes,
  })
  if (key.status !== 201) throw new Error(`could not create key: ${key.text}`)
  return {
    id: team.body.id,
    key: key.body.key,
    keyId: key.body.id,
    call: (method, url, body, headers) => call(app, key.body.key, method, url, body, headers),
  }
}
