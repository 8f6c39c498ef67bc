#!/usr/bin/env node
// Runs the compiled CLI when `npm run build` has produced dist/, else the TypeScript source through
// Node's type stripping (Node >= 22.18), hiding only the type-stripping ExperimentalWarning.
import { existsSync } from 'node:fs'

const dist = new URL('../dist/cli.js', import.meta.url)
const useDist = existsSync(dist)
if (!useDist) {
  const [printWarning] = process.listeners('warning')
  process.removeAllListeners('warning')
  process.on('warning', (w) => {
    if (w.name === 'ExperimentalWarning' && /type stripping/i.test(w.message)) return
    printWarning?.(w)
  })
}
const { main } = await import(useDist ? dist.href : new URL('../src/cli.ts', import.meta.url).href)
process.exitCode = await main(process.argv.slice(2))
