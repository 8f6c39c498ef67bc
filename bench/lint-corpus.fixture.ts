// Synthetic postmortem prose for the linter benchmark: Markdown reviews built from templates with a
// seeded PRNG, mostly innocent narration with some blaming sentences mixed in (about 1 in 12).

const SERVICES = ['checkout', 'search', 'billing', 'ingest', 'auth', 'notifications', 'ledger', 'media']
const SYSTEMS = [
  'the scheduler',
  'the load balancer',
  'the cache warmer',
  'the deploy pipeline',
  'Jenkins',
  'the autoscaler',
]
const ROLES = ['the on-call engineer', 'the reviewer', 'an SRE', 'the release manager', 'the DBA']
const NAMES = ['Avery', 'Jordan', 'Quinn', 'Rowan', 'Sasha']
const METRICS = ['p99 latency', 'error rate', 'queue depth', 'CPU saturation', 'replica lag']

const INNOCENT = [
  'At {time} UTC, {metric} on {svc} rose above the alert threshold and {role} was paged.',
  '{name} acknowledged the page within two minutes and opened the incident channel.',
  '{system} failed to drain connections from the old pool during the rollout.',
  'The {svc} dashboard showed {metric} climbing steadily for twenty minutes before the alert fired.',
  'We rolled back the `{svc}-api` release at {time}, which restored normal {metric}.',
  'Contributing factors included a missing timeout in the {svc} client and retries without backoff.',
  'The runbook at [the wiki](https://wiki.example.com/runbooks/{svc}) did not cover this failure mode.',
  'We should add a canary stage so that a bad build reaches one zone before all of them.',
  'The change had passed review and every automated check we had at the time.',
  'Traffic returned to normal just after {time}, and the incident was resolved.',
  '{system} should have rejected the manifest, but the schema check was disabled for hotfixes.',
  'Nobody was at fault; the tooling made the risky path the default one.',
  'The root cause analysis tooling linked the alert to the deploy within a minute.',
  'Action item: add a dry-run flag to the `{svc}` migration tool (owner: platform team).',
]

const BLAMING = [
  '{role} forgot to re-enable the health checks after maintenance.',
  'The outage happened because {name} deployed the wrong build to production.',
  '{role} should have checked the replica lag before promoting it.',
  'This was human error during a routine config change.',
  'Engineers need to be more careful when editing {svc} settings.',
]

/** Deterministic PRNG (mulberry32) so every run lints the same text. */
function prng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function fill(template: string, rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T
  const time = `${String(Math.floor(rand() * 24)).padStart(2, '0')}:${String(Math.floor(rand() * 60)).padStart(2, '0')}`
  return template
    .replaceAll('{svc}', pick(SERVICES))
    .replaceAll('{system}', pick(SYSTEMS))
    .replaceAll('{role}', pick(ROLES))
    .replaceAll('{name}', pick(NAMES))
    .replaceAll('{metric}', pick(METRICS))
    .replaceAll('{time}', time)
    .replace(/^./, (c) => c.toUpperCase())
}

/** One review in Markdown, roughly `bytes` long. */
export function makeReview(bytes: number, seed = 1): string {
  const rand = prng(seed)
  const parts: string[] = []
  let size = 0
  let n = 0
  while (size < bytes) {
    if (n % 12 === 0)
      parts.push(
        `\n## ${['Timeline', 'What happened', 'Contributing factors', 'Action items'][(n / 12) % 4]}\n`,
      )
    const pool = rand() < 1 / 12 ? BLAMING : INNOCENT
    const sentence = fill(pool[Math.floor(rand() * pool.length)] as string, rand)
    const line = n % 5 === 4 ? `- ${sentence}\n` : `${sentence} `
    parts.push(n % 4 === 3 ? `${line}\n\n` : line)
    size += line.length
    n++
  }
  return parts.join('')
}

export const BENCH_PEOPLE = NAMES
