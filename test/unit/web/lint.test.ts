import { describe, expect, it } from 'vitest'
import { lintReview } from '../../../src/reviews/findings.ts'
import { applyRewrite, keyStored, lintAnswer, sentenceAround } from '../../../web/src/lint.ts'

// The page lints in the browser but suppresses by the server's finding ids: both must agree on
// which finding is which, including repeated words.
describe('web lint adapter', () => {
  const text = 'Dave should have checked the dashboard. Later Dave should have checked the logs.'
  const participants = [{ name: 'Dave' }]

  it('finds the stored finding of every live finding, also for repeated words', () => {
    const stored = lintReview(
      {
        title: 'x',
        participants,
        answers: { causes: text },
        timelineEvents: [],
        contributingFactors: [],
        actionItems: [],
      },
      {},
    ).findings.filter((f) => f.field === 'answers.causes')
    const live = lintAnswer(text, 'causes', ['Dave'], {})
    expect(live.length).toBeGreaterThanOrEqual(2)
    const byKey = keyStored(text, stored)
    const ids = live.map((f) => byKey.get(f.key)?.id)
    expect(ids.every(Boolean)).toBe(true)
    expect(new Set(ids).size).toBe(live.length)
    for (const f of live)
      expect(byKey.get(f.key)).toMatchObject({ ruleId: f.ruleId, start: f.start, end: f.end })
  })

  it('rewrites the flagged sentence with the question the suggestion asks, and nothing else', () => {
    const counterfactual = lintAnswer(text, 'causes', ['Dave'], {}).find(
      (f) => f.ruleId === 'counterfactual',
    )!
    expect(counterfactual.rewrite).not.toBeNull()
    const next = applyRewrite(text, counterfactual.rewrite!)
    expect(next).toMatch(
      /^What made checking the dashboard.*hard at the time\? Later Dave should have checked the logs\.$/,
    )
    expect(
      lintAnswer(next, 'causes', ['Dave'], {}).filter((f) => f.start < counterfactual.rewrite!.text.length),
    ).toEqual([])
  })

  it('takes a sentence from the previous terminator or line break to its own', () => {
    const t = 'First one.\nSecond: here it is! Third'
    expect(t.slice(...Object.values(sentenceAround(t, 14, 18)))).toBe('Second: here it is!')
    expect(t.slice(...Object.values(sentenceAround(t, 30, 32)))).toBe('Third')
  })
})
