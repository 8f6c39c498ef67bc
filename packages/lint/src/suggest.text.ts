// Small English morphology for suggestions: "should have checked the lag" → "What made checking
// the lag hard at the time?". Heuristic; a slightly odd form is acceptable in a suggestion.

const IRREGULAR_BASE: Record<string, string> = {
  caught: 'catch',
  forgot: 'forget',
  forgotten: 'forget',
  made: 'make',
  done: 'do',
  did: 'do',
  ran: 'run',
  took: 'take',
  taken: 'take',
  told: 'tell',
  saw: 'see',
  seen: 'see',
  found: 'find',
  broke: 'break',
  broken: 'break',
  wrote: 'write',
  written: 'write',
  sent: 'send',
  left: 'leave',
  kept: 'keep',
  brought: 'bring',
  knew: 'know',
  known: 'know',
  went: 'go',
  gone: 'go',
  got: 'get',
  had: 'have',
  led: 'lead',
  thought: 'think',
  understood: 'understand',
  chose: 'choose',
  chosen: 'choose',
  threw: 'throw',
  thrown: 'throw',
  shown: 'show',
  held: 'hold',
  built: 'build',
  gave: 'give',
  given: 'give',
  spoke: 'speak',
  spoken: 'speak',
  been: 'be',
  added: 'add',
}

/** Base form of a past tense or participle ("checked" → "check", "noticed" → "notice"). */
export function toBase(word: string): string {
  const w = word.toLowerCase()
  const irregular = IRREGULAR_BASE[w]
  if (irregular) return irregular
  if (!w.endsWith('ed') || w.length < 5) return w
  if (w.endsWith('ied')) return `${w.slice(0, -3)}y`
  const stem = w.slice(0, -2)
  if (/([bdgmnpt])\1$/.test(stem)) return stem.slice(0, -1)
  if (/(?:[^aeo]at|[cvz]|[^aeiou][aeiou]s|[^aeiou][rn]g|ur|yp|ib|ud|uir|iz|ok|ar|[^aeiou]l$)$/.test(stem))
    return `${stem}e`
  return stem
}

/** Gerund of a verb in any simple form ("check" → "checking", "rotate" → "rotating"). */
export function toGerund(word: string): string {
  const base = toBase(word)
  if (base === 'be') return 'being'
  if (base.endsWith('ie')) return `${base.slice(0, -2)}ying`
  if (/[^aeioy]e$/.test(base)) return `${base.slice(0, -1)}ing`
  if (/^[^aeiou]*[aeiou][bdgmnpt]$/.test(base)) return `${base}${base.at(-1)}ing`
  return `${base}ing`
}

/** Turns "checked the replica lag" into "checking the replica lag". */
export function gerundPhrase(phrase: string): string {
  const [verb, ...rest] = phrase.trim().split(/\s+/)
  if (!verb) return 'it'
  return [toGerund(verb), ...rest].join(' ')
}

/** "What made <doing X> hard at the time?" — the question that leads to a blameless rewrite. */
export const whatMadeHard = (phrase: string): string =>
  `What made ${gerundPhrase(phrase)} hard at the time? Describe that condition and make the system or the missing safeguard the subject.`
