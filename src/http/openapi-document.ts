import { buildApp } from '../app.ts'
import type { Database } from '../db/client.ts'

/** A database that refuses every use: generating the document only registers routes. */
const noDatabase: Database = new Proxy({} as Database, {
  get(_target, prop) {
    if (prop === 'kind') return 'postgres'
    if (prop === 'db') return new Proxy({}, { get: () => () => Promise.reject(new Error('no database')) })
    return () => Promise.reject(new Error('no database'))
  },
})

/** The OpenAPI document exactly as `/openapi.json` serves it, as stable pretty-printed JSON. */
export async function renderOpenApi(): Promise<string> {
  const app = await buildApp({
    config: { adminToken: 'x'.repeat(16), bodyLimit: 1024 * 1024, logLevel: 'silent' },
    database: noDatabase,
  })
  await app.ready()
  const text = `${JSON.stringify(app.swagger(), null, 2)}\n`
  await app.close()
  return text
}
