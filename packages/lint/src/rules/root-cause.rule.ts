// A root-cause statement that resolves to a person or a person's act. In the `causes` profile, any
// single "the root cause was …" statement also gets a gentle nudge towards contributing factors.
import { type Agent, firstNpHead, subjectBefore } from '../agent.analysis.ts'
import { CHANGE_NOUNS, ERROR_NOUNS } from '../lexicon.data.ts'
import { HUMAN_ERROR_TERMS } from './human-error.rule.ts'
import { eachMatch, type RuleHit, type SentenceScope, tokenAt } from './rule.types.ts'

const ID = 'single-root-cause'
const FRAMING_ID = 'root-cause-framing'

const CAUSE =
  '(?:(?:one |single |only |sole )?(?:true |real |actual |primary |main |ultimate |underlying |immediate )?root[- ]cause|(?:true|real|actual|primary|main|ultimate|underlying|sole|single) cause)'
const FORWARD = new RegExp(
  String.raw`\b${CAUSE}(?:\s+(?:of|for|behind)\s+(?:[\w'-]+\s+){0,6}?[\w'-]+)?\s*(?:(?:was|is|were|are|turned out to be|came down to|boils down to|boiled down to)\b|:)`,
  'gi',
)
const REVERSE = new RegExp(String.raw`\b(?:was|is|were|are)\s+(?:the|a|our)\s+${CAUSE}\b`, 'gi')
const HUMAN_ERROR_RE = new RegExp(String.raw`^\s*(?:an? |the )?(?:${HUMAN_ERROR_TERMS})\b`, 'i')
const HUMAN_ERROR_ANY = new RegExp(String.raw`\b(?:${HUMAN_ERROR_TERMS})\b`, 'i')
const NEGATED = /\b(?:no|not|never|isn't|wasn't|n't)\s+(?:\w+\s+){0,2}$/i

/** True when the complement names a person, a person's act or mistake, or human error. */
function resolvesToPerson(scope: SentenceScope, agent: Agent, complement: string): boolean {
  if (HUMAN_ERROR_RE.test(complement)) return true
  if (agent.kind === 'person') return true
  const head = scope.tokens[agent.index]?.w ?? ''
  if (agent.possessor < 0) return false
  if (ERROR_NOUNS.has(head)) return true
  // "Priya's migration" resolves to Priya; "our migration" does not single anyone out.
  return /'s?$/.test(scope.tokens[agent.possessor]?.w ?? '') && CHANGE_NOUNS.has(head)
}

function complementAgent(scope: SentenceScope, from: number): { agent: Agent; text: string } {
  let text = scope.text.slice(from)
  const lead =
    text.match(/^\s*(?:that|simply|just|clearly|obviously|caused by|due to)?\s*(?:by\s+)?/i)?.[0] ?? ''
  text = text.slice(lead.length)
  const start = tokenAt(scope, from + lead.length)
  return { agent: firstNpHead(scope, start, scope.tokens.length), text }
}

function forwardHits(scope: SentenceScope): RuleHit[] {
  return eachMatch(FORWARD, scope.text, (m) => {
    if (NEGATED.test(scope.text.slice(Math.max(0, m.index - 25), m.index))) return null
    const after = scope.text.slice(m.index + m[0].length)
    if (/^\s*(?:not|never|unknown|unclear|still)\b/i.test(after)) return null
    const { agent, text } = complementAgent(scope, m.index + m[0].length)
    const end = m.index + m[0].length
    if (resolvesToPerson(scope, agent, text)) {
      return {
        ruleId: ID,
        start: m.index,
        end,
        agent,
        message: "The root-cause slot holds a person or a person's act.",
        suggestion:
          'Use "contributing factors" and list the conditions that made the action possible (tooling, defaults, review, alerting); never put an individual\'s action in the root-cause slot.',
      }
    }
    if (scope.question !== 'causes' || /^\s*(?:caused|due)\b/i.test(after)) return null
    return {
      ruleId: FRAMING_ID,
      start: m.index,
      end,
      message: 'A single root cause hides the other contributing factors.',
      suggestion:
        'Rephrase as "Contributing factors included …" and list the other conditions (detection, tooling, process) that combined with this one.',
    }
  })
}

function reverseHits(scope: SentenceScope): RuleHit[] {
  return eachMatch(REVERSE, scope.text, (m) => {
    const agent = subjectBefore(scope, tokenAt(scope, m.index))
    const clause =
      scope.text
        .slice(0, m.index)
        .split(/[,;:]|\bthat\b/i)
        .pop() ?? ''
    if (!HUMAN_ERROR_ANY.test(clause) && !resolvesToPerson(scope, agent, '')) return null
    return {
      ruleId: ID,
      start: m.index,
      end: m.index + m[0].length,
      agent,
      message: "A person's act is named as the cause.",
      suggestion:
        'List the contributing factors instead of naming one cause: what allowed the action, and what failed to catch it?',
    }
  })
}

export function detectRootCause(scope: SentenceScope): RuleHit[] {
  if (scope.meta || scope.exculpated) return []
  return [...forwardHits(scope), ...reverseHits(scope)]
}

export const ROOT_CAUSE_TRIGGERS = [
  'root[- ]cause|(?:true|real|actual|primary|main|ultimate|underlying|sole|single) cause',
]
