// One start of the embedded service, split into the phases server.ts goes through (run by
// bench/startup.bench.ts in a fresh process per measurement; prints one JSON line).
import { performance } from 'node:perf_hooks'

const dataDir = process.argv[2]
const phases: Record<string, { ms: number; cpuMs: number; rssMiB: number }> = {}
let last = performance.now()
let lastCpu = process.cpuUsage()
const lap = (name: string) => {
  const now = performance.now()
  const cpu = process.cpuUsage(lastCpu)
  phases[name] = {
    ms: Math.round(now - last),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
  }
  last = now
  lastCpu = process.cpuUsage()
}
const { buildApp } = await import('../src/app.ts')
const { loadConfig } = await import('../src/config.ts')
const { openDatabase } = await import('../src/db/client.ts')
const { startDeliveryQueue } = await import('../src/deliveries/delivery-queue.ts')
lap('import modules (type stripping, resolution)')
const config = loadConfig({ DEBRIEF_DATA_DIR: dataDir, LOG_LEVEL: 'warn' })
const database = await openDatabase({ dataDir: config.dataDir })
lap('open PGlite')
await database.migrate()
lap('migrations check')
const queue = await startDeliveryQueue(database)
lap('pg-boss start (schema check)')
const app = await buildApp({ config, database, queue })
await app.authenticator.bootstrapAdminToken()
await app.ready()
lap('buildApp + ready')
console.log(JSON.stringify(phases))
await app.close()
await queue.stop()
await database.close()
