import type { FastifyInstance } from 'fastify'
import { type FieldError, ValidationError } from '../shared/errors.ts'

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1')

// `__proto__` (and `constructor.prototype`) are how a JSON body pollutes prototypes once some code
// merges it into another object. They are refused by name rather than stripped: a silently changed
// body is worse than a 400 that says which field to remove, and no Debrief field has those names.
type BodyError = FieldError & { in: 'body' }

function poisonedKeys(value: unknown, pointer: string, out: BodyError[]) {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      poisonedKeys(v, `${pointer}/${i}`, out)
    })
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const at = `${pointer}/${escapePointer(key)}`
      if (key === '__proto__')
        out.push({ in: 'body', pointer: at, detail: 'the field name __proto__ is not allowed' })
      else if (key === 'constructor' && v !== null && typeof v === 'object' && Object.hasOwn(v, 'prototype'))
        out.push({
          in: 'body',
          pointer: `${at}/prototype`,
          detail: 'the field name constructor.prototype is not allowed',
        })
      else poisonedKeys(v, at, out)
    }
  }
}

/**
 * The JSON body parser: an empty body is no body (many clients send `content-type: application/json`
 * on a body-less POST such as submit), syntax errors and forbidden field names are 400s that say where.
 */
export function registerJsonBody(app: FastifyInstance) {
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string
    if (text.trim() === '') return done(null, undefined)
    let parsed: unknown
    try {
      // JSON.parse makes `__proto__` an own property, never the prototype, so the scan below is safe.
      parsed = JSON.parse(text)
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'unreadable'
      return done(
        new ValidationError(`The body is not valid JSON: ${reason}`, [
          { in: 'body', pointer: '', detail: 'not valid JSON' } as BodyError,
        ]),
        undefined,
      )
    }
    const errors: BodyError[] = []
    poisonedKeys(parsed, '', errors)
    if (errors.length > 0) {
      return done(
        new ValidationError(errors.map((e) => `body ${e.pointer}: ${e.detail}`).join('; '), errors),
        undefined,
      )
    }
    done(null, parsed)
  })
}
