// Remediation aimed at a person's vigilance ("be more careful", "double-check", "retrain the
// engineer"). People cannot be made reliably more careful; systems can be changed.
import { classifyHead, clauseSubject, firstNpHead, subjectBefore } from '../agent.analysis.ts'
import { eachMatch, type RuleHit, type SentenceScope, tokenAt } from './rule.types.ts'

const ID = 'person-remediation'
const VIGILANCE_ID = 'vigilance-action-item'

const CAREFUL = 'careful|vigilant|cautious|diligent|attentive|mindful|thorough|alert|disciplined'
const BE_CAREFUL_RE = new RegExp(
  String.raw`\bbe (?:(?:more|extra|especially|even more|much more|a lot more|a bit more|very|really|super)\s+)(?:${CAREFUL})\b|\bbe (?:${CAREFUL})\b(?=[^.;]*\b(?:next time|in (?:the )?future|going forward|from now on|when|before)\b)`,
  'gi',
)
const PHRASE_RE =
  /\bmore (?:carefully|closely|attentively|diligently|thoroughly)\b|\bpay(?:ing)? (?:more|closer|better|extra|greater|careful)? ?attention\b|\bthink twice\b|\btake (?:more|extra|greater|better) care\b|\bdo what (?:you|they|we|he|she) should\b|\bdo (?:your|their|his|her) jobs?\b|\bbe more (?:responsible|professional)\b|\bslow down and\b|\b(?:need|needs|needed|have|has|must|should|will|got) to slow down\b|\bfollow (?:the |our )?(?:runbook|checklist|process|procedure|playbook)s? (?:exactly|to the letter|more closely|carefully|properly|every time|without exception)\b|^\W*(?:carefully|always|please) (?:review|check|read|verify|confirm|look)\b/gi
const DOUBLE_CHECK_RE = /\b(?:double|triple)[- ]check\b/gi
const REMIND_RE =
  /\bremind(?:ed|ing|s)?\s+((?:the |all |our |every |each )?[\w@.-]+(?: [\w-]+)?)\s+(?:to|of|about)\b/gi
const TRAIN_RE =
  /\b(?:re-?train(?:ed|ing)?|additional training|more training|further training|(?:to|will|must|should) shadow|coach(?:ed|ing)?)\b/gi
const VIGILANCE_RE =
  /\b(?:make sure (?:to|that (?:we|you|they|engineers|the on-?call))|remember to|try harder|stay (?:alert|vigilant|on top of)|keep an eye on|be aware of|take care to|watch out for)\b/gi

const SUGGESTION =
  'Turn this into a system or process change: a check, guard rail or automation that makes the safe path the default (e.g. "Block deploys to production without a passing dry-run").'

function hit(id: string, start: number, end: number, word: string): RuleHit {
  return {
    ruleId: id,
    start,
    end,
    message: `"${word}" asks a person to be more vigilant instead of changing the system.`,
    suggestion: SUGGESTION,
  }
}

/** A person, an imperative (no subject) or "to <verb>" after a person counts; a system subject does not. */
function aimsAtPerson(scope: SentenceScope, rel: number, useClause = false): boolean {
  const i = tokenAt(scope, rel)
  const agent = useClause ? clauseSubject(scope, i) : subjectBefore(scope, i)
  // No subject at all is an imperative ("Be more careful next time"), which is aimed at people.
  return agent.kind === 'person' || agent.kind === 'none'
}

function trainingHits(scope: SentenceScope): RuleHit[] {
  return eachMatch(TRAIN_RE, scope.text, (m) => {
    const after = firstNpHead(scope, tokenAt(scope, m.index + m[0].length), scope.tokens.length)
    const before = subjectBefore(scope, tokenAt(scope, m.index))
    const person = after.kind === 'person' || before.kind === 'person'
    return person && after.kind !== 'system' ? hit(ID, m.index, m.index + m[0].length, m[0]) : null
  })
}

export function detectRemediation(scope: SentenceScope): RuleHit[] {
  if (scope.meta) return []
  const { text } = scope
  const careful = eachMatch(BE_CAREFUL_RE, text, (m) =>
    aimsAtPerson(scope, m.index) ? hit(ID, m.index, m.index + m[0].length, m[0]) : null,
  )
  const phrases = eachMatch(PHRASE_RE, text, (m) =>
    aimsAtPerson(scope, m.index, true) ? hit(ID, m.index, m.index + m[0].length, m[0]) : null,
  )
  const doubleCheck = eachMatch(DOUBLE_CHECK_RE, text, (m) => {
    // Base form only: "I double-checked the config" is narration, "double-check X" is an instruction.
    if (/^(?:ed|s|ing)/i.test(text.slice(m.index + m[0].length))) return null
    return aimsAtPerson(scope, m.index) ? hit(ID, m.index, m.index + m[0].length, m[0]) : null
  })
  const remind = eachMatch(REMIND_RE, text, (m) => {
    const k = tokenAt(scope, m.index + m[0].indexOf(m[1] ?? '') + (m[1]?.lastIndexOf(' ') ?? -1) + 1)
    const who = classifyHead(scope, k)
    return who.kind === 'person' ? hit(ID, m.index, m.index + m[0].length, m[0]) : null
  })
  const vigilance =
    scope.question === 'nextTime'
      ? eachMatch(VIGILANCE_RE, text, (m) =>
          aimsAtPerson(scope, m.index) ? hit(VIGILANCE_ID, m.index, m.index + m[0].length, m[0]) : null,
        )
      : []
  return [...careful, ...phrases, ...doubleCheck, ...remind, ...trainingHits(scope), ...vigilance]
}

export const REMEDIATION_TRIGGERS = [
  `be (?:more |extra |especially |even more |much more |a lot more |a bit more |very |really |super )?(?:${CAREFUL})`,
  'more (?:carefully|closely|attentively|diligently|thoroughly)|attention|think twice|care|do what|do (?:your|their|his|her) job',
  '(?:double|triple)[- ]check|remind|re-?train|training|shadow|coach',
  'make sure|remember to|try harder|stay (?:alert|vigilant|on top)|keep an eye|be aware|take care|watch out',
]
