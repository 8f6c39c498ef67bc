import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { renderOpenApi } from '../../../scripts/openapi-document.ts'

describe('openapi/openapi.json', () => {
  it('is what the code generates (run `npm run openapi:generate` when this fails)', async () => {
    const committed = readFileSync(new URL('../../../openapi/openapi.json', import.meta.url), 'utf8')
    expect(committed).toBe(await renderOpenApi())
  })

  it('has a unique operationId and documented problem responses on every operation', async () => {
    const doc = JSON.parse(await renderOpenApi())
    const ids: string[] = []
    for (const [path, ops] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z]+$/)
        ids.push(op.operationId)
        if (path.startsWith('/v1/')) expect(op.responses['401'], `${method} ${path}`).toBeDefined()
      }
    }
    expect(new Set(ids).size).toBe(ids.length)
    expect(doc.openapi).toBe('3.1.0')
  })
})
