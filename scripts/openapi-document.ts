import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { openDatabase } from '../src/db/client.ts'

/**
 * The OpenAPI document exactly as `/openapi.json` serves it, as stable pretty-printed JSON. The app
 * is built on an empty in-memory PGlite: building only registers routes and prepares statements, so
 * no migration or data is needed, and nothing has to pretend to be a database.
 */
export async function renderOpenApi(): Promise<string> {
  const database = await openDatabase({ dataDir: undefined })
  try {
    const app = await buildApp({
      config: loadConfig({
        DEBRIEF_ADMIN_TOKEN: 'openapi-generator-only-token',
        DEBRIEF_SECRET_KEY: '0'.repeat(64),
        LOG_LEVEL: 'silent',
      }),
      database,
      // Unmigrated, so there is no key check to run: the document does not depend on the key.
      secretKey: Buffer.alloc(32),
    })
    await app.ready()
    const text = `${JSON.stringify(app.swagger(), null, 2)}\n`
    await app.close()
    return text
  } finally {
    await database.close()
  }
}
