// Punishment or sanction of a person. It belongs in HR processes, not in a learning document.
import { classifyHead, subjectBefore } from '../agent.analysis.ts'
import { negatedBefore } from '../context.guards.ts'
import { eachMatch, type RuleHit, type SentenceScope, tokenAt } from './rule.types.ts'

const ID = 'punitive'

const SANCTION =
  'fired|let go|terminated|sacked|dismissed|reprimanded|disciplined|suspended|demoted|written up|counsell?ed|reassigned|punished|put on (?:a |an )?(?:pip|performance (?:improvement )?plan|probation|notice)|placed on (?:a |an )?(?:pip|performance (?:improvement )?plan|probation|notice|leave|administrative leave)|walked out(?: of the building)?|escorted out|shown the door|let go|sent home|stood down|docked|stripped of [w ]{0,30}?(?:rights|access|privileges|role|duties)'
/** Passive sanctions: "was let go", "has been reprimanded", 'is "counseled"'. */
const PASSIVE_RE = new RegExp(
  String.raw`\b(?:was|were|got|been|be|being|is|are|get)\s+(?:\w+ly\s+|"\s*)?(?:${SANCTION})\b`,
  'gi',
)
/** Active sanctions with a person object: "fired the engineer", "let him go". */
const ACTIVE_RE =
  /\b(?:fired|sacked|reprimanded|disciplined|suspended|demoted|counsell?ed|punished)\s+(?:the |that |this |our |an? )?(?:[\w-]+\s+)?([\w@'.-]+)|\blet\s+([\w@'.-]+)\s+go\b/gi
