import { lint } from '@debrief-aar/lint'
import { describe, expect, it } from 'vitest'
import { BLAME_CASES, INNOCENT_CASES } from './heldout.cases.ts'

const show = (text: string, people: string[] = []) =>
  lint(text, { people }).findings.map((f) => `${f.ruleId}: "${text.slice(f.start, f.end)}"`)

describe('held-out blaming sentences', () => {
  it.each(BLAME_CASES.map((c) => [c.category, c.text, c]))('%s: %s', (_category, _text, c) => {
    const { findings } = lint(c.text, { people: c.people ?? [] })
    expect(
      findings.map((f) => f.category),
      show(c.text, c.people).join('; '),
    ).toContain(c.category)
  })
})

describe('held-out innocent sentences', () => {
  it.each(INNOCENT_CASES.map((c) => [c.text, c]))('%s', (_text, c) => {
    expect(show(c.text, c.people)).toEqual([])
  })
})
