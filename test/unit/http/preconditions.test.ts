import type { FastifyRequest } from 'fastify'
import { describe, expect, it } from 'vitest'
import { requireIfMatch } from '../../../src/http/preconditions.ts'
import { PreconditionRequiredError, ValidationError } from '../../../src/shared/errors.ts'
import { matches } from '../../../src/shared/preconditions.ts'

const req = (ifMatch?: string) =>
  ({ headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } }) as FastifyRequest

describe('If-Match', () => {
  it('is required', () => {
    expect(() => requireIfMatch(req())).toThrow(PreconditionRequiredError)
    expect(() => requireIfMatch(req('  '))).toThrow(PreconditionRequiredError)
  })
  it('accepts a list of strong ETags and *', () => {
    const p = requireIfMatch(req('"v3", "v7"'))
    expect([matches(p, 3), matches(p, 7), matches(p, 4)]).toEqual([true, true, false])
    expect(matches(requireIfMatch(req('*')), 99)).toBe(true)
  })
  it('lets weak or foreign ETags match no version (strong comparison → 412), and refuses malformed ones', () => {
    for (const tag of ['W/"v3"', '"abc"', '""']) expect(matches(requireIfMatch(req(tag)), 3)).toBe(false)
    expect(matches(requireIfMatch(req('W/"v3", "v3"')), 3)).toBe(true)
    expect(() => requireIfMatch(req('3'))).toThrow(ValidationError)
    expect(() => requireIfMatch(req('"v3'))).toThrow(ValidationError)
  })
})
