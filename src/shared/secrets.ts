import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Credentials encrypted at rest (integration tokens, webhook signing secrets) with AES-256-GCM.
 * Format: `v1:<iv base64url>:<tag base64url>:<ciphertext base64url>`. The version prefix lets a
 * future key rotation or algorithm change read old rows; GCM's tag makes any tampering fail loudly.
 */

const VERSION = 'v1'
const IV_BYTES = 12 // the GCM-recommended nonce size; random per message
const KEY_FILE = 'secret.key'

export class SecretKeyError extends Error {
  override name = 'SecretKeyError'
}

export class DecryptionError extends Error {
  override name = 'DecryptionError'
}

/** Parses a 32-byte key given as 64 hex characters or base64 / base64url; throws SecretKeyError otherwise. */
export function parseSecretKey(text: string): Buffer {
  const value = text.trim()
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64')
  // Buffer.from(…, 'base64') silently skips invalid characters, so the length check is the validation.
  if (key.length !== 32 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    throw new SecretKeyError('DEBRIEF_SECRET_KEY must be 32 bytes, as 64 hex characters or base64')
  }
  return key
}

/**
 * The key for encrypting credentials: DEBRIEF_SECRET_KEY when given, otherwise the key kept in
 * `<dataDir>/secret.key` (created once, mode 0600), so the embedded default works out of the box
 * and keeps decrypting what it stored across restarts. Production should set DEBRIEF_SECRET_KEY:
 * several instances must share one key.
 */
export function loadSecretKey(options: { secretKey?: string | undefined; dataDir: string }): Buffer {
  if (options.secretKey) return parseSecretKey(options.secretKey)
  const path = keyFilePath(options.dataDir)
  mkdirSync(options.dataDir, { recursive: true })
  try {
    // 'wx' fails if the file exists: two processes starting at once cannot overwrite each other's key.
    writeFileSync(path, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  chmodSync(path, 0o600)
  return parseSecretKey(readFileSync(path, 'utf8'))
}

export const keyFilePath = (dataDir: string) => join(dataDir, KEY_FILE)

/** Encrypts any JSON value with a fresh random IV. */
export function encryptJson(key: Buffer, value: unknown): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(VERSION))
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()])
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url'))
  return [VERSION, ...parts].join(':')
}

/** Decrypts what encryptJson produced; throws DecryptionError on a wrong key, tampering or a bad format. */
export function decryptJson<T = unknown>(key: Buffer, text: string): T {
  const [version, iv, tag, ciphertext, ...rest] = text.split(':')
  if (
    version !== VERSION ||
    iv === undefined ||
    tag === undefined ||
    ciphertext === undefined ||
    rest.length
  ) {
    throw new DecryptionError('not an encrypted value in a known format')
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: 16 })
    decipher.setAAD(Buffer.from(VERSION))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()])
    return JSON.parse(plain.toString('utf8')) as T
  } catch (cause) {
    throw new DecryptionError('cannot decrypt: wrong key or the value was altered', { cause })
  }
}

/** The last 4 characters of a secret, the most the API ever shows of one; less for short secrets. */
export function hint(secret: string): string {
  const chars = [...secret]
  // A secret of 8 characters or fewer would be half revealed by 4 of them.
  return chars.length > 8 ? chars.slice(-4).join('') : ''
}

/** How long a rotated-out secret stays valid, so the peer on the other side can switch without a gap. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60_000

/** The columns of a row whose secret can be rotated (webhook endpoints, incident sources). */
export type RotatingSecret = {
  secretEncrypted: string
  previousSecretEncrypted: string | null
  previousSecretExpiresAt: Date | null
}

/** The columns after rotating to `next`: the current secret becomes the previous one for the overlap. */
export function rotateSecret(key: Buffer, current: RotatingSecret, next: string, now: Date): RotatingSecret {
  return {
    secretEncrypted: encryptJson(key, next),
    previousSecretEncrypted: current.secretEncrypted,
    previousSecretExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS),
  }
}

/** The secrets valid at `now`: the current one, plus the previous while its overlap lasts. */
export function liveSecrets(key: Buffer, row: RotatingSecret, now: Date): string[] {
  const secrets = [decryptJson<string>(key, row.secretEncrypted)]
  if (row.previousSecretEncrypted && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now) {
    secrets.push(decryptJson<string>(key, row.previousSecretEncrypted))
  }
  return secrets
}