const PHRASE_RE = new RegExp(
  [
    String.raw`\b(?:formal|written|final|verbal) warning\b`,
    String.raw`\bdisciplinary\b`,
    String.raw`\bheld (?:personally )?(?:accountable|responsible)\b`,
    String.raw`\b(?:remov(?:e|ed|ing)|pull(?:ed|ing)?|tak(?:e|en|ing)|took|kick(?:ed)?) (?:(?:him|her|them|me|us)\s+)?(?:off|from|out of) (?:the )?(?:[\w-]+ )?(?:rotation|on-?call|pager)\b`,
    String.raw`\btaken action (?:with|against)\b|\bt(?:ake|aking|ook) (?:disciplinary )?action against\b`,
    String.raw`\blegal (?:[\w']+ ){0,4}?(?:get|be|become|getting) involved\b|\blegal action\b`,
    String.raw`\btold (?:me|him|her|them) to leave\b`,
    String.raw`\bshown the door\b|\blost (?:his|her|their|my) jobs?\b`,
    String.raw`\b(?:banned|barred) from\b`,
    String.raw`\bput (?:him|her|them|me|us|[\w@.-]+) on (?:a |an )?(?:pip|performance (?:improvement )?plan|probation|notice)\b`,
    String.raw`\bheads? (?:will|would|should|must|are going to|is going to|may|might|are gonna|will have to) roll\b|\bheads? rolled\b`,
    String.raw`\b(?:fireable|sackable|firing) offen[cs]e\b|\bgrounds for (?:dismissal|termination|firing)\b`,
    String.raw`\bsuspend(?:ed|ing)? without pay\b|\bsuspend(?:ed|ing)? (?:the |that |an? )?(?:[\w-]+ ){0,3}?(?:engineer|employee|worker|manager|operator|admin|developer|contractor|staffer)\b`,
    String.raw`\blet (?:the |that |this |our |an? )?(?:[\w-]+ ){0,2}?(?:engineer|employee|worker|contractor|intern|developer|admin|guy|operator|staffer|person|hire) go\b`,
    String.raw`\b(?:lose|loses|lost|losing|revoke|revoked|strip|stripped|pull|pulled|take away|took away|taken away) (?:(?:his|her|their|my|your|[\w@.-]+'s?) )?(?:deploy|deployment|production|prod|merge|commit|admin|root|write|push|sudo|on-?call|release)(?: \w+)? (?:rights|access|privileges|permissions|keys)\b`,
    String.raw`\b(?:deploy|deployment|production|prod|merge|commit|admin|root|write|push|sudo|release) (?:rights|access|privileges|permissions) (?:were|was|have been|has been|got|are|is|will be) (?:taken away|pulled|stripped|removed|revoked|suspended|withdrawn)\b`,
    String.raw`\b(?:prevented|stopped|kept|blocked) from (?:ever )?(?:touching|deploying|merging|pushing|working on)\b|\bno longer (?:be )?(?:allowed|permitted|trusted) to (?:deploy|touch|merge|push|work on|be on)\b`,
    String.raw`\btoo risky for (?:me|him|her|them) to stay\b|\b(?:wants?|want|wanted|going) to (?:fire|sack|punish|discipline) (?:him|her|them|me)\b|\bput (?:him|her|them|me) on (?:a |an )?pip\b`,
    String.raw`\bon (?:a |an )?(?:pip|performance (?:improvement )?plan)\b|\bthe pip\b`,
  ].join('|'),
  'gi',
)
const ACCESS_RE =
  /\b(?:access|permissions|privileges|rights)\s+(?:has|have|was|were|had|is|are)\s+(?:been\s+)?(?:revoked|removed|suspended|pulled)\b|\b(?:revoked|removed|suspended|pulled)\s+(?:his|her|their|[\w@.-]+'s?)\s+(?:[\w-]+\s+)?(?:access|permissions|privileges|rights)\b/gi

const SUGGESTION =
  'Leave sanctions out of the review. If access changed as a control, describe the control, e.g. "Production writes now require a second approver."'

function hit(start: number, end: number, word: string): RuleHit {
  return {
    ruleId: ID,
    start,
    end,
    message: `"${word}" describes a punishment; fear of it stops people reporting.`,
    suggestion: SUGGESTION,
  }
}

export function detectPunitive(scope: SentenceScope): RuleHit[] {
  if (scope.meta) return []
  const { text } = scope
  const passive = eachMatch(PASSIVE_RE, text, (m) => {
    if (negatedBefore(text, m.index)) return null
    const agent = subjectBefore(scope, tokenAt(scope, m.index))
    return agent.kind === 'person' ? { ...hit(m.index, m.index + m[0].length, m[0]), agent } : null
  })
  const active = eachMatch(ACTIVE_RE, text, (m) => {
    const object = m[1] ?? m[2] ?? ''
    const k = tokenAt(scope, text.indexOf(object, m.index))
    if (negatedBefore(text, m.index) || classifyHead(scope, k).kind !== 'person') return null
    return hit(m.index, m.index + m[0].length, m[0])
  })
  const phrases = eachMatch(PHRASE_RE, text, (m) =>
    negatedBefore(text, m.index) ? null : hit(m.index, m.index + m[0].length, m[0]),
  )
  const access = eachMatch(ACCESS_RE, text, (m) => {
    const agent = subjectBefore(scope, tokenAt(scope, m.index))
    const possessive = /\b(?:his|her|their|[\w@.-]+'s?)\s+(?:[\w-]+\s+)?(?:access|permissions)/i.test(m[0])
    if (agent.kind !== 'person' && agent.possessor < 0 && !possessive) return null
    return { ...hit(m.index, m.index + m[0].length, m[0]), agent }
  })
  return [...passive, ...active, ...phrases, ...access]
}

export const PUNITIVE_TRIGGERS = [
  SANCTION,
  'pip|performance|heads?|fireable|sackable|firing|grounds|without pay|suspend\\w*|let|lose|loses|lost|losing|strip\\w*|take away|took away|taken away|rights|access|privileges|prevented|stopped|kept|blocked|no longer|too risky|wants?|want|wanted|going to|warning|disciplinary|accountable|rotation|on-?call|pager|action (?:with|against)|legal|to leave|the door|jobs?|banned|barred|revoked|removed|suspended|pulled',
]
