// `npm run bench`: Debrief's read and create routes beside a bare Fastify route doing the equivalent
// raw `pg` primary-key select / insert, measured in the same run on the same PostgreSQL; then the
// p50 of a list page in a team of 1k vs 100k reviews. Prints ratios, asserts nothing.
import { randomBytes } from 'node:crypto'
import autocannon from 'autocannon'
import Fastify from 'fastify'
import pg from 'pg'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { openDatabase } from '../src/db/client.ts'

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const CONNECTIONS = 10
const ADMIN = 'bench-admin-token-0123456789'

const admin = new pg.Client({ connectionString: SERVER })
await admin.connect()
const dbName = `debrief_bench_${randomBytes(4).toString('hex')}`
await admin.query(`create database ${dbName}`)
const url = new URL(SERVER)
url.pathname = `/${dbName}`

try {
  await run(url.toString())
} finally {
  await admin.query(`drop database if exists ${dbName} with (force)`)
  await admin.end()
}

async function run(dbUrl: string) {
  const database = await openDatabase({ url: dbUrl, poolSize: CONNECTIONS })
  await database.migrate()
  const app = await buildApp({
    config: loadConfig({
      DEBRIEF_ADMIN_TOKEN: ADMIN,
      DEBRIEF_SECRET_KEY: '0'.repeat(64),
      LOG_LEVEL: 'silent',
      // The limiter still runs on every request (its cost is measured), but never refuses one here.
      RATE_LIMIT_PER_MINUTE: '100000000',
    }),
    database,
  })
  const bare = await bareServer(dbUrl)
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  const bareBase = await bare.listen({ port: 0, host: '127.0.0.1' })

  const json = { 'content-type': 'application/json' }
  const post = (path: string, body: unknown, token = ADMIN) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<any>)
  const team = await post('/v1/teams', { name: 'bench' })
  const { key } = await post(`/v1/teams/${team.id}/api-keys`, { name: 'bench', scopes: ['write'] })
  const auth = { authorization: `Bearer ${key}` }
  const reviewBody = JSON.stringify({
    title: 'Checkout latency regression',
    severity: 'SEV2',
    answers: { intent: 'Ship v2' },
  })
  const review = await post('/v1/reviews', JSON.parse(reviewBody), key)

  console.log(
    `Debrief API benchmark — ${SECONDS}s per run, ${CONNECTIONS} connections, PostgreSQL ${SERVER.replace(/\/\/.*@/, '//…@')}\n`,
  )
  const rows: string[][] = []
  const compare = async (
    label: string,
    debrief: autocannon.Options,
    baseline: autocannon.Options,
    target: number,
  ) => {
    await load({ ...baseline, duration: 1 }) // warm both sides
    await load({ ...debrief, duration: 1 })
    const b = await load(baseline)
    const d = await load(debrief)
    const ratio = d.requests.average / b.requests.average
    rows.push([
      label,
      fmt(d),
      fmt(b),
      `${(ratio * 100).toFixed(0)} %`,
      `≥ ${target * 100} %`,
      ratio >= target ? 'met' : 'MISSED',
    ])
  }
  await compare(
    'GET /v1/reviews/{id}',
    { url: `${base}/v1/reviews/${review.id}`, headers: auth },
    { url: `${bareBase}/bare/reviews/${review.id}` },
    0.6,
  )
  await compare(
    'POST /v1/reviews',
    { url: `${base}/v1/reviews`, method: 'POST', headers: { ...auth, ...json }, body: reviewBody },
    {
      url: `${bareBase}/bare/reviews`,
      method: 'POST',
      headers: json,
      body: JSON.stringify({ teamId: team.id, title: 'x' }),
    },
    0.5,
  )
  console.table(
    rows.map(([route, debrief, bareRoute, ratio, target, verdict]) => ({
      route,
      debrief,
      bare: bareRoute,
      ratio,
      target,
      verdict,
    })),
  )

  // List pages: the same query in a team of 1k and a team of 100k reviews.
  const small = await post('/v1/teams', { name: 'small' })
  const large = await post('/v1/teams', { name: 'large' })
  const smallKey = (await post(`/v1/teams/${small.id}/api-keys`, { name: 'b', scopes: ['read'] })).key
  const largeKey = (await post(`/v1/teams/${large.id}/api-keys`, { name: 'b', scopes: ['read'] })).key
  const seeder = new pg.Client({ connectionString: dbUrl })
  await seeder.connect()
  for (const [teamId, n] of [
    [small.id, 1_000],
    [large.id, 100_000],
  ] as const) {
    await seeder.query(
      `insert into reviews (team_id, title, severity, status, created_at, updated_at)
       select $1, 'Incident ' || g, (array['SEV1','SEV2','SEV3'])[1 + g % 3], (array['draft','in_review','published'])[1 + g % 3],
              now() - (g || ' seconds')::interval, now()
       from generate_series(1, $2::int) g`,
      [teamId, n],
    )
  }
  await seeder.query('analyze')
  await seeder.end()
  const listRows = []
  for (const [label, path] of [
    ['first page', '/v1/reviews?limit=50'],
    ['status filter', '/v1/reviews?status=published&limit=50'],
    ['title search', '/v1/reviews?q=incident%2012&limit=50'],
  ] as const) {
    const s = await load({
      url: `${base}${path}`,
      headers: { authorization: `Bearer ${smallKey}` },
      duration: 3,
    })
    const l = await load({
      url: `${base}${path}`,
      headers: { authorization: `Bearer ${largeKey}` },
      duration: 3,
    })
    const ratio = l.latency.p50 / Math.max(s.latency.p50, 0.001)
    listRows.push({
      list: label,
      'p50 1k (ms)': s.latency.p50,
      'p50 100k (ms)': l.latency.p50,
      ratio: ratio.toFixed(2),
      target: '≤ 1.5',
    })
  }
  console.log('\nList page latency, team of 1k vs team of 100k reviews:')
  console.table(listRows)

  await app.close()
  await bare.close()
  await database.close()
}

function load(options: autocannon.Options): Promise<autocannon.Result> {
  return autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options })
}

function fmt(r: autocannon.Result) {
  return `${Math.round(r.requests.average)} req/s, p99 ${r.latency.p99} ms${r.non2xx ? ` (${r.non2xx} non-2xx!)` : ''}`
}

/** The baseline: Fastify with one raw `pg` query per request and nothing else. */
async function bareServer(dbUrl: string) {
  const pool = new pg.Pool({ connectionString: dbUrl, max: CONNECTIONS })
  const app = Fastify()
  app.get<{ Params: { id: string } }>('/bare/reviews/:id', async (req) => {
    const { rows } = await pool.query('select * from reviews where id = $1', [req.params.id])
    return rows[0]
  })
  app.post<{ Body: { teamId: string; title: string } }>('/bare/reviews', async (req, reply) => {
    const { rows } = await pool.query('insert into reviews (team_id, title) values ($1, $2) returning *', [
      req.body.teamId,
      req.body.title,
    ])
    return reply.code(201).send(rows[0])
  })
  app.addHook('onClose', () => pool.end())
  return app
}
