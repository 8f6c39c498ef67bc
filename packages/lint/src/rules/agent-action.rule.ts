// Agent × action × framing. Runs on every sentence, not only those holding a listed blame word: a
// person (roster name, handle, guessed name, role, team, pronoun) doing an ordinary act becomes blame
// when the sentence frames the act as what caused the failure ("X merged the change and the API fell
// over", "the delay was down to X's merge"), assigns the outcome to them ("responsibility rests with
// X", "X is why…"), puts them as the agent of a passive with a faulty result ("a wrong flag was set by
// X"), or asks a question that presupposes their error ("how did X miss…?").
import { type Agent, classifyHead, firstNpHead, subjectBefore } from '../agent.analysis.ts'
import { toBase } from '../suggest.text.ts'
import type { Token } from '../text.tokens.ts'
import { isVerbish, isWord, PAST_VERBS } from '../word.classes.ts'
import { eachMatch, type RuleHit, type SentenceScope, tokenAt } from './rule.types.ts'

const NAMED_ID = 'named-person-blame'
const FAULT_ID = 'fault-attribution'
const FAILURE_ID = 'failure-verb-person-subject'

/** Outcomes that are plainly a failure of the system: the "result" half of a causal frame. */
export const BAD_OUTCOME =
  /\b(?:went (?:down|dark|offline|sideways|belly[- ]up)|fell over|fell down|keeled over|crashed|crash(?:ing)?|broke|broken|outages?|downtime|(?:took|knocked|brought|taking|knocking|bringing) (?:[\w'-]+ ){0,4}?(?:down|offline|out|over)|wiped|corrupt(?:ed|ing)?|lost|losing|locked (?:[\w'-]+ ){0,3}?out|timed out|timing out|stopped (?:working|serving|responding)|overflow(?:ed|ing)?|overloaded|melted down|meltdown|errors? (?:spiked|soared|climbed)|5\d\d(?:s|errors)|data loss|duplicate[ds]?|double[- ]charged|unavailable|failed|failing|failures?|delay(?:ed)?|backlog (?:grew|ballooned|exploded|built up|climbed)|breach|leaked|exposed|page[ds]? (?:everyone|the whole)|pile[ds]? up|backed up|degraded)\b/i

/** Good outcomes: gratitude and recovery ("thanks to X the failover finished in four minutes"). */
const GOOD_OUTCOME =
  /\b(?:recover(?:ed|y)|clear(?:ed|ing)?|drain(?:ed|ing)?|returned|normal|stabili[sz]ed|restor(?:ed|e)|quick(?:ly)?|fast|swift(?:ly)?|finish(?:ed)?|saved|help(?:ed)?|caught|spotted|noticed|resolved|mitigated|prevented|avoided|contained|fixed|stayed up|kept|grateful|kudos|great|excellent|heroic)\b/i

/** Ordinary acts that, done by a person, can be presented as the cause ("pushed", "ran", "edited"). */
const ACT_VERBS = new Set(
  `push pushed merge merged deploy deployed run ran rerun execute executed apply applied edit edited change
  changed restart restarted reboot rebooted delete deleted remove removed drop dropped truncate truncated
  ship shipped release released roll rolled flip flipped toggle toggled enable enabled disable disabled
  approve approved commit committed configure configured update updated upgrade upgraded rename renamed move
  moved copy copied paste pasted type typed trigger triggered kick kicked start started launch launched
  unplug unplugged turn turned switch switched scale scaled migrate migrated rotate rotated revoke revoked
  force-push force-pushed overwrite overwrote overwritten set reset install installed uninstall uninstalled
  write wrote introduce introduced add added patch patched modify modified tag tagged promote promoted
  cancel cancelled canceled kill killed stop stopped shut purge purged wipe wiped point pointed send sent
  decide decided choose chose hit click clicked press pressed select selected pick picked`.split(/\s+/),
)

const isAct = (w: string): boolean => ACT_VERBS.has(w) || ACT_VERBS.has(toBase(w))
/** A consequence that is only possible, feared or avoided is not an outcome. */
const HYPOTHETICAL_OUTCOME =
  /\b(?:risk(?:ed|s|ing)?|could|would|might|may|can|avoid(?:ed|ing)?|prevent(?:ed|ing)?|without|nearly|almost|if|unless|instead)\b/i
const pastOrPresent = (w: string): boolean => isVerbish(w) || PAST_VERBS.has(w) || /[^s]s$/.test(w)

