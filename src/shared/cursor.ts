import { z } from 'zod'
import { ValidationError } from './errors.ts'
import { DateOnly, Timestamp } from './schemas.ts'

/**
 * Keyset cursors: the sort key of the last row, opaque to callers. Pages stay stable under
 * inserts because a cursor names a position in the order, not an offset.
 */
export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url')
}

// Each part is checked before it reaches SQL, so a forged cursor is a 400, never a database error.
const PART_CHECKS = {
  /** A timestamptz as PostgreSQL prints it as text, e.g. `2026-11-22 00:06:30.317+00`. */
  timestamp: (s: string) => Timestamp.safeParse(s.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).success,
  date: (s: string) => DateOnly.safeParse(s).success,
  uuid: (s: string) => z.uuid().safeParse(s).success,
  serial: (s: string) => /^\d{1,15}$/.test(s),
}
export type CursorPart = keyof typeof PART_CHECKS

export function decodeCursor(cursor: string, shape: readonly CursorPart[]): string[] {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (
      Array.isArray(parts) &&
      parts.length === shape.length &&
      parts.every((p, i) => typeof p === 'string' && PART_CHECKS[shape[i]!](p))
    )
      return parts
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError('cursor is not one Debrief returned', [
    { pointer: '/cursor', detail: 'invalid cursor' },
  ])
}
