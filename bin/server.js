#!/usr/bin/env node
// `npm start`: checks the Node version before importing anything (an older Node would only say
// ERR_UNKNOWN_FILE_EXTENSION), then runs the built bundle (`npm run build`) when it is up to date,
// else the TypeScript sources through Node's type stripping.
import { existsSync, readdirSync, statSync } from 'node:fs'

const [major, minor] = process.versions.node.split('.').map(Number)
const refuse = (needed, how) => {
  console.error(`Debrief needs Node.js ${needed} or newer; this is ${process.version}.\n${how}`)
  process.exit(1)
}
// 22.19: undici 8 (outgoing HTTP) needs it; 22.18 would be enough for type stripping alone.
if (major < 22 || (major === 22 && minor < 19)) {
  refuse(
    '22.19',
    'Install Node.js 22 LTS (https://nodejs.org), use the Docker image, or run through npm scripts\n' +
      'in a checkout with dev dependencies (the `node` devDependency is Node 22).',
  )
}

const bundle = new URL('../dist/service/server.js', import.meta.url)
const sources = new URL('../src/', import.meta.url)
const newestSource = () => {
  let newest = 0
  for (const entry of readdirSync(sources, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs)
  }
  return newest
}
// A bundle older than any source file would run yesterday's code after an edit: use the sources then.
const useBundle = existsSync(bundle) && (!existsSync(sources) || statSync(bundle).mtimeMs >= newestSource())

if (!useBundle) {
  if (existsSync(bundle))
    console.error('dist/service/ is older than src/: running the sources (`npm run build` refreshes it).')
  // Sources import the workspace package @debrief-aar/lint by name; resolve it to its TypeScript
  // sources too (what `--conditions=debrief-source` does for the npm scripts).
  const { registerHooks } = await import('node:module')
  registerHooks({
    resolve: (specifier, context, next) =>
      next(specifier, { ...context, conditions: [...context.conditions, 'debrief-source'] }),
  })
  const [printWarning] = process.listeners('warning')
  process.removeAllListeners('warning')
  process.on('warning', (w) => {
    if (w.name === 'ExperimentalWarning' && /type stripping/i.test(w.message)) return
    printWarning?.(w)
  })
}
await import(useBundle ? bundle.href : new URL('server.ts', sources).href)
