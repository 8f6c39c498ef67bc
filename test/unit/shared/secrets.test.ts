import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  DecryptionError,
  decryptJson,
  encryptJson,
  hint,
  loadSecretKey,
  parseSecretKey,
  SecretKeyError,
} from '../../../src/shared/secrets.ts'

const key = randomBytes(32)
const credentials = { email: 'ops@example.com', apiToken: 'ATATT3xFfGF0-tøken✓' }

describe('encryptJson / decryptJson', () => {
  it('round-trips JSON values in a versioned format', () => {
    const text = encryptJson(key, credentials)
    expect(text).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/)
    expect(text).not.toContain('ATATT')
    expect(decryptJson(key, text)).toEqual(credentials)
    expect(decryptJson<string>(key, encryptJson(key, 'whsec_abc'))).toBe('whsec_abc')
  })

  it('uses a fresh IV each time', () => {
    expect(encryptJson(key, credentials)).not.toBe(encryptJson(key, credentials))
  })

  it('detects tampering with the ciphertext, the tag or the IV', () => {
    const text = encryptJson(key, credentials)
    const parts = text.split(':')
    for (const index of [1, 2, 3]) {
      const altered = [...parts]
      const bytes = Buffer.from(altered[index]!, 'base64url')
      bytes[0] = bytes[0]! ^ 1
      altered[index] = bytes.toString('base64url')
      expect(() => decryptJson(key, altered.join(':'))).toThrow(DecryptionError)
    }
  })

  it('refuses a wrong key and unknown formats', () => {
    const text = encryptJson(key, credentials)
    expect(() => decryptJson(randomBytes(32), text)).toThrow(/wrong key or the value was altered/)
    expect(() => decryptJson(key, text.replace(/^v1/, 'v2'))).toThrow(/known format/)
    expect(() => decryptJson(key, 'plaintext')).toThrow(DecryptionError)
  })
})

describe('parseSecretKey', () => {
  it('accepts 32 bytes as hex, base64 or base64url', () => {
    expect(parseSecretKey(key.toString('hex'))).toEqual(key)
    expect(parseSecretKey(key.toString('base64'))).toEqual(key)
    expect(parseSecretKey(` ${key.toString('base64url')}\n`)).toEqual(key)
  })

  it.each(['', 'short', randomBytes(16).toString('base64'), randomBytes(33).toString('hex'), '!'.repeat(44)])(
    'refuses %j',
    (value) => {
      expect(() => parseSecretKey(value)).toThrow(SecretKeyError)
    },
  )
})

describe('loadSecretKey', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'debrief-secrets-'))
    dirs.push(dir)
    return dir
  }

  it('prefers DEBRIEF_SECRET_KEY and writes no file', () => {
    const dataDir = tempDir()
    expect(loadSecretKey({ secretKey: key.toString('hex'), dataDir })).toEqual(key)
    expect(() => statSync(join(dataDir, 'secret.key'))).toThrow()
  })

  it('creates a key file once with mode 0600 and reuses it', () => {
    const dataDir = join(tempDir(), 'nested', 'data')
    const first = loadSecretKey({ dataDir })
    const file = join(dataDir, 'secret.key')
    const content = readFileSync(file, 'utf8')
    expect(first).toHaveLength(32)
    expect(statSync(file).mode & 0o777).toBe(0o600)

    const second = loadSecretKey({ secretKey: undefined, dataDir })
    expect(second).toEqual(first)
    expect(readFileSync(file, 'utf8')).toBe(content)
    expect(decryptJson(second, encryptJson(first, credentials))).toEqual(credentials)
  })
})

describe('hint', () => {
  it('shows the last 4 characters of a secret and nothing of a short one', () => {
    expect(hint('ATATT3xFfGF0abcd')).toBe('abcd')
    expect(hint('secret_tøk✓n✓')).toBe('k✓n✓')
    expect(hint('12345678')).toBe('')
  })
})
