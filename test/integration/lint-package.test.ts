import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const pkgDir = new URL('../../packages/lint/', import.meta.url).pathname

/** The oldest Node on PATH that the package promises to support (20+), else this one. */
function oldestNode(): string {
  const candidates = execFileSync('bash', ['-c', 'type -ap node || true'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
  const major = (bin: string) =>
    Number(/^v(\d+)/.exec(execFileSync(bin, ['--version'], { encoding: 'utf8' }))?.[1])
  return (
    candidates.filter((bin) => major(bin) >= 20).sort((a, b) => major(a) - major(b))[0] ?? process.execPath
  )
}

function du(dir: string): number {
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size
  return total
}

// The linter as a consumer gets it: packed, installed from the tarball into an empty project,
// used as a library and as `npx debrief lint` on the oldest supported Node available here.
describe('@debrief-aar/lint package', () => {
  const work = mkdtempSync(join(tmpdir(), 'debrief-lint-pkg-'))
  const consumer = join(work, 'consumer')
  const node = oldestNode()
  const nodeDir = node.slice(0, node.lastIndexOf('/'))
  const env = { ...process.env, PATH: `${nodeDir}:${process.env.PATH}` }
  let packed: { filename: string; entryCount: number; files: { path: string }[] }

  beforeAll(() => {
    execFileSync('npm', ['run', 'build'], { cwd: pkgDir, stdio: 'ignore' })
    packed = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: pkgDir, encoding: 'utf8' }),
    )[0]
    execFileSync('mkdir', ['-p', consumer])
    writeFileSync(
      join(consumer, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    )
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(work, packed.filename)], {
      cwd: consumer,
      env,
      stdio: 'ignore',
    })
  }, 180_000)
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it('ships the built JavaScript, its types and the bin, nothing else', () => {
    const paths = packed.files.map((f) => f.path)
    expect(paths).toContain('dist/index.js')
    expect(paths).toContain('dist/index.d.ts')
    expect(paths).toContain('bin/debrief.js')
    expect(paths.filter((p) => !/^(dist\/|bin\/|package\.json$|README\.md$|LICENSE$)/.test(p))).toEqual([])
    expect(paths.some((p) => p.endsWith('.ts') && !p.endsWith('.d.ts'))).toBe(false)
  })

  it('installs alone: no dependency comes with it', () => {
    const installed = readdirSync(join(consumer, 'node_modules'), {
      recursive: true,
      withFileTypes: true,
    }).filter((e) => e.name === 'package.json' && !e.parentPath.includes('/dist'))
    expect(installed.map((e) => e.parentPath.slice(consumer.length))).toEqual([
      '/node_modules/@debrief-aar/lint',
    ])
    console.log(
      `@debrief-aar/lint: ${packed.entryCount} files, installed ${(du(join(consumer, 'node_modules')) / 1024).toFixed(0)} KiB (Node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()})`,
    )
  })

  it('lints as a library', () => {
    const script = `import { lint, rules, RULES_VERSION } from '@debrief-aar/lint'
      const { findings } = lint('It was human error: the on-call ignored the alert.', { question: 'causes' })
      console.log(JSON.stringify({ ids: findings.map((f) => f.ruleId), rules: rules.length, version: RULES_VERSION }))`
    const out = JSON.parse(
      execFileSync(node, ['--input-type=module', '-e', script], { cwd: consumer, env, encoding: 'utf8' }),
    )
    expect(out.ids).toContain('human-error')
    expect(out.rules).toBeGreaterThan(5)
    expect(out.version).toMatch(/\d/)
  })

  it('runs `npx debrief lint --format sarif` and exits 1 on an error finding', () => {
    writeFileSync(
      join(consumer, 'postmortem.md'),
      '# Outage\n\nIt was human error: the on-call ignored the alert.\n',
    )
    writeFileSync(
      join(consumer, 'clean.md'),
      '# Outage\n\nThe alert went to a muted channel, so nobody saw it.\n',
    )
    const run = spawnSync('npx', ['--no-install', 'debrief', 'lint', 'postmortem.md', '--format', 'sarif'], {
      cwd: consumer,
      env,
      encoding: 'utf8',
    })
    expect(run.status, run.stderr).toBe(1)
    const sarif = JSON.parse(run.stdout)
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain('human-error')
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('postmortem.md')
    const clean = spawnSync('npx', ['--no-install', 'debrief', 'lint', 'clean.md'], {
      cwd: consumer,
      env,
      encoding: 'utf8',
    })
    expect(clean.status, clean.stdout + clean.stderr).toBe(0)
  })
})
