// `npm run openapi:generate` writes openapi/openapi.json; `npm run openapi:check` fails when it is stale.
import { readFileSync, writeFileSync } from 'node:fs'
import { renderOpenApi } from './openapi-document.ts'

const file = new URL('../openapi/openapi.json', import.meta.url)
const fresh = await renderOpenApi()
if (process.argv.includes('--check')) {
  let committed = ''
  try {
    committed = readFileSync(file, 'utf8')
  } catch {}
  if (committed !== fresh) {
    console.error('openapi/openapi.json is stale: run `npm run openapi:generate` and commit the result')
    process.exit(1)
  }
  console.log('openapi/openapi.json is up to date')
} else {
  writeFileSync(file, fresh)
  console.log('wrote openapi/openapi.json')
}
