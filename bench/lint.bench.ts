// Linter throughput on ~1 MB made of 120 distinct 8 KB reviews (each linted on its own, as the service
// does), next to alex's text() on a sample of the same reviews in the same run; plus the latency of
// linting one 20 KB review and one 2 KB answer (the per-keystroke case in a browser).
import { performance } from 'node:perf_hooks'
import { lint } from '@debrief-aar/lint'
import { text as alexText } from 'alex'
import { BENCH_PEOPLE, makeReview } from './lint-corpus.fixture.ts'

const MB = 1024 * 1024
const reviews = Array.from({ length: 120 }, (_, i) => makeReview(8 * 1024, 1000 + i))
const bytes = reviews.reduce((n, r) => n + Buffer.byteLength(r), 0)
if (new Set(reviews).size !== reviews.length) throw new Error('bench reviews must be distinct')

// The machine is shared: throughput is measured in CPU time of this (single-threaded) process, which
// other load does not inflate; latencies are reported both as wall-clock and as CPU time.
const cpuMs = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

function timeIt(fn: () => void, runs: number, clock: () => number = cpuMs): number[] {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = clock()
    fn()
    times.push(clock() - t0)
  }
  return times.sort((a, b) => a - b)
}
const wall = (): number => performance.now()

const pct = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number

const lintAll = (): number => {
  let n = 0
  for (const r of reviews) n += lint(r, { people: BENCH_PEOPLE }).findings.length
  return n
}

// Warm up both, so the JIT has compiled the hot paths before timing.
lintAll()
const findings = lintAll()
const ours = pct(timeIt(lintAll, 7), 50)
const oursMBs = bytes / MB / (ours / 1000)

// alex runs at a fraction of a MB/s, so it is timed on 8 of the same reviews and normalised to MB/s.
const sample = reviews.slice(0, 8)
const sampleBytes = sample.reduce((n, r) => n + Buffer.byteLength(r), 0)
alexText(sample[0] as string)
const alexMs = pct(
  timeIt(() => {
    for (const r of sample) alexText(r)
  }, 3),
  50,
)
const alexMBs = sampleBytes / MB / (alexMs / 1000)

const review = makeReview(20 * 1024, 7)
for (let i = 0; i < 50; i++) lint(review, { people: BENCH_PEOPLE, question: 'causes' })
const lintReview = () => lint(review, { people: BENCH_PEOPLE, question: 'causes' })
const reviewTimes = timeIt(lintReview, 500, wall)
const reviewCpu = timeIt(lintReview, 500)

const answers = Array.from({ length: 50 }, (_, i) => makeReview(2 * 1024, 5000 + i))
let a = 0
const lintAnswer = () => lint(answers[a++ % answers.length] as string, { question: 'causes' })
const answerTimes = timeIt(lintAnswer, 1000, wall)
const answerCpu = timeIt(lintAnswer, 1000)

console.log(
  `input: ${reviews.length} distinct reviews, ${(bytes / MB).toFixed(2)} MB synthetic postmortem Markdown, ${findings} findings`,
)
console.log(
  `debrief lint : ${oursMBs.toFixed(2)} MB/s (CPU time, median of 7 runs, ${ours.toFixed(1)} ms for all reviews)`,
)
console.log(
  `alex text()  : ${alexMBs.toFixed(3)} MB/s (timed on ${sample.length} of the same reviews, ${(sampleBytes / 1024).toFixed(0)} KB, median of 3, normalised to MB/s)`,
)
console.log(`ratio        : ${(oursMBs / alexMBs).toFixed(0)}x alex (target >= 50x)`)
console.log(
  `20 KB review : wall p50 ${pct(reviewTimes, 50).toFixed(2)} ms, p99 ${pct(reviewTimes, 99).toFixed(2)} ms; CPU p50 ${pct(reviewCpu, 50).toFixed(2)} ms, p99 ${pct(reviewCpu, 99).toFixed(2)} ms over ${reviewTimes.length} runs (target p99 <= 10 ms)`,
)
console.log(
  `2 KB answer  : wall p50 ${pct(answerTimes, 50).toFixed(2)} ms, p99 ${pct(answerTimes, 99).toFixed(2)} ms; CPU p99 ${pct(answerCpu, 99).toFixed(2)} ms over ${answerTimes.length} runs, 50 distinct answers (target <= 16 ms per keystroke)`,
)
