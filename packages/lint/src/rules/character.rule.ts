// Judgements of a person's competence or character: careless, lazy, reckless, "should know better".
import { classifyHead, clauseSubject, firstNpHead, isWord, subjectBefore } from '../agent.analysis.ts'
import { negatedBefore } from '../context.guards.ts'
import { HUMAN_ACT_NOUNS } from '../lexicon.data.ts'
import { stripPossessive } from '../roster.people.ts'
import { eachMatch, type RuleHit, type SentenceScope, tokenAt } from './rule.types.ts'

const ID = 'character-judgement'

const ADJECTIVES =
  'careless|sloppy|lazy|negligent|reckless|incompetent|ignorant|naive|naïve|stupid|dumb|clueless|inexperienced|irresponsible|unprofessional|inattentive|complacent|cavalier|hands-off|idiotic|foolish|amateurish|lax|thoughtless|unqualified|inept|clumsy|overconfident|arrogant|sloppy|dim|brainless|hopeless|useless|lazy'
const ADVERBS =
  'carelessly|sloppily|lazily|negligently|recklessly|irresponsibly|stupidly|foolishly|naively|ignorantly|incompetently|thoughtlessly'
const NOUNS =
  'carelessness|sloppiness|laziness|negligence|recklessness|incompetence|ignorance|naivety|naiveté|naivete|stupidity|complacency|idiots?|morons?|cowboys?|foolishness|ineptitude|ineptness|clumsiness|overconfidence|arrogance|character flaw|cluelessness|dumbass|numpty|muppets?'
const PHRASES =
  "should(?: have)? know(?:n)? better|for whatever reason,? (?:that )?(?:we|i) (?:don't|do not|can't|cannot|couldn't|didn't) understand|(?:not|wasn't|weren't) paying attention|asleep at the wheel|(?:has|had|have) no business (?:touching|running|deploying|being|doing|near)|don'?t be (?:lazy|sloppy|careless|stupid|an idiot)|not (?:the sharpest|very bright)"

const ADJ_RE = new RegExp(String.raw`\b(?:${ADJECTIVES})\b`, 'gi')
const ADV_RE = new RegExp(String.raw`\b(?:${ADVERBS})\b`, 'gi')
const NOUN_RE = new RegExp(String.raw`\b(?:${NOUNS})\b`, 'gi')
const PHRASE_RE = new RegExp(String.raw`\b(?:${PHRASES})\b`, 'gi')
const COPULA_BEFORE =
  /\b(?:was|is|were|are|been|being|be|seems?|seemed|looked|acted|behaved)\s+(?:(?:so|very|really|extremely|too|pretty|quite|completely|totally|just|simply|clearly|obviously|frankly|incredibly|rather|a bit|being)\s+)*$/i

const SUGGESTION =
  'Remove the judgement and add the missing context: what information, time pressure or interface shaped the action?'

function hit(start: number, end: number, word: string): RuleHit {
  return {
    ruleId: ID,
    start,
    end,
    message: `"${word}" judges a person's character or competence.`,
    suggestion: SUGGESTION,
  }
}

/** "sloppy engineer", "hands-off system administrators": the adjective modifies a person. */
function modifiesPerson(scope: SentenceScope, i: number): boolean {
  for (let k = i + 1; k <= i + 4 && k < scope.tokens.length; k++) {
    const t = scope.tokens[k]
    if (!t) return false
    if (t.w === 'and' || t.w === ',' || t.w === 'or') continue
    if (!isWord(t)) return false
    if (classifyHead(scope, k).kind === 'person' || HUMAN_ACT_NOUNS.has(t.w)) return true
  }
  return false
}

function adjectiveHits(scope: SentenceScope): RuleHit[] {
  return eachMatch(ADJ_RE, scope.text, (m) => {
    if (negatedBefore(scope.text, m.index)) return null
    const i = tokenAt(scope, m.index)
    const before = scope.text.slice(Math.max(0, m.index - 40), m.index)
    const copula = before.match(COPULA_BEFORE)
    if (copula) {
      const subject = subjectBefore(scope, tokenAt(scope, m.index - copula[0].length))
      const head = scope.tokens[subject.index]?.w ?? ''
      if (subject.kind === 'person' || HUMAN_ACT_NOUNS.has(head))
        return { ...hit(m.index, m.index + m[0].length, m[0]), agent: subject }
      return null
    }
    return modifiesPerson(scope, i) ? hit(m.index, m.index + m[0].length, m[0]) : null
  })
}

/** "his ignorance", "the engineer's negligence", "negligence by the operator". */
function nounHits(scope: SentenceScope): RuleHit[] {
  return eachMatch(NOUN_RE, scope.text, (m) => {
    const i = tokenAt(scope, m.index)
    if (/^(?:idiot|moron|cowboy)/i.test(m[0])) return hit(m.index, m.index + m[0].length, m[0])
    for (let k = Math.max(0, i - 3); k < i; k++) {
      const w = scope.tokens[k]?.w ?? ''
      if (/^(?:his|her|their|my|your|our)$/.test(w)) return hit(m.index, m.index + m[0].length, m[0])
      if (w !== stripPossessive(w) && classifyHead(scope, k).kind === 'person')
        return hit(m.index, m.index + m[0].length, m[0])
    }
    const by = scope.text.slice(m.index + m[0].length).match(/^\s+(?:of|by|from|on the part of)\s+/i)
    const from = tokenAt(scope, m.index + m[0].length + (by?.[0].length ?? 0))
    if (by && firstNpHead(scope, from, scope.tokens.length).kind === 'person') {
      return hit(m.index, m.index + m[0].length, m[0])
    }
    return null
  })
}

export function detectCharacterJudgement(scope: SentenceScope): RuleHit[] {
  if (scope.meta) return []
  const adverbs = eachMatch(ADV_RE, scope.text, (m) =>
    clauseSubject(scope, tokenAt(scope, m.index)).kind === 'person'
      ? hit(m.index, m.index + m[0].length, m[0])
      : null,
  )
  const phrases = eachMatch(PHRASE_RE, scope.text, (m) => {
    const agent = subjectBefore(scope, tokenAt(scope, m.index))
    if (/paying/i.test(m[0]) && agent.kind !== 'person') return null
    return hit(m.index, m.index + m[0].length, m[0])
  })
  return [...adjectiveHits(scope), ...adverbs, ...nounHits(scope), ...phrases]
}

export const CHARACTER_TRIGGERS = [ADJECTIVES, ADVERBS, NOUNS, PHRASES]
