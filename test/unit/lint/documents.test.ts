// Whole documents at a realistic base rate: long blameless postmortems (written for this project, in
// the style of public ones, with tricky innocent phrasings) must produce almost no findings, and a
// postmortem with a few planted blaming sentences must have each of them found.
import { readFileSync } from 'node:fs'
import { lint } from '@debrief-aar/lint'
import { describe, expect, it } from 'vitest'

const read = (name: string): string => readFileSync(new URL(`./documents/${name}`, import.meta.url), 'utf8')
const words = (text: string): number => text.split(/\s+/).filter(Boolean).length
const flagged = (text: string): string[] =>
  lint(text).findings.map((f) => `${f.ruleId}: "${text.slice(f.start, f.end)}"`)

const BLAMELESS = ['blameless-queue-outage.md', 'blameless-migration-lock.md', 'blameless-dns-failover.md']

describe('whole blameless postmortems', () => {
  it('stay at or under one finding per 5,000 words across all documents', () => {
    const texts = BLAMELESS.map(read)
    const total = texts.reduce((n, t) => n + words(t), 0)
    const findings = texts.flatMap(flagged)
    expect(total).toBeGreaterThan(3000)
    expect(findings.length, findings.join('\n')).toBeLessThanOrEqual(Math.floor(total / 5000))
  })

  it.each(BLAMELESS)('%s has no error-severity finding', (name) => {
    const text = read(name)
    const errors = lint(text).findings.filter((f) => f.severity === 'error')
    expect(errors.map((f) => text.slice(f.start, f.end))).toEqual([])
  })
})

describe('a postmortem with planted blame', () => {
  const text = read('planted-cache-flush.md')
  const planted = [
    'Dmitri ignored the restart strategy warning',
    'The on-call engineer should have checked the traffic graph',
    'Engineers need to be more careful',
  ]
  it.each(planted)('finds "%s"', (sentence) => {
    const at = text.indexOf(sentence)
    expect(at).toBeGreaterThanOrEqual(0)
    const end = text.indexOf('\n', at)
    const hits = lint(text).findings.filter((f) => f.start >= at && f.end <= end)
    expect(hits.length).toBeGreaterThan(0)
  })

  it('flags nothing but the planted sentences', () => {
    const starts = planted.map((s) => text.indexOf(s))
    const stray = lint(text).findings.filter(
      (f) => !starts.some((s) => f.start >= s && f.start < text.indexOf('\n', s)),
    )
    expect(stray.map((f) => text.slice(f.start, f.end))).toEqual([])
  })
})
