import { buildApp } from './app.ts'
import { ConfigError, databaseTimeouts, loadConfig } from './config.ts'
import { openDatabase } from './db/client.ts'
import { startDeliveryQueue } from './deliveries/delivery-queue.ts'
import { SecretKeyError } from './shared/secrets.ts'

// Entry point: config → database (+ migrations) → app → listen; closes cleanly on SIGTERM/SIGINT.
let config: ReturnType<typeof loadConfig>
try {
  config = loadConfig()
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}

const database = await openDatabase(
  config.databaseUrl
    ? {
        url: config.databaseUrl,
        poolSize: config.poolSize,
        timeouts: databaseTimeouts(config.limits),
      }
    : // Written beside the bundle by `npm run build:service` (an already migrated database).
      { dataDir: config.dataDir, seed: new URL('./pglite-seed.tar.gz', import.meta.url) },
)
await database.migrate()
// Deliveries (wikis, webhooks) run on pg-boss in the same database; every instance may work the queue.
const queue = await startDeliveryQueue(database)
let app: Awaited<ReturnType<typeof buildApp>>
try {
  app = await buildApp({ config, database, queue })
} catch (error) {
  if (error instanceof SecretKeyError) {
    console.error(`Refusing to start: ${error.message}`)
    await queue.stop()
    await database.close()
    process.exit(1)
  }
  throw error
}

const firstToken = await app.authenticator.bootstrapAdminToken()
const where =
  database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`
await app.listen({ host: config.host, port: config.port })
const address = app.server.address()
const base =
  typeof address === 'object' && address ? `http://${config.host}:${address.port}` : String(address)
app.log.info(`Debrief listening on ${base} — storage: ${where}`)
console.log(`\n  Debrief is listening on ${base}\n  API docs:  ${base}/docs\n  Storage:   ${where}`)
if (database.kind === 'pglite') {
  console.log('  (The embedded database is for trying Debrief out; run production on PostgreSQL.)')
}
if (firstToken) {
  console.log(`\n  First start: your admin token (shown once, store it now):\n\n    ${firstToken}\n`)
} else if (!config.adminToken) {
  console.log('  Admin token: the one printed on first start (or set DEBRIEF_ADMIN_TOKEN).')
}

let closing = false
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down')
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    await app.close() // stops accepting, waits for in-flight requests
    await queue.stop() // lets a running delivery finish; unfinished jobs are retried by any instance
    await database.close()
    process.exit(0)
  })
}
