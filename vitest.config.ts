import { defineConfig } from 'vitest/config'

// The workspace package @debrief-aar/lint is tested from its TypeScript sources (its exports'
// `debrief-source` condition), never from a possibly stale dist/.
const resolve = { conditions: ['debrief-source', 'module', 'node', 'development|production'] }

export default defineConfig({
  resolve,
  ssr: { resolve: { conditions: resolve.conditions, externalConditions: ['debrief-source'] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // Fault scenarios on a private PostgreSQL cluster each file starts itself; short here,
          // RELIABILITY_FULL=1 (npm run test:reliability, in .ci/run) runs them longer.
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
