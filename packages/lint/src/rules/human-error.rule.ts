// "Human error" and its relatives used as an explanation. They end the inquiry where it should start.
import { negatedBefore } from '../context.guards.ts'
import { eachMatch, type RuleHit, type SentenceScope, textBefore } from './rule.types.ts'

const ID = 'human-error'

export const HUMAN_ERROR_TERMS =
  '(?:human|operator|user|engineer|engineering|pilot|personnel|staff|people|developer|admin|administrator|manual|individual)[- ]errors?|human[- ]mistakes?|(?:operator|user|engineer|staff|personnel|admin|human|developer|individual) (?:mistakes?|slips?|blunders?|fault|failure)|pebkac|pebcak|id10t|layer[- ]8 (?:issue|problem|error)|fat[- ]finger(?:ed|ing|s)?|(?:an|the|this|our|my|a simple|simple|human) oversight|oversight (?:by|on the part of|from)'

const TERM_RE = new RegExp(String.raw`\b(?:${HUMAN_ERROR_TERMS})\b`, 'gi')

/** Human error as something the system must cope with: "make the tooling robust to human error". */
const DESIGN_TARGET =
  /\b(?:handle|handles|handling|tolerate|tolerant of|resilient (?:to|against)|robust (?:to|against)|guard(?:s|ing)? against|protect(?:s|ing)? against|prevent(?:s|ing)?|reduce|reducing|minimi[sz]e|mitigate|account for|design(?:ed)? for|allow(?:s|ed|ing)?|turn(?:s|ed)?|let(?:s)?|expect|absorb|catch(?:es)?|against|proof)\s+(?:\w+\s+){0,3}$/i
const DENIAL =
  /\b(?:rather than|instead of|not|never|no|wasn't|isn't)\s+(?:an?\s+|the\s+|just\s+|simply\s+)?$/i

const GENERIC_COPULA =
  /^"?\s+(?:is|are|isn't|aren't)\s+(?:not |never |rarely |seldom |often |usually |almost |always |just |only |merely |simply )*(?:where|what|how|when|a|an|the|something|never|not|rarely|inevitable|normal|unavoidable|common|everywhere|part)\b/i

export function detectHumanError(scope: SentenceScope): RuleHit[] {
  if (scope.meta || scope.exculpated) return []
  return eachMatch(TERM_RE, scope.text, (m) => {
    const before = textBefore(scope.text, m.index, 50)
    if (DESIGN_TARGET.test(before) || DENIAL.test(before) || negatedBefore(scope.text, m.index)) return null
    // "Human error is where an investigation starts": the concept as the subject of a generic
    // present-tense statement is discussed, not given as this incident's cause.
    if (/^\W*$/.test(before) && GENERIC_COPULA.test(scope.text.slice(m.index + m[0].length))) return null
    return {
      ruleId: ID,
      start: m.index,
      end: m.index + m[0].length,
      message: `"${m[0]}" used as an explanation stops the inquiry at a person.`,
      suggestion:
        'Name the action and the condition that made it possible, e.g. "A configuration change during the upgrade moved traffic to a smaller pool; the change tooling did not check capacity."',
    }
  })
}

export const HUMAN_ERROR_TRIGGERS = [`(?:${HUMAN_ERROR_TERMS})\\b`]
