// Counterfactuals about a person's past action ("X should have checked Y", "if the on-call had…").
// Forward-looking "should" and counterfactuals about systems ("the breaker should have opened") pass.
import { type Agent, classifyHead, clauseSubject, firstNpHead, subjectBefore } from '../agent.analysis.ts'
import { HUMAN_ACTIONS, IRREGULAR_VERBS } from '../lexicon.data.ts'
import { toBase, whatMadeHard } from '../suggest.text.ts'
import { eachMatch, type RuleHit, type SentenceScope, tokenAt, wordsAfter } from './rule.types.ts'

const ID = 'counterfactual'

const MODAL_PERFECT = /\b(should|could|would|ought to)(?:n't| not| never)?(?: ?have|'ve)\b/gi
const SUPPOSED = /\b(?:was|were|is|are)(?:n't| not)? supposed to\b/gi
const IF_HAD = /\bif (?:only )?((?:[\w@'.-]+ ){1,6}?)had(?:n't| not)? (?:\w+ly )?([\w-]+)/gi
const HAD_INVERSION = /(?:^|[,;:]\s*)[^\w,;:]*had(?:n't)?\b/gi
const INSTEAD = /\binstead of \w+ing\b[^,;]*,/gi
const SYSTEM_CONDITION =
  /\b(?:with(?:out)? (?:better|more|clearer|earlier|proper|an? (?:\w+ )?(?:alert|dashboard|check|test|tool|flag|canary|monitor)\w*)|given (?:better|more)|had there been|if there (?:had been|were|was))\b/i
/** "We could not have recovered without the DBA team's help": gratitude, not a counterfactual. */
const GRATITUDE =
  /\bwithout (?:the |their |his |her |your |[\w@.-]+'s? )?(?:\w+ )?(?:help|support|work|efforts?|expertise|quick thinking|fast response)\b|\bthanks? (?:to|you)\b|\bgrateful\b/i
const LEADING_CONDITION = /^\W*(?:with|without|had there been|given)\s+([^,]{3,60}),/i

/** "Without the read-only replica, we could have …": a leading condition about a thing, not a person. */
function systemCondition(scope: SentenceScope): boolean {
  const m = scope.text.match(LEADING_CONDITION)
  if (!m) return false
  const from = tokenAt(scope, m[0].length - (m[1]?.length ?? 0) - 1)
  const to = tokenAt(scope, m[0].length - 1)
  for (let k = from; k < to; k++) if (classifyHead(scope, k).kind === 'person') return false
  return true
}
const HINDSIGHT_ADJ = /^(?:obvious|clear|apparent|evident)$/

const isParticiple = (w: string): boolean => /[^e]ed$|ne$/.test(w) || IRREGULAR_VERBS.has(w)
const isHumanAction = (participle: string): boolean => HUMAN_ACTIONS.has(toBase(participle))

/** Words after "have": skips adverbs; returns [next word, was a passive "been"]. */
function perfectComplement(text: string, end: number): { verb: string; passive: boolean; auto: boolean } {
  if (/^\s*(?:[,.;:!?)]|$)/.test(text.slice(end))) return { verb: '', passive: false, auto: false }
  const words = text
    .slice(end)
    .match(
      /^[\s,]*((?:(?:never|not|already|just|really|ideally|also|automatically|properly|even)\s+)*)([\w'-]*)\s*((?:(?:never|not|already|just|automatically|properly|also)\s+)*)([\w'-]*)/i,
    )
  const first = (words?.[2] ?? '').toLowerCase()
  if (first === 'been') {
    const adverbs = `${words?.[1] ?? ''} ${words?.[3] ?? ''}`
    return { verb: (words?.[4] ?? '').toLowerCase(), passive: true, auto: /automatically/i.test(adverbs) }
  }
  return { verb: first, passive: false, auto: /automatically/i.test(words?.[1] ?? '') }
}

function modalHit(scope: SentenceScope, m: RegExpExecArray): RuleHit | null {
  const modal = (m[1] ?? '').toLowerCase()
  const end = m.index + m[0].length
  const { verb, passive, auto } = perfectComplement(scope.text, end)
  const nearest = subjectBefore(scope, tokenAt(scope, m.index))
  // "Asking users for details sooner could have …": a human action as the subject.
  const clause = nearest.kind === 'person' ? nearest : clauseSubject(scope, tokenAt(scope, m.index))
  const agent = clause.kind === 'action' ? clause : nearest
  const hit = (suggestion: string, who?: Agent): RuleHit => ({
    ruleId: ID,
    start: m.index,
    end,
    message: `"${m[0]}" judges a past action against an imagined alternative.`,
    suggestion,
    ...(who ? { agent: who } : {}),
  })
  if (passive) {
    if (auto || agent.kind === 'person') return null
    const rest = scope.text
      .slice(end)
      .match(/^\s*\w+\s+(?:\w+ly\s+)?\w+\s+by\s+(?:the |a |an |its )?([\w-]+)/i)
    if (rest?.[1] && subjectBefore(scope, tokenAt(scope, scope.text.indexOf(rest[1], end))).kind !== 'person')
      return null
    if (HINDSIGHT_ADJ.test(verb))
      return hit('Describe what was visible at the time and what made the problem hard to see then.')
    return isHumanAction(verb)
      ? hit(
          whatMadeHard(
            `${verb} ${wordsAfter(scope.text, end + scope.text.slice(end).indexOf(verb) + verb.length, 3)}`,
          ),
        )
      : null
  }
  // "Rolling back would not have helped" weighs an option; it does not judge the path taken.
  if (modal === 'would' && /n't|not|never/i.test(m[0]) && agent.kind === 'action') return null
  const elliptical = verb === ''
  if (!elliptical && !isParticiple(verb)) return null // "should have a talk", "should have priority"
  // "With better dashboards, we could have …" is about the missing tool, not the person.
  if (SYSTEM_CONDITION.test(scope.text) || GRATITUDE.test(scope.text) || systemCondition(scope)) return null
  const who = agent.kind === 'person' && !(agent.universal && modal === 'could')
  if (modal === 'would' ? agent.kind !== 'action' : !who && agent.kind !== 'action') return null
  const action = elliptical
    ? 'that'
    : `${verb} ${wordsAfter(scope.text, end + scope.text.slice(end).indexOf(verb) + verb.length, 3)}`
  return hit(whatMadeHard(action), agent)
}

function conditionalHits(scope: SentenceScope): RuleHit[] {
  const ifHits = eachMatch(IF_HAD, scope.text, (m) => {
    const participle = (m[2] ?? '').toLowerCase()
    if (!isParticiple(participle) && participle !== 'read') return null
    const at = tokenAt(scope, m.index)
    const agent = firstNpHead(scope, at + 1, tokenAt(scope, m.index + m[0].length))
    if (agent.kind !== 'person') return null
    return {
      ruleId: ID,
      start: m.index,
      end: m.index + m[0].length,
      agent,
      message: 'An "if they had…" counterfactual judges a person against an imagined path.',
      suggestion: `Replace the imagined path with what happened and why it made sense then. ${whatMadeHard(`${participle} ${wordsAfter(scope.text, m.index + m[0].length, 3)}`)}`,
    }
  })
  const inversion = eachMatch(HAD_INVERSION, scope.text, (m) => {
    const start = m.index + m[0].toLowerCase().indexOf('had')
    // "Had the on-call read the runbook, …": a person within the next few words, then a participle.
    const first = tokenAt(scope, start) + 1
    let k = first
    while (k < first + 4 && k < scope.tokens.length && classifyHead(scope, k).kind !== 'person') k++
    const agent = classifyHead(scope, k)
    const participle = scope.tokens[k + 1]
    if (agent.kind !== 'person' || !participle || !isParticiple(participle.w)) return null
    return {
      ruleId: ID,
      start,
      end: participle.e,
      agent,
      message: '"Had they…" imagines a different past action by a person.',
      suggestion: whatMadeHard(`${participle.w} ${wordsAfter(scope.text, participle.e, 3)}`),
    }
  })
  return [...ifHits, ...inversion]
}

function otherHits(scope: SentenceScope): RuleHit[] {
  const supposed = eachMatch(SUPPOSED, scope.text, (m) => {
    const agent = subjectBefore(scope, tokenAt(scope, m.index))
    if (agent.kind !== 'person') return null
    const end = m.index + m[0].length
    return {
      ruleId: ID,
      start: m.index,
      end,
      agent,
      message: '"Supposed to" measures a person against an expectation after the fact.',
      suggestion: whatMadeHard(wordsAfter(scope.text, end, 4)),
    }
  })
  const instead = eachMatch(INSTEAD, scope.text, (m) => {
    const after = tokenAt(scope, m.index + m[0].length)
    const agent = firstNpHead(scope, after, scope.tokens.length)
    if (agent.kind !== 'person') return null
    return {
      ruleId: ID,
      start: m.index,
      end: m.index + m[0].length - 1,
      agent,
      message: '"Instead of…" contrasts what a person did with what they "should" have done.',
      suggestion:
        'Describe what was done and why it made sense at the time (information, tools, pressure), or propose a system change.',
    }
  })
  return [...supposed, ...instead]
}

export function detectCounterfactuals(scope: SentenceScope): RuleHit[] {
  if (scope.meta) return []
  const modal = eachMatch(MODAL_PERFECT, scope.text, (m) => modalHit(scope, m))
  return [...modal, ...conditionalHits(scope), ...otherHits(scope)]
}

export const COUNTERFACTUAL_TRIGGERS = [
  String.raw`(?:should|could|would|ought to)(?:n't| not| never)?(?: ?have|'ve)|supposed to|instead of \w+ing`,
  String.raw`if (?:only )?(?:[\w@'.-]+ ){1,6}?had|(?<=(?:^|[.,;:!?\n])[^\w,;:]*)had`,
]
