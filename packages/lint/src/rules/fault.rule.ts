// Explicit assignment of fault, blame or responsibility to a person or team.
import { classifyHead, firstNpHead, isVerbish, subjectBefore } from '../agent.analysis.ts'
import { negatedBefore } from '../context.guards.ts'
import { eachMatch, type RuleHit, type SentenceScope, tokenAt } from './rule.types.ts'

const ID = 'fault-attribution'

const POSSESSIVE_FAULT = /\b(?:[\w@.-]+'s?|his|her|their|your|my|our)\s+(?:own\s+)?fault\b/gi
const TO_BLAME =
  /\b(?:is|was|are|were|be)?\s*to blame\b(?!\s+(?:the|a|an|individuals?|people|persons?|someone|somebody|him|her|them|us|me|others|engineers?|operators?|humans?)\b)|\bblame (?:lies|rests|falls|lay) (?:with|on)\b|\b(?:put|place|placed|lay|laid|pin|pinned|assign|assigned) (?:the )?blame on\b|\bblamed\s+(?:it\s+on\s+)?(?:the |an? |our )?([\w@.-]+)/gi
const AT_FAULT = /\b(?:is|was|were|are)\s+(?:\w+\s+)?at fault\b|\bfault lies with\b/gi
const RESPONSIBLE =
  /\b(?:the|an?|those|whoever|who(?:ever)? (?:is|was))\s+(?:[\w-]+\s+)?responsible\b(?!\s+for\b)|\bresponsible for (?:the |this |that )?(?:[\w-]+ ){0,2}?(?:outage|incident|failure|breakage|mistake|error|downtime|problem|issue|mess|(?:change|deploy|commit|push|config|script) (?:that|which))\b/gi
const CAUSED_BY = /\b(?:caused|triggered|introduced|started) by\s+(?:the |an? |our |some )?([\w@.-]+)/gi
const BECAUSE =
  /\b(?:it|this|that) (?:was|is|happened|occurred) (?:all |only |entirely )?because$|\b(?:outage|incident|failure|problem|issue|downtime|breakage|crash|error)s? (?:\w+ ){0,3}?(?:started|began|happened|occurred|was caused|arose) because$/i
const BECAUSE_ANY = /\bbecause\b/gi
const INCIDENT =
  /\b(?:fail(?:ed|ure|s)?|outage|down|broke|broken|crash(?:ed)?|lost|errors?|incident|unavailable|degraded|corrupt(?:ed)?|overloaded|failed over)\b/i
const NEUTRAL_ACTS =
  /^(?:noticed|spotted|caught|paged|escalated|rolled|acted|responded|restarted|fixed|mitigated|believed|thought|assumed|expected|knew|did|was|were|had|followed|saw|found|reported|warned|asked|needed|wanted|tried|used|relied)$/
const WHO_QUESTION =
  /\bwho (?:signed off|signed|okayed|greenlit|let|allowed|reviewed|forgot|missed|skipped|ignored|pushed|broke|deployed|merged|caused|did|made|approved|wrote|changed|ran|deleted|dropped|shipped|committed|touched|is responsible|was responsible)\b[^?]*\?/gi
const CULPRIT =
  /\b(?:culprit|offender|guilty party) (?:was|is|turned out to be)\s+(?:the |an? |our )?([\w@.-]+)/gi

const SUGGESTION =
  'State the causal chain without an owner of fault: which change, which conditions made it possible, and which safeguard was missing.'

function hit(start: number, end: number, word: string): RuleHit {
  return {
    ruleId: ID,
    start,
    end,
    message: `"${word.trim()}" assigns fault to a person.`,
    suggestion: SUGGESTION,
  }
}

const personAt = (scope: SentenceScope, rel: number) => classifyHead(scope, tokenAt(scope, rel))

function directHits(scope: SentenceScope): RuleHit[] {
  const { text } = scope
  const possessive = eachMatch(POSSESSIVE_FAULT, text, (m) => {
    const owner = personAt(scope, m.index)
    // "anyone's fault" is nearly always denied ("not anyone's fault", "as anyone's fault").
    if (/^(?:anyone|anybody|nobody|everyone|everybody|no one)'s/i.test(m[0])) return null
    const named = /^(?:his|her|their|your|my|our)\b/i.test(m[0]) || owner.kind === 'person'
    return named && !negatedBefore(text, m.index)
      ? { ...hit(m.index, m.index + m[0].length, m[0]), agent: owner }
      : null
  })
  const blame = eachMatch(TO_BLAME, text, (m) => {
    if (negatedBefore(text, m.index)) return null
    const start = m.index + (m[0].length - m[0].trimStart().length)
    if (m[1])
      return personAt(scope, text.indexOf(m[1], m.index)).kind === 'person'
        ? hit(start, m.index + m[0].length, m[0])
        : null
    const agent = subjectBefore(scope, tokenAt(scope, start))
    if (agent.universal || /\b(?:no ?one|nobody|none)\b/i.test(text.slice(0, m.index))) return null
    return hit(start, m.index + m[0].length, m[0])
  })
  const atFault = eachMatch(AT_FAULT, text, (m) => {
    const agent = /lies with/i.test(m[0])
      ? firstNpHead(scope, tokenAt(scope, m.index + m[0].length), scope.tokens.length)
      : subjectBefore(scope, tokenAt(scope, m.index))
    return agent.kind === 'person' && !agent.universal && !negatedBefore(text, m.index)
      ? { ...hit(m.index, m.index + m[0].length, m[0]), agent }
      : null
  })
  return [...possessive, ...blame, ...atFault]
}

function causalHits(scope: SentenceScope): RuleHit[] {
  const { text } = scope
  const responsible = eachMatch(RESPONSIBLE, text, (m) => {
    if (
      /\b(?:collectively|jointly|all|everyone|shared)\b/i.test(
        text.slice(Math.max(0, m.index - 20), m.index + m[0].length),
      )
    )
      return null
    const agent = subjectBefore(scope, tokenAt(scope, m.index + m[0].toLowerCase().indexOf('responsible')))
    const person = agent.kind === 'person' || /^(?:those|whoever|who)/i.test(m[0])
    return person && !negatedBefore(text, m.index) ? hit(m.index, m.index + m[0].length, m[0]) : null
  })
  const causedBy = eachMatch(CAUSED_BY, text, (m) => {
    const agent = personAt(scope, text.indexOf(m[1] ?? '', m.index + 3))
    return agent.kind === 'person' && !agent.universal
      ? { ...hit(m.index, m.index + m[0].length, m[0]), agent }
      : null
  })
  const because = eachMatch(BECAUSE_ANY, text, (m) => {
    const agent = firstNpHead(scope, tokenAt(scope, m.index + m[0].length), scope.tokens.length)
    if (agent.kind !== 'person' || agent.universal) return null
    // A strong frame ("it was because…") always attributes; otherwise the person's act must be the
    // trigger of a failure, not a response or a belief ("because Alice noticed…", "…believed…").
    const strong = BECAUSE.test(text.slice(0, m.index + m[0].length))
    const verb = scope.tokens[agent.index + 1]?.w ?? ''
    if (!strong && (!isVerbish(verb) || NEUTRAL_ACTS.test(verb) || !INCIDENT.test(text))) return null
    return { ...hit(m.index, m.index + m[0].length, m[0]), agent }
  })
  const who = eachMatch(WHO_QUESTION, text, (m) =>
    hit(m.index, m.index + m[0].length - 1, m[0].split(/\s+/).slice(0, 2).join(' ')),
  )
  const culprit = eachMatch(CULPRIT, text, (m) =>
    personAt(scope, text.indexOf(m[1] ?? '', m.index + 7)).kind === 'person'
      ? hit(m.index, m.index + m[0].length, m[0])
      : null,
  )
  return [...responsible, ...causedBy, ...because, ...who, ...culprit]
}

export function detectFaultAttribution(scope: SentenceScope): RuleHit[] {
  if (scope.meta || scope.exculpated) return []
  return [...directHits(scope), ...causalHits(scope)]
}

export const FAULT_TRIGGERS = [
  'fault|blame|responsible|caused by|triggered by|introduced by|started by|because|who|culprit|offender|guilty',
]
