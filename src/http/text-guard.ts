import type { FastifyInstance } from 'fastify'
import { type FieldError, ValidationError } from '../shared/errors.ts'

// PostgreSQL cannot store NUL characters, jsonb refuses unpaired UTF-16 surrogates and text columns
// silently replace them. Both are refused up front with a pointer, never a 500 or a changed value.
const UNPAIRED_SURROGATE = /\p{Surrogate}/u
const DETAIL = 'text must not contain NUL characters or unpaired surrogates'

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1')

function unstorable(value: unknown, pointer: string, where: string, out: (FieldError & { in: string })[]) {
  if (typeof value === 'string') {
    if (value.includes('\0') || UNPAIRED_SURROGATE.test(value))
      out.push({ in: where, pointer, detail: DETAIL })
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      unstorable(v, `${pointer}/${i}`, where, out)
    })
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) unstorable(v, `${pointer}/${escapePointer(k)}`, where, out)
  }
}

/** Refuses request bodies and query strings holding text that PostgreSQL cannot store as sent. */
export function registerTextGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const errors: (FieldError & { in: string })[] = []
    unstorable(request.query, '', 'query', errors)
    unstorable(request.body, '', 'body', errors)
    if (errors.length > 0) {
      throw new ValidationError(
        errors.map((e) => `${e.in} ${e.pointer || '(root)'}: ${e.detail}`).join('; '),
        errors,
      )
    }
  })
}
