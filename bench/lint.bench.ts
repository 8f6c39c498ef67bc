// Linter throughput: MB/s on ~1 MB of synthetic postmortem Markdown, next to alex's text() on the
// same input in the same run, plus the latency of linting one 20 KB review.
import { performance } from 'node:perf_hooks'
import { lint } from '@debrief-aar/lint'
import { text as alexText } from 'alex'
import { BENCH_PEOPLE, makeReview } from './lint-corpus.fixture.ts'

const MB = 1024 * 1024
const corpus = makeReview(MB, 42)
const bytes = Buffer.byteLength(corpus)

function timeIt(fn: () => void, runs: number): number[] {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    fn()
    times.push(performance.now() - t0)
  }
  return times.sort((a, b) => a - b)
}

const pct = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number

// Warm up both, so the JIT has compiled the hot paths before timing.
lint(corpus, { people: BENCH_PEOPLE })
const findings = lint(corpus, { people: BENCH_PEOPLE }).findings.length
const ours = pct(
  timeIt(() => lint(corpus, { people: BENCH_PEOPLE }), 7),
  50,
)
const oursMBs = bytes / MB / (ours / 1000)

// alex runs at a fraction of a MB/s, so it is timed on a 64 KB slice and normalised to MB/s.
const slice = corpus.slice(0, 64 * 1024)
const sliceBytes = Buffer.byteLength(slice)
alexText(slice.slice(0, 4096))
const alexMs = pct(
  timeIt(() => alexText(slice), 3),
  50,
)
const alexMBs = sliceBytes / MB / (alexMs / 1000)

const review = makeReview(20 * 1024, 7)
for (let i = 0; i < 50; i++) lint(review, { people: BENCH_PEOPLE, question: 'causes' })
const reviewTimes = timeIt(() => lint(review, { people: BENCH_PEOPLE, question: 'causes' }), 500)

console.log(`input: ${(bytes / MB).toFixed(2)} MB synthetic postmortem Markdown, ${findings} findings`)
console.log(`debrief lint : ${oursMBs.toFixed(1)} MB/s (median of 7 runs, ${ours.toFixed(1)} ms per MB)`)
console.log(
  `alex text()  : ${alexMBs.toFixed(3)} MB/s (timed on a ${(sliceBytes / 1024).toFixed(0)} KB slice of the same input, median of 3, normalised to MB/s)`,
)
console.log(`ratio        : ${(oursMBs / alexMBs).toFixed(0)}x alex (target >= 50x)`)
console.log(
  `20 KB review : p50 ${pct(reviewTimes, 50).toFixed(2)} ms, p99 ${pct(reviewTimes, 99).toFixed(2)} ms over ${reviewTimes.length} runs (target well under 10 ms)`,
)
