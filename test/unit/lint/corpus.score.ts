// Scoring helpers for the shared development corpus (../shared/lint-corpus). The corpus sentences are
// evaluation facts only: they are read at runtime and never copied into this repository.
//
// The split is fixed and deterministic: FNV-1a (32-bit) of the line's `id`; `hash % 10 < 3` puts the
// line in the never-tuned `holdout` split (about 30 % of both files), everything else is `tune`.
import { existsSync, readFileSync } from 'node:fs'
import { CATEGORIES, lint } from '@debrief-aar/lint'

export const CORPUS_DIR = new URL('../../../../shared/lint-corpus/', import.meta.url)
export const CORPUS_FILES = ['blame-dev.jsonl', 'blame-dev2.jsonl'] as const

export interface Line {
  id: string
  text: string
  blame: boolean
  categories: string[]
  people: string[]
}

export type Split = 'tune' | 'holdout'

export function fnv1a(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

export const splitOf = (id: string): Split => (fnv1a(id) % 10 < 3 ? 'holdout' : 'tune')

export const corpusAvailable = (): boolean => CORPUS_FILES.every((f) => existsSync(new URL(f, CORPUS_DIR)))

export function readCorpus(): Line[] {
  return CORPUS_FILES.flatMap((f) =>
    readFileSync(new URL(f, CORPUS_DIR), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Line),
  )
}

export interface Score {
  n: number
  tp: number
  fp: number
  fn: number
  precision: number
  recall: number
  perCategory: Map<string, { total: number; flagged: number }>
  errors: string[]
}

/** Sentence-level score: a line counts as flagged when the engine reports any finding. */
export function score(lines: readonly Line[], { roster = true } = {}): Score {
  let tp = 0
  let fp = 0
  let fn = 0
  const errors: string[] = []
  const perCategory = new Map<string, { total: number; flagged: number }>()
  for (const line of lines) {
    const { findings } = lint(line.text, roster ? { people: line.people } : {})
    const flagged = findings.length > 0
    if (flagged && line.blame) tp++
    if (flagged && !line.blame) {
      fp++
      errors.push(
        `FP ${line.id}: ${line.text}\n     ${findings.map((f) => `${f.ruleId} "${line.text.slice(f.start, f.end)}"`).join(', ')}`,
      )
    }
    if (!flagged && line.blame) {
      fn++
      errors.push(`FN ${line.id} (${line.categories.join(', ')}) [${line.people.join(', ')}]: ${line.text}`)
    }
    for (const category of line.categories) {
      const c = perCategory.get(category) ?? { total: 0, flagged: 0 }
      c.total++
      if (flagged) c.flagged++
      perCategory.set(category, c)
    }
  }
  return {
    n: lines.length,
    tp,
    fp,
    fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    perCategory,
    errors,
  }
}

export function formatScore(name: string, s: Score): string {
  const rows = CATEGORIES.filter((c) => s.perCategory.has(c)).map((category) => {
    const c = s.perCategory.get(category) ?? { total: 0, flagged: 0 }
    return `    ${category.padEnd(28)} ${(c.flagged / Math.max(1, c.total)).toFixed(2)} (${c.flagged}/${c.total})`
  })
  return [
    `${name}: ${s.n} sentences, precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)} (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`,
    ...rows,
  ].join('\n')
}
