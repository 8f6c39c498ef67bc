// The project's own labelled sentences for issue 7's patterns (patterns.cases.ts), scored as a set:
// they are development data too, so the bar is a rate, with every miss printed.
import { describe, expect, it } from 'vitest'
import { formatScore, type Line, score } from './corpus.score.ts'
import { OWN_CASES } from './patterns.cases.ts'

const lines: Line[] = OWN_CASES.map((c, i) => ({
  id: `own-${i}`,
  text: c.text,
  blame: c.category !== undefined,
  categories: c.category ? [c.category] : [],
  people: c.people ?? [],
}))

describe("issue 7's patterns (own sentences)", () => {
  it('precision >= 0.95 and recall >= 0.9', () => {
    const s = score(lines)
    console.log([formatScore('own sentences', s), ...s.errors].join('\n'))
    expect(s.precision).toBeGreaterThanOrEqual(0.95)
    expect(s.recall).toBeGreaterThanOrEqual(0.9)
  })
})
