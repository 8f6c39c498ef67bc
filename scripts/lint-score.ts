// Prints precision/recall (overall and per category) of the linter on the tune split, the never-tuned
// holdout split and the project's own labelled sentences. Errors are printed only for the split named
// with --errors (tune | own); printing holdout errors needs --errors=holdout, on purpose.

import {
  corpusAvailable,
  formatScore,
  type Line,
  readCorpus,
  score,
  splitOf,
} from '../test/unit/lint/corpus.score.ts'
import { BLAME_CASES, INNOCENT_CASES } from '../test/unit/lint/heldout.cases.ts'
import { OWN_CASES } from '../test/unit/lint/patterns.cases.ts'

const errorsFor = process.argv.find((a) => a.startsWith('--errors'))?.split('=')[1] ?? ''
const out: string[] = []
const report = (name: string, lines: Line[], key: string, roster = true): void => {
  const s = score(lines, { roster })
  out.push(formatScore(name, s))
  if (errorsFor === key) out.push(...s.errors.map((e) => `  ${e}`))
}

if (corpusAvailable()) {
  const corpus = readCorpus()
  const tune = corpus.filter((l) => splitOf(l.id) === 'tune')
  const holdout = corpus.filter((l) => splitOf(l.id) === 'holdout')
  report('tune split (with roster)', tune, 'tune')
  report(
    'tune split, blame only, no roster',
    tune.filter((l) => l.blame),
    'tune-noroster',
    false,
  )
  if (process.argv.includes('--holdout')) {
    report('HOLDOUT split (with roster)', holdout, 'holdout')
    report(
      'HOLDOUT split, blame only, no roster',
      holdout.filter((l) => l.blame),
      'holdout-noroster',
      false,
    )
  } else out.push(`holdout split: ${holdout.length} sentences (pass --holdout to score it)`)
} else out.push('shared corpus not found (../shared/lint-corpus): skipping tune/holdout')

const toLine = (c: { text: string; category?: string; people?: string[] }, i: number): Line => ({
  id: `own-${i}`,
  text: c.text,
  blame: c.category !== undefined,
  categories: c.category ? [c.category] : [],
  people: c.people ?? [],
})
report('own sentences (test/unit/lint/patterns.cases.ts)', OWN_CASES.map(toLine), 'own')
report(
  'older hand-written cases (test/unit/lint/heldout.cases.ts)',
  [...BLAME_CASES, ...INNOCENT_CASES].map(toLine),
  'older',
)
console.log(out.join('\n'))
