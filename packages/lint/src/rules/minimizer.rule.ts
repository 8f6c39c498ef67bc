// Hindsight minimizers: "just", "simply", "obviously" applied to what a person should have known
// or done. The same words about systems or time ("just after 14:05", "the fix simply reverts") pass.
import { clauseSubject, firstNpHead, subjectBefore } from '../agent.analysis.ts'
import { FAILURE_VERBS } from './failure-verb.rule.ts'
import { eachMatch, type RuleHit, type SentenceScope, tokenAt } from './rule.types.ts'

const ID = 'hindsight-minimizer'

const MINIMIZERS = 'just|simply|obviously|clearly|of course|easily|trivially|merely'
const MINIMIZER_RE = new RegExp(String.raw`\b(?:${MINIMIZERS})\b`, 'gi')
const DUTY_RE = new RegExp(
  String.raw`\b(?:${FAILURE_VERBS})|\b(?:needed to|had to|has to|have to|need to|should(?:n't)?|must|was supposed to|could have|would have|not paying attention|didn't|did not|wasn't|weren't)\b`,
  'i',
)
const COMPETENT_RE =
  /\bany (?:competent|decent|experienced|good|reasonable|sensible|half-decent|qualified|careful|seasoned|senior|real|proper)\s+[\w-]+/gi
const ALL_HAD_RE =
  /\ball (?:(?:he|she|they|you|we|i|[\w@.-]+)\s+)(?:had|needed|has|have|need) to do (?:was|is)\b/gi
const OBVIOUS_TO_RE =
  /\bhow (?:hard|difficult) (?:is|was|can) it (?:to|be to)\b|\b(?:painfully|blindingly|glaringly|patently|trivially|dead) (?:obvious|easy|clear|simple)\b|\bnot rocket science\b|\b\b(?:obvious|clear|apparent|evident) to (?:anyone|everyone|anybody|everybody|any\s+[\w-]+)\b/gi

const SUGGESTION = 'Delete the minimizer and say what made the right action hard to see at the time.'

function hit(start: number, end: number, word: string): RuleHit {
  return {
    ruleId: ID,
    start,
    end,
    message: `"${word}" implies the right action was easy, with hindsight.`,
    suggestion: SUGGESTION,
  }
}

/** The comma-delimited segment around `rel`: minimizers attach to their own clause. */
function segment(text: string, rel: number): [number, number] {
  const left = Math.max(text.lastIndexOf(',', rel), text.lastIndexOf(';', rel))
  const rightComma = text.slice(rel).search(/[,;]/)
  return [left + 1, rightComma < 0 ? text.length : rel + rightComma]
}

function minimizerHits(scope: SentenceScope): RuleHit[] {
  return eachMatch(MINIMIZER_RE, scope.text, (m) => {
    const [from, to] = segment(scope.text, m.index)
    const seg = scope.text.slice(from, to)
    if (!DUTY_RE.test(seg)) return null
    const i = tokenAt(scope, m.index)
    const atStart = scope.text.slice(from, m.index).trim() === ''
    const agent = atStart
      ? firstNpHead(scope, i + 1, tokenAt(scope, to))
      : clauseSubject(scope, i).kind === 'person'
        ? clauseSubject(scope, i)
        : subjectBefore(scope, i)
    return agent.kind === 'person' ? { ...hit(m.index, m.index + m[0].length, m[0]), agent } : null
  })
}

export function detectMinimizers(scope: SentenceScope): RuleHit[] {
  if (scope.meta) return []
  const phrase = (re: RegExp): RuleHit[] =>
    eachMatch(re, scope.text, (m) => hit(m.index, m.index + m[0].length, m[0]))
  return [...minimizerHits(scope), ...phrase(COMPETENT_RE), ...phrase(ALL_HAD_RE), ...phrase(OBVIOUS_TO_RE)]
}

export const MINIMIZER_TRIGGERS = [
  MINIMIZERS,
  'any (?:competent|decent|experienced|good|reasonable|sensible|half-decent|qualified|careful|seasoned|senior|real|proper)',
  String.raw`all (?:\S+ ){1,2}(?:had|needed|has|have|need) to do|(?:obvious|clear|apparent|evident) to|how (?:hard|difficult)|(?:painfully|blindingly|glaringly|patently|trivially|dead) (?:obvious|easy|clear|simple)|not rocket science`,
]
