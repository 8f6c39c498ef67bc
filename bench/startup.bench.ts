// Embedded start: time to /readyz and RSS at that moment, for a first start (empty data directory)
// and a reopen, for the TypeScript sources and for the bundle (`npm run build:service`), beside a
// baseline measured in the same run: PGlite alone opening the same data directory.
// Targets (issue 11): reopen ≤ 2 s and ≤ 400 MiB, first start ≤ 5 s. Then one run split by phase.
//
//   npm run bench:startup [-- --runs 3]
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { startService } from '../scripts/service-process.ts'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } })
const runs = Number(values.runs)
const root = new URL('..', import.meta.url).pathname
const work = mkdtempSync(join(tmpdir(), 'debrief-startup-'))
const node = process.execPath
const flags = ['--conditions=debrief-source', '--disable-warning=ExperimentalWarning']

if (!existsSync(join(root, 'dist/service/server.js')))
  execFileSync('npm', ['run', 'build:service'], { cwd: root })

type Sample = { ms: number; rssMiB: number; cpuMs: number }
const cpuOf = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
  return (Number(fields[11]) + Number(fields[12])) * 10 // utime + stime, in clock ticks of 10 ms
}
const rssOf = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024

async function start(entry: string, dataDir: string): Promise<Sample> {
  const t0 = performance.now()
  const service = await startService({
    cwd: root,
    command: [node, ...flags, entry],
    env: { DEBRIEF_DATA_DIR: dataDir, DATABASE_URL: undefined, DEBRIEF_ADMIN_TOKEN: undefined },
  })
  const ms = performance.now() - t0
  const pid = service.child.pid as number
  const sample = { ms, rssMiB: rssOf(pid), cpuMs: cpuOf(pid) }
  await service.stop()
  return sample
}

function pgliteAlone(dataDir: string): Sample {
  const script = `const t0 = performance.now(); const { PGlite } = await import('@electric-sql/pglite');
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const db = await PGlite.create(process.argv[1], { extensions: { pg_trgm } }); await db.query('select 1');
    const cpu = process.cpuUsage(); console.log(JSON.stringify({ ms: performance.now() - t0,
      rssMiB: process.memoryUsage().rss / 2 ** 20, cpuMs: (cpu.user + cpu.system) / 1000 })); await db.close()`
  const out = spawnSync(node, ['--input-type=module', '-e', script, join(dataDir, 'pglite')], { cwd: root })
  return JSON.parse(out.stdout.toString())
}

const median = (xs: Sample[], key: keyof Sample) =>
  xs.map((x) => x[key]).sort((a, b) => a - b)[xs.length >> 1] as number
const variants = { sources: 'src/server.ts', bundle: 'dist/service/server.js' }
const rows: Record<string, Sample[]> = {}
const add = (name: string, s: Sample) => {
  rows[name] ??= []
  rows[name].push(s)
}

for (let i = 0; i < runs; i++) {
  for (const [name, entry] of Object.entries(variants)) {
    const dataDir = join(work, `${name}-${i}`)
    add(`${name}: first start`, await start(entry, dataDir))
    add(`${name}: reopen`, await start(entry, dataDir))
    if (name === 'bundle') add('baseline: PGlite alone reopens', pgliteAlone(dataDir))
  }
}

const baseline = median(rows['baseline: PGlite alone reopens'] ?? [], 'ms')
console.log(`Embedded start, median of ${runs} (wall ms to /readyz, CPU ms, RSS MiB at ready):`)
for (const [name, samples] of Object.entries(rows)) {
  const ms = median(samples, 'ms')
  console.log(
    `  ${name.padEnd(32)} ${ms.toFixed(0).padStart(6)} ms  ${median(samples, 'cpuMs').toFixed(0).padStart(6)} CPU ms  ${median(samples, 'rssMiB').toFixed(0).padStart(4)} MiB  ${(ms / baseline).toFixed(2)}× baseline`,
  )
}
console.log('Targets: reopen ≤ 2000 ms and ≤ 400 MiB, first start ≤ 5000 ms (on an idle machine).')

const phases = spawnSync(node, [...flags, join(root, 'bench/startup.phases.ts'), join(work, 'bundle-0')], {
  cwd: root,
})
console.log('\nWhere a reopen from the sources spends its time:')
for (const [phase, p] of Object.entries(
  JSON.parse(phases.stdout.toString().trim().split('\n').pop() ?? '{}') as Record<string, Sample>,
))
  console.log(
    `  ${phase.padEnd(46)} ${String(p.ms).padStart(6)} ms  ${String(p.cpuMs).padStart(6)} CPU ms  ${String(p.rssMiB).padStart(4)} MiB`,
  )
rmSync(work, { recursive: true, force: true })
