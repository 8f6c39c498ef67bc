// Runs the real CLI (packages/lint/bin/debrief.js → its src/cli.ts, or dist/ when built) on temporary files.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const BIN = new URL('../../../packages/lint/bin/debrief.js', import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'debrief-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function write(name: string, text: string): string {
  const file = join(dir, name)
  writeFileSync(file, text)
  return name
}

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const blaming = write(
  'review.md',
  '# Causes\n\nThe root cause was human error.\n\nDana forgot to `rotate` the keys.\n',
)
const clean = write('clean.md', '# Causes\n\nThe certificate expired because renewal was manual.\n')
const mild = write('mild.txt', 'We should be more careful with releases.\n')

// Each case spawns Node (type stripping the sources): seconds on a busy machine.
describe('debrief lint (CLI)', { timeout: 30_000 }, () => {
  it('prints findings as text with file:line:column and exits 1 on errors', () => {
    const r = run('lint', blaming, '--people', 'Dana')
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('review.md:3:20')
    expect(r.stdout).toContain('[human-error]')
    expect(r.stdout).toContain('review.md:5:1')
    expect(r.stdout).toContain('[named-person-blame]')
  })

  it('exits 0 on clean files and respects --fail-on', () => {
    expect(run('lint', clean).code).toBe(0)
    expect(run('lint', mild).code).toBe(0)
    expect(run('lint', mild, '--fail-on', 'warning').code).toBe(1)
  })

  it('writes SARIF 2.1.0 with rules and relative artifact locations', () => {
    const r = run('lint', blaming, clean, '--people', 'Dana', '--format', 'sarif', '--question', 'causes')
    expect(r.code).toBe(1)
    const sarif = JSON.parse(r.stdout)
    expect(sarif.version).toBe('2.1.0')
    const [runLog] = sarif.runs
    const ruleIds = runLog.tool.driver.rules.map((x: { id: string }) => x.id)
    expect(ruleIds).toContain('human-error')
    const result = runLog.results.find((x: { ruleId: string }) => x.ruleId === 'human-error')
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'review.md' },
      region: { startLine: 3, startColumn: 20, endLine: 3, endColumn: 31, charOffset: 29, charLength: 11 },
    })
    expect(runLog.tool.driver.rules[result.ruleIndex].id).toBe('human-error')
  })

  it('writes JSON', () => {
    const r = run('lint', blaming, '--format', 'json')
    const body = JSON.parse(r.stdout)
    expect(body.files[0].path).toBe('review.md')
    expect(body.files[0].findings.length).toBeGreaterThan(0)
  })

  it('exits 2 with a clear message on usage errors and unreadable files', () => {
    const missing = run('lint', 'nope.md')
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/cannot read nope\.md: ENOENT/)
    expect(run('lint').code).toBe(2)
    expect(run('lint', clean, '--format', 'xml').stderr).toMatch(/--format must be one of text, json, sarif/)
    expect(run('frobnicate', clean).code).toBe(2)
    expect(run('lint', clean, '--bogus').code).toBe(2)
  })

  it('prints help', () => {
    const r = run('--help')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Usage: debrief lint <files…>/)
  })
})
