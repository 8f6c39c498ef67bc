// A person, role, team or pronoun as the agent of an error, failure or omission verb.
import { type Agent, clauseSubject, subjectBefore } from '../agent.analysis.ts'
import { gerundPhrase, whatMadeHard } from '../suggest.text.ts'
import { eachMatch, type RuleHit, type SentenceScope, tokenAt, wordsAfter } from './rule.types.ts'

const ID = 'failure-verb-person-subject'

/** Omission verbs after "didn't"/"never": these describe a skipped duty, unlike "didn't know". */
const DUTIES =
  'slow down|double[- ]check|re-?enable|run|ran|follow|test|read|check|verify|notice|review|update|escalate|monitor|wait|tell|inform|communicate|validate|confirm|disable|enable|rotate|renew|back ?up|look at|pay attention|ask|document|plug|respond|acknowledge|heed|double[- ]check|coordinate|notify|bother|warn|consult|think'

/** Finite failure verbs whose subject is the nearest noun phrase to their left. */
export const FAILURE_VERBS = String.raw`(?:failed|failing) to|forg(?:ot|otten)\b|neglected|overlooked|missed|ignored|skipped|botched|bungled|fumbled|goofed|flubbed|blundered|butchered|mangled|mistyped|misconfigured|misjudged|misread|misapplied|mislabel(?:l)?ed|misrouted|mishandled|misprojected|misclicked|mistook|miscalculated|misinterpreted|misunderstood the|slipped up|glossed over|blew (?:it|away)|wiped|nuked|trashed|force-pushed|broke|(?:screwed|messed|fucked|effed|cocked|stuffed|screw|mess|screwing|messing) (?:[\w-]+ ){0,3}?up|had (?:a |an )?(?:\w+ )?(?:screw[- ]?up|blunder|slip-up|brain ?fart)|dropped the ball|confused (?:[\w-]+ ){1,3}?with|went ahead (?:anyway|regardless|despite)|managed to (?:break|delete|wipe|drop|take|knock|bring|corrupt|lose|generate (?:a |an )?(?:bad|wrong|broken))|made (?:a|an|another|the same|one|some|several|two|three)(?: \w+)? (?:typo|mistake|error|blunder|slip)s?|took (?:[\w'-]+ ){0,3}?down|brought (?:[\w'-]+ ){0,3}?down|knocked (?:[\w'-]+ ){0,3}?(?:over|out|offline)|sidestepped|bypassed|circumvented|disregarded|rubber[- ]stamped|cut corners|blew away|(?:didn't|did not|didnt|never|must have not|must not have|could not be bothered to) (?:bother to |even |properly |actually )?(?:${DUTIES})|never (?:once )?(?:re-?[a-z]+ed|opened|acknowledged|answered|replied|responded|restarted|enabled|turned|looked|ran|tested|checked|reviewed|merged|applied|rolled|pushed|bothered|followed|read|updated)\b`

const ADVERBS =
  'mistakenly|wrongly|accidentally|erroneously|inadvertently|unintentionally|by accident|by mistake'

