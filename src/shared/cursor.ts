import { ValidationError } from '../http/problems.ts'

/**
 * Keyset cursors: the sort key of the last row, opaque to callers. Pages stay stable under
 * inserts because a cursor names a position in the order, not an offset.
 */
export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url')
}

export function decodeCursor(cursor: string, arity: number): string[] {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(parts) && parts.length === arity && parts.every((p) => typeof p === 'string'))
      return parts
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError('cursor is not one Debrief returned', [
    { pointer: '/cursor', detail: 'invalid cursor' },
  ])
}
