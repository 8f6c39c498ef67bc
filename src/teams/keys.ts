import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export const SCOPES = ['read', 'write', 'admin'] as const
export type Scope = (typeof SCOPES)[number]

/** 256 random bits, prefixed so leaked keys are recognisable by secret scanners. */
export function generateKey(prefix: 'dbk' | 'dba'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex')
}

export function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest()
  const hb = createHash('sha256').update(b).digest()
  return timingSafeEqual(ha, hb)
}

/** `write` implies `read`, `admin` implies both: a key with more power never gets a 403 for less. */
export function scopeAllows(granted: readonly string[], required: Scope): boolean {
  const rank = { read: 0, write: 1, admin: 2 } as const
  return granted.some((s) => s in rank && rank[s as Scope] >= rank[required])
}
