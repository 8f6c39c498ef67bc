import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../../src/config.ts'

describe('loadConfig', () => {
  it('runs on the embedded default with nothing set', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({ databaseUrl: undefined, host: '127.0.0.1', port: 3000, logLevel: 'info' })
    expect(c.dataDir).toMatch(/\/data$/)
    expect(Object.isFrozen(c)).toBe(true)
  })

  it('treats an empty DATABASE_URL as unset and reads the rest', () => {
    const c = loadConfig({
      DATABASE_URL: '',
      PORT: '8080',
      DEBRIEF_ADMIN_TOKEN: 'a-long-enough-token',
      LOG_LEVEL: 'warn',
    })
    expect(c).toMatchObject({
      databaseUrl: undefined,
      port: 8080,
      adminToken: 'a-long-enough-token',
      logLevel: 'warn',
    })
  })

  it('refuses a timeout ladder whose rungs are out of order', () => {
    expect(loadConfig({}).limits).toMatchObject({ statementTimeoutMs: 5000, handlerTimeoutMs: 7000 })
    expect(() => loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '6000' })).toThrow(
      /DATABASE_STATEMENT_TIMEOUT_MS \(6000\) must be less than DATABASE_QUERY_TIMEOUT_MS \(6000\)/,
    )
    expect(() => loadConfig({ HTTP_HANDLER_TIMEOUT_MS: '20000' })).toThrow(/HTTP_HANDLER_TIMEOUT_MS/)
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '20000' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS/)
  })

  it('names every bad variable at once', () => {
    const attempt = () =>
      loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'eighty', DEBRIEF_ADMIN_TOKEN: 'short' })
    expect(attempt).toThrow(ConfigError)
    expect(attempt).toThrow(/DATABASE_URL[\s\S]*PORT[\s\S]*DEBRIEF_ADMIN_TOKEN|DATABASE_URL/)
    try {
      attempt()
    } catch (e) {
      const message = (e as Error).message
      for (const name of ['DATABASE_URL', 'PORT', 'DEBRIEF_ADMIN_TOKEN']) expect(message).toContain(name)
    }
  })

  it('refuses placeholder admin tokens copied from examples', () => {
    for (const token of [
      'change-me-to-a-long-random-token',
      'CHANGEME-CHANGEME-1234',
      'replace-me-with-a-real-token',
      'your-admin-token-goes-here',
      '<a long random token here>',
      'xxxxxxxxxxxxxxxxxxxxxxxx',
      'abababababababababab',
    ]) {
      expect(() => loadConfig({ DEBRIEF_ADMIN_TOKEN: token }), token).toThrow(
        /DEBRIEF_ADMIN_TOKEN: looks like a placeholder/,
      )
    }
    const random = 'q3V9kTz2LwP8sXe1RmYb4NcA'
    expect(loadConfig({ DEBRIEF_ADMIN_TOKEN: random }).adminToken).toBe(random)
  })
})
