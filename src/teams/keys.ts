import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

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
