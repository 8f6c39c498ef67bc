// A named person (someone on the roster) presented as the cause, even with a neutral verb:
// "the migration was deployed by <name>", "<name>'s change took checkout down". Other rules that
// find a roster person as the agent of blame also report the name here (see `namedCompanions`).
import { classifyHead, subjectBefore } from '../agent.analysis.ts'
import { CHANGE_NOUNS } from '../lexicon.data.ts'
import { eachMatch, type RuleHit, type SentenceScope, tokenAt } from './rule.types.ts'

export const NAMED_ID = 'named-person-blame'

const CHANGE_VERBS =
  'deployed|merged|pushed|run|executed|applied|written|introduced|made|changed|deleted|removed|configured|shipped|released|committed|triggered|caused|started|initiated|authored|rolled out|modified|edited|dropped|broken|landed|added|created|enabled|disabled|updated|toggled|flipped|upgraded|scaled|scheduled'
const BY_NAME = new RegExp(
  String.raw`\b(?:was|were|been|got)\s+(?:\w+ly\s+)?(?:${CHANGE_VERBS})\s+(?:[\w-]+\s+){0,3}?by\s+([\w@.'-]*\w)`,
  'gi',
)
const REPAIR_SUBJECT =
  /^(?:fix|fixes|hotfix|rollback|revert|mitigation|patch|restore|recovery|failover|remediation|workaround|runbook|postmortem|review|alert|page|incident|announcement)$/
const CAUSAL =
  /\b(?:caused|broke|took|knocked|locked|crashed|brought|triggered|led to|resulted in|overloaded|deleted|dropped|wiped|corrupted|is what|was what|started the|set off|blocked|exhausted|saturated|filled)\b/i

export const namedHit = (scope: SentenceScope, index: number): RuleHit | null => {
  const t = scope.tokens[index]
  if (!t) return null
  const name = t.raw.replace(/'s?$/, '')
  return {
    ruleId: NAMED_ID,
    start: t.s,
    end: t.s + name.length,
    message: `"${name}" is presented as the cause of the incident.`,
    suggestion: `Make the change or the system the subject instead of ${name}, e.g. "The migration ran without an approval step because the tool does not require one." Keep names for observations ("${name} noticed …").`,
  }
}

function byNameHits(scope: SentenceScope): RuleHit[] {
  return eachMatch(BY_NAME, scope.text, (m) => {
    const at = m.index + m[0].length - (m[1]?.length ?? 0)
    const k = tokenAt(scope, at)
    const person = classifyHead(scope, k)
    if (!person.named) return null
    const subject = subjectBefore(scope, tokenAt(scope, m.index))
    if (REPAIR_SUBJECT.test(scope.tokens[subject.index]?.w ?? '')) return null
    if (/\bthanks\b|\bthank\b/i.test(scope.text)) return null
    return namedHit(scope, k)
  })
}

/** "<Name>'s migration locked the table": a possessed change plus a causal verb. */
function possessiveHits(scope: SentenceScope): RuleHit[] {
  const out: RuleHit[] = []
  if (!CAUSAL.test(scope.text)) return out
  scope.tokens.forEach((t, k) => {
    if (!/'s?$/.test(t.w) || !scope.roster.has(t.raw)) return
    for (let n = k + 1; n <= k + 3 && n < scope.tokens.length; n++) {
      if (CHANGE_NOUNS.has(scope.tokens[n]?.w ?? '')) {
        const hit = namedHit(scope, k)
        if (hit) out.push(hit)
        return
      }
    }
  })
  return out
}

export function detectNamedPerson(scope: SentenceScope): RuleHit[] {
  if (scope.meta || scope.exculpated) return []
  return [...byNameHits(scope), ...possessiveHits(scope)]
}

/** Named-person findings for other rules' hits whose agent (or its owner) is on the roster. */
export function namedCompanions(scope: SentenceScope, hits: readonly RuleHit[]): RuleHit[] {
  const out: RuleHit[] = []
  for (const h of hits) {
    const a = h.agent
    if (!a || h.ruleId === NAMED_ID) continue
    for (const k of [a.index, a.possessor]) {
      if (k >= 0 && scope.roster.has(scope.tokens[k]?.raw ?? '')) {
        const hit = namedHit(scope, k)
        if (hit) out.push(hit)
      }
    }
  }
  return out
}
