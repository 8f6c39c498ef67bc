import { buildApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import type { Database } from '../db/client.ts'

/**
 * A stand-in database for generating the document: building the app only registers routes and
 * prepares query builders, so every property and call just yields the stand-in again.
 */
const inert: unknown = new Proxy(() => {}, {
  get: (_target, prop) => (prop === 'then' ? undefined : prop === 'kind' ? 'postgres' : inert),
  apply: () => inert,
})
const noDatabase = inert as Database

/** The OpenAPI document exactly as `/openapi.json` serves it, as stable pretty-printed JSON. */
export async function renderOpenApi(): Promise<string> {
  const app = await buildApp({
    config: loadConfig({
      DEBRIEF_ADMIN_TOKEN: 'x'.repeat(16),
      DEBRIEF_SECRET_KEY: '0'.repeat(64),
      LOG_LEVEL: 'silent',
    }),
    database: noDatabase,
    secretKey: Buffer.alloc(32),
  })
  await app.ready()
  const text = `${JSON.stringify(app.swagger(), null, 2)}\n`
  await app.close()
  return text
}
