import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { assembleImage, type ImageLayout } from '../../scripts/docker-layout.ts'
import { startService } from '../../scripts/service-process.ts'

// The image's folder, built the way the Dockerfile builds it (COPY set + `npm ci --omit=dev`),
// started with the image's ENV and CMD: no dev dependency, no file outside the COPY set.
describe('Docker image layout (no engine: Dockerfile reproduced in a temporary folder)', () => {
  const work = mkdtempSync(join(tmpdir(), 'debrief-image-'))
  let image: ImageLayout

  beforeAll(() => {
    image = assembleImage(work)
  }, 300_000)
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it('holds production dependencies only, the bundle and the files read at runtime', () => {
    const app = image.appDir
    for (const path of [
      'dist/service/server.js',
      'templates/partials',
      'drizzle/meta/_journal.json',
      'bin/server.js',
    ])
      expect(existsSync(join(app, path)), path).toBe(true)
    for (const path of ['src', 'test', 'node_modules/vitest', 'node_modules/typescript', 'node_modules/node'])
      expect(existsSync(join(app, path)), path).toBe(false)
    expect(image.skipped).toEqual(['mkdir -p /data && chown node:node /data'])
  })

  it('starts from its CMD on the embedded database and passes its HEALTHCHECK, also when reopened', async () => {
    const dataDir = join(work, 'data')
    for (const round of ['first start', 'reopen']) {
      const service = await startService({
        cwd: image.appDir,
        command: image.cmd,
        // The image's default is the embedded database: CI's own DATABASE_URL must not leak into it.
        env: {
          ...image.env,
          DEBRIEF_DATA_DIR: dataDir,
          DEBRIEF_ADMIN_TOKEN: undefined,
          DATABASE_URL: undefined,
        },
      })
      try {
        const port = new URL(service.url).port
        const [file, ...args] = image.healthcheck
        const check = spawnSync(file as string, args, {
          env: { ...process.env, PORT: port },
          timeout: 10_000,
        })
        expect(check.status, `${round}: healthcheck`).toBe(0)
        if (round === 'first start') expect(service.output()).toMatch(/admin token[\s\S]*dba_/)
      } finally {
        await service.stop()
      }
    }
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(true)
  }, 180_000)

  it('tells an older Node what it needs instead of ERR_UNKNOWN_FILE_EXTENSION', () => {
    const system = spawnSync('bash', ['-c', 'type -ap node'], { encoding: 'utf8' }).stdout.split('\n')
    const old = system.find((node) => {
      if (!node) return false
      const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()
      return /^v(1\d|20|21)\./.test(version)
    })
    // Without an older Node on this machine, fake one: the launcher reads process.versions first.
    const run = old
      ? spawnSync(old, ['bin/server.js'], { cwd: image.appDir, encoding: 'utf8' })
      : spawnSync(
          process.execPath,
          [
            '--import',
            'data:text/javascript,Object.defineProperty(process.versions,"node",{value:"20.19.0"})',
            'bin/server.js',
          ],
          { cwd: image.appDir, encoding: 'utf8' },
        )
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/Debrief needs Node\.js 22\.19 or newer; this is v/)
    expect(run.stderr).not.toMatch(/ERR_/)
  })
})

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8'))
  const service = compose.services.debrief

  it('refuses to start without an admin token and a secret key, and has no default for either', () => {
    for (const name of ['DEBRIEF_ADMIN_TOKEN', 'DEBRIEF_SECRET_KEY'])
      expect(service.environment[name]).toMatch(new RegExp(`^\\$\\{${name}:\\?.+\\}$`))
  })

  it('keeps the data directory in a named volume', () => {
    const dataDir = /DEBRIEF_DATA_DIR=(\S+)/.exec(
      readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8'),
    )?.[1]
    const mount = (service.volumes as string[]).find((v) => v.endsWith(`:${dataDir}`))
    expect(mount).toBeDefined()
    expect(Object.keys(compose.volumes)).toContain(mount?.split(':')[0])
  })
})
