import { describe, expect, it } from 'vitest'
import { diff } from '../../../src/reviews/changes.ts'

describe('diff', () => {
  it('lists changed, added and removed fields with from/to', () => {
    expect(diff({ a: 1, b: 'x', c: [1] }, { a: 1, b: 'y', d: true }, 'p.')).toEqual([
      { path: 'p.b', from: 'x', to: 'y' },
      { path: 'p.c', from: [1], to: null },
      { path: 'p.d', from: null, to: true },
    ])
  })
  it('treats undefined and null alike, so clearing an absent field is no change', () => {
    expect(diff({ a: null }, { a: undefined })).toEqual([])
  })
})
