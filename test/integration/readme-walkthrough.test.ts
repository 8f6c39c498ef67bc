import { execFileSync, spawn } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ServiceProcess, startService } from '../../scripts/service-process.ts'

const root = new URL('../..', import.meta.url).pathname
const readme = readFileSync(join(root, 'README.md'), 'utf8')

/** The ```sh blocks of the "Walk-through" section (up to the next level-2 heading), in order. */
function walkthrough(): string {
  const start = readme.indexOf('\n## Walk-through')
  const end = readme.indexOf('\n## ', start + 1)
  const section = readme.slice(start, end === -1 ? undefined : end)
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n')
}

// The README's shell blocks run verbatim (bash, curl, jq) against a freshly started server on the
// embedded database, with the admin token it prints on first start. curl is wrapped only to log the
// status of every call; any 4xx/5xx fails the test.
describe('README walk-through', () => {
  const work = mkdtempSync(join(tmpdir(), 'debrief-readme-'))
  let service: ServiceProcess

  beforeAll(async () => {
    service = await startService({
      cwd: root,
      command: [process.execPath, 'bin/server.js'],
      env: { DEBRIEF_DATA_DIR: join(work, 'data'), DEBRIEF_ADMIN_TOKEN: undefined, DATABASE_URL: undefined },
    })
  }, 120_000)
  afterAll(async () => {
    await service?.stop()
    rmSync(work, { recursive: true, force: true })
  })

  it('has shell blocks to run', () => {
    expect(walkthrough()).toMatch(/curl/)
  })

  it('runs verbatim without a 4xx or 5xx', async () => {
    const admin = /admin token[^\n]*\n\s*(dba_\S+)/.exec(service.output())?.[1]
    expect(admin, service.output()).toBeDefined()
    const realCurl = execFileSync('bash', ['-c', 'command -v curl'], { encoding: 'utf8' }).trim()
    execFileSync('bash', ['-c', 'command -v jq'], { encoding: 'utf8' }) // throws when jq is missing
    const bin = join(work, 'bin')
    const log = join(work, 'calls.log')
    execFileSync('mkdir', ['-p', bin])
    writeFileSync(
      join(bin, 'curl'),
      `#!/usr/bin/env bash\nexec ${realCurl} -w '%{stderr}%{http_code} %{method} %{url_effective}\\n' "$@" 2>>${log}\n`,
    )
    chmodSync(join(bin, 'curl'), 0o755)
    writeFileSync(join(work, 'walkthrough.sh'), walkthrough())

    const run = spawn('bash', ['-e', '-o', 'pipefail', join(work, 'walkthrough.sh')], {
      cwd: work,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, B: service.url, ADMIN: admin },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    run.stdout.on('data', (c) => (output += c))
    run.stderr.on('data', (c) => (output += c))
    const code = await new Promise<number | null>((resolve) => run.on('exit', resolve))

    const calls = readFileSync(log, 'utf8').trim().split('\n')
    const failed = calls.filter((line) => /^[45]\d\d /.test(line))
    expect(failed, `${calls.join('\n')}\n--- output:\n${output}`).toEqual([])
    expect(code, output).toBe(0)
    expect(calls.length).toBeGreaterThan(15)
  }, 120_000)
})
