// Bundles the service into dist/service/server.js: one file instead of ~600 modules, so a start
// spends no time on type stripping and on Node's package.json lookups (drizzle-orm's 180 KB
// package.json was parsed again for every one of its files). Packages that read files beside
// their own code at runtime stay external and load from node_modules.
//
// The bundle sits two folders deep, like the sources that locate templates/ and drizzle/ with
// `new URL('../../…', import.meta.url)`, so those paths resolve the same from src/ and dist/service/.
import { writeFileSync } from 'node:fs'
import { build } from 'esbuild'
import { openDatabase } from '../src/db/client.ts'
import { startDeliveryQueue } from '../src/deliveries/delivery-queue.ts'

const external = [
  '@electric-sql/pglite', // loads its .wasm and .data files relative to itself
  '@fastify/swagger-ui', // serves its static assets from its own folder
]

await build({
  entryPoints: ['src/server.ts'],
  outfile: 'dist/service/server.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  external,
  // The workspace package @debrief-aar/lint is bundled from its TypeScript sources.
  conditions: ['debrief-source'],
  legalComments: 'linked',
  // CommonJS dependencies inside an ES module bundle still call require().
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
})

// A first start on the embedded database spends most of its time in PGlite's initdb, then in
// migrations and pg-boss's schema. The bundle carries a data directory that already went through
// all three (no team, no token, no key: those are made at first start); a new data directory
// starts from it, and pending migrations still run on top.
const database = await openDatabase({ dataDir: undefined })
await database.migrate()
await (await startDeliveryQueue(database)).stop()
if (database.raw.kind !== 'pglite') throw new Error('expected PGlite')
const seed = await database.raw.client.dumpDataDir('gzip')
writeFileSync('dist/service/pglite-seed.tar.gz', Buffer.from(await seed.arrayBuffer()))
await database.close()