const VERB_RE = new RegExp(String.raw`\b(?:${FAILURE_VERBS})`, 'gi')
const ADVERB_RE = new RegExp(String.raw`\b(?:${ADVERBS})\b`, 'gi')
const CLAUSE_RE =
  /\bthe wrong [\w-]+|\bwithout (?:first |even |any )?(?:approval|review|a review|reviewing|testing|waiting|checking|telling|asking|a backup|backups?|permission|notice|notifying|verifying|informing|consulting|reading|running|following|confirming|validating|getting|backing up)\b|\b(?:deleted|dropped|wiped|erased|truncated|destroyed|overwrote|nuked|purged)\b(?: [\w'-]+){0,4}? (?:production|prod|live|customers?'?)\b/gi
const SELF_RE = /\bmy (?:screw[- ]?up|mistake|blunder|bad)\b/gi
const WHY_RE =
  /\bwhy (?:(?:didn't|did not|didnt|wasn't|weren't|haven't|hadn't) (?:you|he|she|they|we|the [\w-]+|someone|anyone)|did (?:you|he|she|they|we|the [\w-]+|someone|anyone) not)\b/gi
const DID_NOT_START = new RegExp(String.raw`^\W*(?:did not|didn't|forgot to|neglected to) (?:${DUTIES})`, 'i')
const PASSIVE_BEFORE = /\b(?:was|were|been|being|is|are|get|got|gets)\s+(?:\w+ly\s+)?$/i
const HYPOTHETICAL = /\b(?:if|when|whenever|unless)\b/i

/** Person agents count, except an indefinite person in a hypothetical ("if someone deployed…"). */
function blames(scope: SentenceScope, agent: Agent, at: number): boolean {
  if (agent.kind !== 'person') return false
  // "Nobody forgot anything" denies the failure.
  const head = scope.tokens[agent.index]?.w
  if (head === 'nobody' || (head === 'one' && scope.tokens[agent.index - 1]?.w === 'no')) return false
  // "Anyone could have made the same mistake" exculpates rather than blames.
  if (agent.universal && /\b(?:could|can|might|may|would)\b/i.test(scope.text.slice(0, at))) return false
  if (!agent.indefinite) return true
  return !HYPOTHETICAL.test(scope.text.slice(0, at))
}

function suggestionFor(verb: string, rest: string): string {
  const v = verb.toLowerCase()
  if (/^(?:missed|ignored|overlooked|disregarded)/.test(v)) {
    return `What made ${rest || 'the signal'} easy to miss at the time (noise, volume, layout)? Make the signal or the tool the subject.`
  }
  if (/^skipped|^bypassed|^sidestepped|^circumvented/.test(v)) {
    return `What made skipping ${rest || 'the step'} look reasonable at the time? Name the step the process or pipeline did not enforce.`
  }
  const after = v.match(/(?:to|bother to|never|not|didn't|didnt|have) ([\w-]+)$/)
  if (after?.[1]) return whatMadeHard(`${after[1]} ${rest}`)
  const infinitive = rest.match(/^to (.+)$/)
  if (infinitive?.[1]) return whatMadeHard(infinitive[1])
  return `Describe the action and its context and move the failure onto the missing safeguard: what let the change reach ${rest || 'production'}, and which check did not stop it?`
}

function verbHits(scope: SentenceScope): RuleHit[] {
  return eachMatch(VERB_RE, scope.text, (m) => {
    const agent = subjectBefore(scope, tokenAt(scope, m.index))
    if (!blames(scope, agent, m.index)) return null
    const end = m.index + m[0].length
    return {
      ruleId: ID,
      start: m.index,
      end,
      agent,
      message: `"${m[0]}" makes a person the agent of the failure.`,
      suggestion: suggestionFor(m[0], wordsAfter(scope.text, end, 4)),
    }
  })
}

function adverbHits(scope: SentenceScope): RuleHit[] {
  return eachMatch(ADVERB_RE, scope.text, (m) => {
    if (PASSIVE_BEFORE.test(scope.text.slice(Math.max(0, m.index - 30), m.index))) return null
    if (
      /\b(?:was|were|been)\s+\w+(?:ed|en|ne|un)\s+$/i.test(
        scope.text.slice(Math.max(0, m.index - 30), m.index),
      )
    )
      return null
    const agent = clauseSubject(scope, tokenAt(scope, m.index))
    if (!blames(scope, agent, m.index)) return null
    const next = wordsAfter(scope.text, m.index + m[0].length, 4)
    return {
      ruleId: ID,
      start: m.index,
      end: m.index + m[0].length,
      agent,
      message: `"${m[0]}" judges a person's action as an error after the fact.`,
      suggestion: `Drop "${m[0]}" and describe what made ${next ? gerundPhrase(next) : 'that action'} look right at the time.`,
    }
  })
}

function clauseHits(scope: SentenceScope): RuleHit[] {
  return eachMatch(CLAUSE_RE, scope.text, (m) => {
    const agent = clauseSubject(scope, tokenAt(scope, m.index))
    if (!blames(scope, agent, m.index)) return null
    const what = m[0].toLowerCase()
    const suggestion = what.startsWith('the wrong')
      ? `What made ${m[0]} look like the right one (naming, defaults, tooling)? Make that the subject.`
      : what.startsWith('without')
        ? `Describe what allowed the work to go ahead ${m[0]}: which step or tool did not require it?`
        : 'Describe the change and the safeguard that did not stop it from reaching production.'
    return {
      ruleId: ID,
      start: m.index,
      end: m.index + m[0].length,
      agent,
      message: `"${m[0]}" frames a person's action as the failure.`,
      suggestion,
    }
  })
}

function directHits(scope: SentenceScope): RuleHit[] {
  const direct = (re: RegExp, message: string, suggestion: string): RuleHit[] =>
    eachMatch(re, scope.text, (m) => ({
      ruleId: ID,
      start: m.index,
      end: m.index + m[0].length,
      message,
      suggestion,
    }))
  const hits = direct(
    SELF_RE,
    'Self-blame still frames a person as the cause.',
    'Describe what happened and what made it possible, without the self-judgement.',
  )
  for (const hit of direct(WHY_RE, 'This question presupposes that a person failed.', '')) {
    const action = wordsAfter(scope.text, hit.end, 4)
    hits.push({ ...hit, suggestion: `Ask about conditions instead: ${whatMadeHard(action || 'it')}` })
  }
  const start = scope.text.match(DID_NOT_START)
  if (start) {
    const at = scope.text.search(/\S/)
    const end = at + start[0].trimStart().length
    hits.push({
      ruleId: ID,
      start: at,
      end,
      message: 'An omission with an implied person as its agent.',
      suggestion: whatMadeHard(wordsAfter(scope.text, end - (start[0].split(' ').pop()?.length ?? 0), 4)),
    })
  }
  return hits
}

export function detectFailureVerbs(scope: SentenceScope): RuleHit[] {
  if (scope.meta || scope.exculpated) return []
  return [...verbHits(scope), ...adverbHits(scope), ...clauseHits(scope), ...directHits(scope)]
}

export const FAILURE_TRIGGERS = [
  FAILURE_VERBS,
  ADVERBS,
  "the wrong|without|deleted|dropped|wiped|erased|truncated|destroyed|overwrote|nuked|purged|my (?:screw|mistake|blunder|bad)|why (?:did|didn't|didnt|wasn't|weren't|haven't|hadn't)|did not|didn't",
]
