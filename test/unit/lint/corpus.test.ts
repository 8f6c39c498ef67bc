// Scores the engine on the shared development corpus (../shared/lint-corpus). The corpus sentences
// are evaluation facts only: they are read at runtime and never copied into this repository.
import { existsSync, readFileSync } from 'node:fs'
import { CATEGORIES, lint } from '@debrief-aar/lint'
import { describe, expect, it } from 'vitest'

const CORPUS = new URL('../../../../shared/lint-corpus/blame-dev.jsonl', import.meta.url)

interface Line {
  id: string
  text: string
  blame: boolean
  categories: string[]
  people: string[]
}

describe.skipIf(!existsSync(CORPUS))('lint corpus (../shared/lint-corpus/blame-dev.jsonl)', () => {
  it('meets precision >= 0.92 and recall >= 0.90', () => {
    const lines: Line[] = readFileSync(CORPUS, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Line)
    let tp = 0
    let fp = 0
    let fn = 0
    const misses: string[] = []
    const perCategory = new Map<string, { total: number; flagged: number; sameCategory: number }>()
    for (const line of lines) {
      const { findings } = lint(line.text, { people: line.people })
      const flagged = findings.length > 0
      if (flagged && line.blame) tp++
      if (flagged && !line.blame) {
        fp++
        misses.push(
          `FP ${line.id}: ${findings.map((f) => `${f.ruleId} "${line.text.slice(f.start, f.end)}"`).join(', ')}`,
        )
      }
      if (!flagged && line.blame) {
        fn++
        misses.push(`FN ${line.id} (${line.categories.join(', ')})`)
      }
      for (const category of line.categories) {
        const c = perCategory.get(category) ?? { total: 0, flagged: 0, sameCategory: 0 }
        c.total++
        if (flagged) c.flagged++
        if (findings.some((f) => f.category === category)) c.sameCategory++
        perCategory.set(category, c)
      }
    }
    const precision = tp / (tp + fp)
    const recall = tp / (tp + fn)
    const rows = CATEGORIES.map((category) => {
      const c = perCategory.get(category) ?? { total: 0, flagged: 0, sameCategory: 0 }
      return `  ${category.padEnd(28)} recall ${(c.flagged / Math.max(1, c.total)).toFixed(2)} (${c.flagged}/${c.total}), same category ${c.sameCategory}/${c.total}`
    })
    console.log(
      [
        `lint corpus: ${lines.length} sentences, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn})`,
        ...rows,
        ...(misses.length
          ? ['false positives / negatives:', ...misses.map((m) => `  ${m}`)]
          : ['no false positives or negatives']),
      ].join('\n'),
    )
    expect(precision).toBeGreaterThanOrEqual(0.92)
    expect(recall).toBeGreaterThanOrEqual(0.9)
  })
})
