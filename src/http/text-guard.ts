import type { FastifyInstance } from 'fastify'
import { type FieldError, ValidationError } from '../shared/errors.ts'

// PostgreSQL cannot store NUL characters, jsonb refuses unpaired UTF-16 surrogates and text columns
// silently replace them. Both are refused up front with a pointer, never a 500 or a changed value.
const UNPAIRED_SURROGATE = /\p{Surrogate}/u
const DETAIL = 'text must not contain NUL characters or unpaired surrogates'

/**
 * No Debrief document nests deeper than a handful of levels; 64 leaves room for any honest client.
 * JSON.parse accepts any depth, but recursive code after it (validators, JSON.stringify, this walk
 * once was) overflows the stack somewhere past a few thousand levels, so deeper bodies stop here.
 */
export const MAX_JSON_DEPTH = 64
const MAX_ERRORS = 100

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1')

type Found = FieldError & { in: string }

/** An iterative walk (an explicit stack, so no input can exhaust the call stack). */
function unstorable(root: unknown, where: string, out: Found[]) {
  const stack: { value: unknown; pointer: string; depth: number }[] = [{ value: root, pointer: '', depth: 0 }]
  while (stack.length > 0 && out.length < MAX_ERRORS) {
    const { value, pointer, depth } = stack.pop()!
    if (typeof value === 'string') {
      if (value.includes('\0') || UNPAIRED_SURROGATE.test(value))
        out.push({ in: where, pointer, detail: DETAIL })
      continue
    }
    if (value === null || typeof value !== 'object') continue
    if (depth >= MAX_JSON_DEPTH) {
      out.push({ in: where, pointer, detail: `nested deeper than ${MAX_JSON_DEPTH} levels` })
      return
    }
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value).map(([k, v]) => [escapePointer(k), v] as const)
    // Pushed in reverse so errors come out in document order.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!
      stack.push({ value: child, pointer: `${pointer}/${key}`, depth: depth + 1 })
    }
  }
}

/** Refuses request bodies and query strings holding text PostgreSQL cannot store as sent, or nested too deep. */
export function registerTextGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const errors: Found[] = []
    unstorable(request.query, 'query', errors)
    unstorable(request.body, 'body', errors)
    if (errors.length > 0) {
      throw new ValidationError(
        errors.map((e) => `${e.in} ${e.pointer || '(root)'}: ${e.detail}`).join('; '),
        errors,
      )
    }
  })
}
