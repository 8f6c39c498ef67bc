// Reproduces the Dockerfile's file layout without a Docker engine: each stage gets a folder, COPY
// copies from the build context (minus .dockerignore) or from an earlier stage, `npm` RUN steps
// run there, so the final folder holds exactly what the image would. Other RUN steps (ownership of
// /data) need root inside the image and are reported as skipped. The build stage's full `npm ci`
// is replaced by this checkout's node_modules (installed from the same lockfile), which keeps
// the reproduction to the one install that matters: the image's `npm ci --omit=dev`.
//
//   node scripts/docker-layout.ts <empty folder>   prints the final stage's folder, ENV and CMD
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs'
import { join, matchesGlob, relative, resolve } from 'node:path'

export type ImageLayout = {
  /** The final stage's WORKDIR, as a folder on this machine. */
  appDir: string
  env: Record<string, string>
  cmd: string[]
  healthcheck: string[]
  skipped: string[]
}

const root = resolve(import.meta.dirname, '..')

/** Joins continuation lines and drops comments. */
function instructions(dockerfile: string): { op: string; args: string }[] {
  return dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [op = '', ...rest] = line.split(/\s+/)
      return { op: op.toUpperCase(), args: rest.join(' ') }
    })
}

function parseEnv(args: string): Record<string, string> {
  return Object.fromEntries(
    [...args.matchAll(/(\w+)=("[^"]*"|\S+)/g)].map((m) => [m[1], m[2]?.replace(/^"|"$/g, '')]),
  )
}

export function assembleImage(into: string, dockerfile = join(root, 'Dockerfile')): ImageLayout {
  const ignored = readFileSync(join(root, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
  const keep = (path: string) => {
    const rel = relative(root, path)
    return !ignored.some((pattern) => matchesGlob(rel, pattern) || matchesGlob(rel, `${pattern}/**`))
  }
  const stages = new Map<string, string>()
  let stageDir = ''
  let workdir = '/'
  let env: Record<string, string> = {}
  let cmd: string[] = []
  let healthcheck: string[] = []
  const skipped: string[] = []
  const here = (path: string) => join(stageDir, path.startsWith('/') ? path : join(workdir, path))

  for (const { op, args } of instructions(readFileSync(dockerfile, 'utf8'))) {
    if (op === 'FROM') {
      const name = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? `stage${stages.size}`
      stageDir = join(into, name)
      mkdirSync(stageDir, { recursive: true })
      stages.set(name, stageDir)
      workdir = '/'
      env = {}
    } else if (op === 'WORKDIR') {
      workdir = args
      mkdirSync(here('.'), { recursive: true })
    } else if (op === 'ENV') {
      Object.assign(env, parseEnv(args))
    } else if (op === 'COPY') {
      const words = args.split(/\s+/)
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length)
      const paths = words.filter((w) => !w.startsWith('--'))
      const dest = paths.pop() as string
      const source = from ? (stages.get(from) ?? '') : root
      for (const path of paths) {
        const src = from ? join(source, path) : join(root, path)
        const target =
          paths.length > 1 || dest.endsWith('/')
            ? join(here(dest), path.split('/').pop() as string)
            : here(dest)
        cpSync(src, target, { recursive: true, filter: from ? () => true : keep })
      }
    } else if (op === 'RUN') {
      const cwd = here('.')
      const isFullInstall = /^npm ci\b/.test(args) && !args.includes('--omit=dev')
      if (isFullInstall && !existsSync(join(cwd, 'node_modules'))) {
        symlinkSync(join(root, 'node_modules'), join(cwd, 'node_modules'), 'dir')
      } else if (/^npm\s/.test(args)) {
        execFileSync('bash', ['-c', args], {
          cwd,
          stdio: ['ignore', 'pipe', 'inherit'],
          env: { ...process.env, ...env, npm_config_prefer_offline: 'true' },
        })
      } else {
        skipped.push(args)
      }
    } else if (op === 'CMD') {
      cmd = JSON.parse(args)
    } else if (op === 'HEALTHCHECK') {
      healthcheck = JSON.parse(args.slice(args.indexOf('CMD') + 3).trim())
    }
  }
  return { appDir: here('.'), env, cmd, healthcheck, skipped }
}

if (process.argv[1] === import.meta.filename) {
  const into = process.argv[2]
  if (!into) {
    console.error('usage: node scripts/docker-layout.ts <empty folder>')
    process.exit(2)
  }
  console.log(JSON.stringify(assembleImage(resolve(into)), null, 2))
}
