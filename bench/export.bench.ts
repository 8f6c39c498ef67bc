// Markdown export speed: the Handlebars path (renderMarkdown) beside a plain template-literal
// function producing the same bytes, on a large review, in the same run. Target: ≤ 2× the baseline.
import { strict as assert } from 'node:assert'
import { performance } from 'node:perf_hooks'
import { renderMarkdown } from '../src/export/markdown.render.ts'
import type { Review } from '../src/reviews/review.views.ts'
import { benignText, reviewWith } from '../test/unit/export/review.fixture.ts'
import { renderAarLiteral } from './export.literal.ts'

const generatedAt = '2026-11-22T08:00:00.000Z'
const sentence = 'The canary compared against a stale baseline, so the | rollout * continued <quietly>. '
const longAnswer = (n: number) =>
  Array.from({ length: 40 }, (_, i) => `${i % 7 === 0 ? '# ' : ''}${sentence.repeat(n)}`).join('\n')

// 4 long answers (~20 KB each), 200 timeline events, 50 action items, 20 factors.
const base = reviewWith(benignText, { events: 200, factors: 20, items: 50 })
const review: Review = {
  ...base,
  answers: { intent: longAnswer(6), actual: longAnswer(6), causes: longAnswer(6), nextTime: longAnswer(6) },
  timelineEvents: base.timelineEvents.map((e, i) => ({ ...e, description: `Step ${i}: ${sentence}` })),
}

const handlebars = () => renderMarkdown(review, { template: 'aar', generatedAt })
const literal = () => renderAarLiteral(review, generatedAt)

const output = handlebars()
assert.equal(output, literal(), 'the baseline must produce the same bytes')

function median(fn: () => string, runs: number): number {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    fn()
    times.push(performance.now() - t0)
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!
}

// Warm both up, then alternate rounds so neither benefits from running second.
for (let i = 0; i < 30; i++) {
  handlebars()
  literal()
}
const rounds = { handlebars: [] as number[], literal: [] as number[] }
for (let i = 0; i < 5; i++) {
  rounds.handlebars.push(median(handlebars, 40))
  rounds.literal.push(median(literal, 40))
}
const ms = (list: number[]) => list.sort((a, b) => a - b)[2]!
const ours = ms(rounds.handlebars)
const baseline = ms(rounds.literal)

console.log(
  `input : ${(Buffer.byteLength(output) / 1024).toFixed(0)} KB of Markdown (4 answers, ${review.timelineEvents.length} timeline events, ${review.actionItems.length} action items)`,
)
console.log(`handlebars (renderMarkdown) : ${ours.toFixed(2)} ms per export (median)`)
console.log(`template literal (baseline) : ${baseline.toFixed(2)} ms per export (median)`)
console.log(`ratio : ${(ours / baseline).toFixed(2)}x the baseline (target <= 2x)`)