/** Person agents that can be blamed: not "we"/"us" narration, not universal or hypothetical. */
function blamable(scope: SentenceScope, agent: Agent, selfToo = false): boolean {
  if (agent.kind !== 'person' || agent.universal) return false
  const head = scope.tokens[agent.index]?.w ?? ''
  if (!selfToo && /^(?:we|us|our|ours|i|me|my|you|your)$/.test(head)) return false
  if (agent.indefinite && /\b(?:if|when|whenever|unless)\b/i.test(scope.text)) return false
  return true
}

const hitFor = (scope: SentenceScope, agent: Agent, start: number, end: number, what: string): RuleHit => {
  const t = scope.tokens[agent.index] as Token
  const name = t.raw.replace(/'s?$/, '')
  if (agent.named)
    return {
      ruleId: NAMED_ID,
      start: t.s,
      end: t.s + name.length,
      agent,
      message: `"${name}" is presented as the cause of the incident (${what}).`,
      suggestion: `Make the change or the system the subject instead of ${name}: say what the change did and which safeguard did not stop it. Keep names for observations ("${name} noticed …").`,
    }
  return {
    ruleId: FAULT_ID,
    start,
    end,
    agent,
    message: `A person is presented as the cause of the failure (${what}).`,
    suggestion:
      'State the causal chain with the change or the system as the subject: which change, which conditions made it possible, which safeguard was missing.',
  }
}

/** "X merged the change and the API fell over", "X edited the config, which took the site offline". */
function actionOutcomeHits(scope: SentenceScope): RuleHit[] {
  const { tokens, text } = scope
  const out: RuleHit[] = []
  if (!BAD_OUTCOME.test(text)) return out
  for (let i = 1; i < tokens.length; i++) {
    const v = tokens[i] as Token
    if (!isAct(v.w) || !pastOrPresent(v.w)) continue
    const prev = tokens[i - 1]?.w ?? ''
    if (/^(?:to|be|been|being|was|were|is|are|has|have|had)$/.test(prev)) continue
    const agent = subjectBefore(scope, i)
    if (!blamable(scope, agent) || agent.index >= i) continue
    const rest = text.slice(v.e)
    // The result must follow the act in a linked clause: "and …", ", which …", "so …", "causing …".
    const link = rest.match(
      /^[^.;:?!]*?(?:,?\s+and(?: then)?\s+|,\s*(?:which|causing|taking|bringing|knocking|breaking|so)\b|\s+(?:which|that) (?:then )?|\s+(?:causing|so that|so)\s+)([^.;:?!]*)/i,
    )
    const outcome = link?.[1] ?? ''
    if (!BAD_OUTCOME.test(outcome) || GOOD_OUTCOME.test(outcome) || HYPOTHETICAL_OUTCOME.test(outcome))
      continue
    out.push(hitFor(scope, agent, tokens[agent.index]?.s ?? 0, v.e, `"${v.raw}" and then a failure`))
    break
  }
  return out
}

const BECAUSE_LEAD = /^\W*(?:because|since|as a result of|all because)\s+/i

/** "Because X restarted the primary mid-backup, the snapshot was corrupted." */
function becauseHits(scope: SentenceScope): RuleHit[] {
  const m = scope.text.match(BECAUSE_LEAD)
  if (!m) return []
  const comma = scope.text.indexOf(',', m[0].length)
  if (comma < 0 || !BAD_OUTCOME.test(scope.text.slice(comma)) || GOOD_OUTCOME.test(scope.text.slice(comma)))
    return []
  const agent = firstNpHead(scope, tokenAt(scope, m[0].length), tokenAt(scope, comma))
  if (!blamable(scope, agent)) return []
  const verb = scope.tokens[agent.index + 1]?.w ?? ''
  if (!isAct(verb)) return []
  return [hitFor(scope, agent, 0, comma, 'their act given as the reason for the failure')]
}

/** Heads of the noun phrase starting at token `k`, with its possessor ("Arjun's late merge" → Arjun). */
function npAgentFrom(scope: SentenceScope, k: number): Agent {
  const { tokens } = scope
  for (let j = k; j < Math.min(tokens.length, k + 6); j++) {
    const t = tokens[j] as Token
    if (!isWord(t)) break
    const a = classifyHead(scope, j)
    if (a.kind === 'person') return a
    if (/'s?$/.test(t.w)) continue
  }
  return firstNpHead(scope, k, tokens.length)
}

const ATTRIBUTION =
  /\b(?:(?:the )?(?:responsibility|accountability|blame|fault|buck|onus|liability)(?: for [^,.;]{1,50}?)? (?:lies|lay|lie|rests|rested|rest|sits|sat|falls|fell|stops|stopped|lands|landed|is|was) (?:\w+ly )?(?:with|on|upon|at the feet of)|(?:was|is|were|are|all|entirely|squarely|solely|mostly) down to|(?:came|comes|boiled|boils|come) down to|courtesy of|(?:mess|outage|incident|problem|trouble|breakage|failure|downtime) (?:all )?(?:started|began|kicked off) (?:when|because)|(?:we|you|they|i) (?:can|could|have to|get to) thank|chalk(?:ed)? (?:it |this )?up to)\s+/gi
const THANKS_TO = /\bthanks to\s+/gi
const IS_WHY =
  /\b(?:is|was|are|were) (?:the (?:(?:main|real|only|sole|whole|actual) )?(?:reason|cause|culprit)|why|the one who)\b/gi
const ON_PERSON =
  /\b(?:this|that|it|this one|that one|the (?:outage|incident|failure|mess|breakage|downtime)) (?:is|was|'s) (?:all |entirely |squarely |totally |completely |100% )?on\s+/gi

function attributionHits(scope: SentenceScope): RuleHit[] {
  const { text } = scope
  const after = (m: RegExpExecArray): Agent => npAgentFrom(scope, tokenAt(scope, m.index + m[0].length))
  const hits = eachMatch(ATTRIBUTION, text, (m) => {
    const agent = after(m)
    return blamable(scope, agent, true)
      ? hitFor(scope, agent, m.index, m.index + m[0].trimEnd().length, `"${m[0].trim()}"`)
      : null
  })
  hits.push(
    ...eachMatch(THANKS_TO, text, (m) => {
      const agent = after(m)
      if (!blamable(scope, agent, true) || !BAD_OUTCOME.test(text) || GOOD_OUTCOME.test(text)) return null
      return hitFor(scope, agent, m.index, m.index + m[0].trimEnd().length, 'ironic "thanks to"')
    }),
    ...eachMatch(IS_WHY, text, (m) => {
      const agent = subjectBefore(scope, tokenAt(scope, m.index))
      if (!blamable(scope, agent, true) || agent.index < 0) return null
      const head = scope.tokens[agent.index]?.w ?? ''
      if (/^(?:this|it|that)$/.test(head)) return null
      return hitFor(scope, agent, m.index, m.index + m[0].length, `"${m[0]}"`)
    }),
    ...eachMatch(ON_PERSON, text, (m) => {
      const agent = after(m)
      return blamable(scope, agent, true)
        ? hitFor(scope, agent, m.index, m.index + m[0].trimEnd().length, `"${m[0].trim()}"`)
        : null
    }),
  )
  return hits
}

const FAULTY =
  /\b(?:wrong|bad|broken|faulty|buggy|incorrect|invalid|untested|unreviewed|dangerous|botched|failing|flawed|corrupt|defective|risky|destructive)\b/i
const ERROR_PARTICIPLE =
  /^(?:overlooked|missed|ignored|skipped|botched|bungled|fumbled|mishandled|misconfigured|mistyped|overridden|overrode|bypassed|circumvented|rubber-stamped|rushed|waved|disregarded|neglected|forgotten|broken|botched|messed|screwed)$/
const BY_AGENT =
  /\b(?:was|were|got|been|is|are|being)\s+(?:\w+ly\s+)?([\w-]+)(?:\s+(?:through|in|out|up|off|over|on))?\s+(?:[\w-]+\s+){0,3}?by\s+/gi

/** "A wrong flag was set by one of the new hires", "the warning was waved through by the approver". */
function passiveHits(scope: SentenceScope): RuleHit[] {
  const { text } = scope
  return eachMatch(BY_AGENT, text, (m) => {
    const participle = (m[1] ?? '').toLowerCase()
    if (
      !isVerbish(participle) &&
      !ERROR_PARTICIPLE.test(participle) &&
      !/^(?:set|put|let|run|made|done|hit|cut|shut|sent|left|taken|written|chosen)$/.test(participle)
    )
      return null
    const agent = npAgentFrom(scope, tokenAt(scope, m.index + m[0].length))
    if (!blamable(scope, agent, true)) return null
    const subjectText = text.slice(0, m.index)
    const faulty = FAULTY.test(subjectText.slice(-60)) || ERROR_PARTICIPLE.test(participle)
    if (!faulty) return null
    if (agent.named) return hitFor(scope, agent, m.index, m.index + m[0].length, `passive "${m[0].trim()}"`)
    return {
      ruleId: FAILURE_ID,
      start: m.index,
      end: m.index + m[0].trimEnd().length,
      agent,
      message: `The passive still names a person as the agent of the faulty action ("${m[0].trim()}").`,
      suggestion:
        'Drop the agent and describe what let the faulty action through: "The flag was set in the shared config, which the deploy did not validate."',
    }
  })
}

const ERROR_BASE =
  /^(?:miss|forget|ignore|skip|overlook|neglect|break|botch|bungle|screw|mess|let|allow|approve|merge|push|ship|deploy|delete|drop|wipe|fail|not|never)$/
const QUESTION =
  /(?:^|[\s#*>-])(how|why|what)(?: on earth| exactly| the hell| come)?\s+(?:did|could|would|can|does|do|was|were|is|has|had|have)(n't| not)?\s+/gi

/** "How did the approver miss the typo?", "Why didn't anyone notice?", "How could she not see…?" */
function questionHits(scope: SentenceScope): RuleHit[] {
  const { text, tokens } = scope
  if (!text.trimEnd().endsWith('?')) return []
  return eachMatch(QUESTION, text, (m) => {
    const k = tokenAt(scope, m.index + m[0].length)
    const agent = npAgentFrom(scope, k)
    if (agent.kind !== 'person' || agent.index < 0) return null
    const head = tokens[agent.index]?.w ?? ''
    if (head === 'nobody' || head === 'we' || head === 'us') return null
    let v = agent.index + 1
    while (
      v < tokens.length &&
      /^(?:just|even|simply|really|actually|possibly|ever|have|been)$/.test(tokens[v]?.w ?? '')
    )
      v++
    const verb = tokens[v]?.w ?? ''
    const negated = Boolean(m[2]) || /^(?:not|never)$/.test(verb)
    if (!negated && !ERROR_BASE.test(verb)) return null
    // "How could X not see…" reproaches; "why didn't X know…" may only ask about a knowledge state.
    const reproach = /^how$/i.test(m[1] ?? '') && /\bcould\b/i.test(m[0])
    const main = tokens[/^(?:not|never)$/.test(verb) ? v + 1 : v]?.w ?? ''
    if (negated && !reproach && /^(?:know|see|expect|realize|realise|think|have|get)$/.test(main)) return null
    const end = tokens[v]?.e ?? m.index + m[0].length
    return {
      ruleId: FAILURE_ID,
      start: m.index + m[0].length - m[0].trimStart().length,
      end,
      agent,
      message: 'This question presupposes that a person failed.',
      suggestion:
        'Ask about conditions instead: what made the problem hard to see at the time (noise, layout, missing check)?',
    }
  })
}

/**
 * A sentence without any of these cannot produce a hit below (each part needs an outcome, an
 * attribution frame, a passive agent, a leading "because" or a question): a cheap pre-test that
 * saves tokenising most sentences. It is a necessary condition, not a list of blame words.
 */
export const AGENT_ACTION_CUES = new RegExp(
  [
    BAD_OUTCOME.source,
    String.raw`\b(?:responsibility|accountability|blame|fault|buck|onus|liability|down to|courtesy of|thank|chalk(?:ed)? (?:it |this )?up|reason|cause|culprit|why|the one who)\b`,
    String.raw`\bby\b`,
    String.raw`\b(?:is|was|'s) (?:all |entirely |squarely |totally |completely |100% )?on\b`,
    String.raw`\b(?:because|since|as a result of)\b|\?`,
  ].join('|'),
  'gi',
)

/** Runs on every sentence (no trigger words): agent × action × framing. */
export function detectAgentAction(scope: SentenceScope): RuleHit[] {
  const hits = [
    ...actionOutcomeHits(scope),
    ...becauseHits(scope),
    ...attributionHits(scope),
    ...passiveHits(scope),
    ...questionHits(scope),
  ]
  // The guards are sentence-wide regexes: only worth running once something was found.
  return hits.length === 0 || scope.meta || scope.exculpated ? [] : hits
}
