// The engine: every sentence is tokenised and gets the agent × action × framing analysis; one
// precompiled trigger regex additionally selects, per sentence, the lexical rules worth running.
import { isExculpated, isMetaSentence, isQuotedMention, negatedBefore } from './context.guards.ts'
import type { Category, Finding, LintConfig, LintOptions, QuestionKey, Severity } from './lint.types.ts'
import { prepareText } from './markdown.mask.ts'
import { compileRoster, type Roster } from './roster.people.ts'
import { AGENT_ACTION_CUES, detectAgentAction } from './rules/agent-action.rule.ts'
import { CHARACTER_TRIGGERS, detectCharacterJudgement } from './rules/character.rule.ts'
import { COUNTERFACTUAL_TRIGGERS, detectCounterfactuals } from './rules/counterfactual.rule.ts'
import { detectFailureVerbs, FAILURE_TRIGGERS } from './rules/failure-verb.rule.ts'
import { detectFaultAttribution, FAULT_TRIGGERS } from './rules/fault.rule.ts'
import { detectHumanError, HUMAN_ERROR_TRIGGERS } from './rules/human-error.rule.ts'
import { detectMinimizers, MINIMIZER_TRIGGERS } from './rules/minimizer.rule.ts'
import { detectNamedPerson, namedCompanions } from './rules/named-person.rule.ts'
import { detectPunitive, PUNITIVE_TRIGGERS } from './rules/punitive.rule.ts'
import { detectRemediation, REMEDIATION_TRIGGERS } from './rules/remediation.rule.ts'
import { detectRootCause, ROOT_CAUSE_TRIGGERS } from './rules/root-cause.rule.ts'
import { type Detector, eachMatch, type RuleHit, type SentenceScope } from './rules/rule.types.ts'
import { CATEGORY_RULE, PROFILE_SEVERITY, RULES_BY_ID } from './rules.catalogue.ts'
import { lineStarts, position } from './text.position.ts'
import { sentenceBounds, tokenize } from './text.tokens.ts'

/** Each detector with the trigger words that make it worth running on a sentence. */
const RULE_TRIGGERS: readonly [Detector[], string[]][] = [
  [[detectFailureVerbs], FAILURE_TRIGGERS],
  [[detectCounterfactuals], COUNTERFACTUAL_TRIGGERS],
  [[detectHumanError, detectRootCause], HUMAN_ERROR_TRIGGERS],
  [[detectCharacterJudgement], CHARACTER_TRIGGERS],
  [[detectRootCause], ROOT_CAUSE_TRIGGERS],
  [[detectMinimizers], MINIMIZER_TRIGGERS],
  [[detectPunitive], PUNITIVE_TRIGGERS],
  [[detectRemediation], REMEDIATION_TRIGGERS],
  [[detectFaultAttribution], FAULT_TRIGGERS],
]

/** One pass over the text: capture group g+1 matches the triggers of RULE_TRIGGERS[g]. */
const TRIGGER = new RegExp(
  String.raw`\b(?:${RULE_TRIGGERS.map(([, t]) => `(${t.join('|')})`).join('|')})`,
  'gi',
)
if (new RegExp(`${TRIGGER.source}|`).exec('')?.length !== RULE_TRIGGERS.length + 1) {
  throw new Error('lint triggers must not contain capturing groups')
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** One regex per category for a team's extra terms (whole words, case-insensitive). */
function extraTermPatterns(config: LintConfig | undefined): [Category, RegExp][] {
  const out: [Category, RegExp][] = []
  for (const [category, terms] of Object.entries(config?.extraTerms ?? {}) as [Category, string[]][]) {
    const words = terms.map((t) => t.trim()).filter(Boolean)
    if (words.length)
      out.push([
        category,
        new RegExp(
          String.raw`(?<![\p{L}\p{N}_])(?:${words.map(escapeRegExp).join('|')})(?![\p{L}\p{N}_])`,
          'giu',
        ),
      ])
  }
  return out
}

interface Candidate {
  start: number
  end: number
  detectors: Set<Detector>
  extras: boolean
}

/** Every sentence that holds a trigger, with the detectors its triggers call for. */
function candidateSentences(text: string, roster: Roster, extras: readonly RegExp[]): Candidate[] {
  const found = new Map<number, Candidate>()
  let last: Candidate | undefined
  const sentenceAt = (index: number): Candidate => {
    if (last && index >= last.start && index < last.end) return last
    const [start, end] = sentenceBounds(text, index)
    last = found.get(start) ?? { start, end, detectors: new Set(), extras: false }
    found.set(start, last)
    return last
  }
  TRIGGER.lastIndex = 0
  for (let m = TRIGGER.exec(text); m !== null; m = TRIGGER.exec(text)) {
    const g = m.findIndex((v, i) => i > 0 && v !== undefined)
    for (const d of RULE_TRIGGERS[g - 1]?.[0] ?? []) sentenceAt(m.index).detectors.add(d)
    // A long match must not hide a trigger that starts inside it ("developer mistake|nly").
    TRIGGER.lastIndex = m.index + 1
  }
  const scan = (re: RegExp, mark: (c: Candidate) => void): void => {
    re.lastIndex = 0
    for (let m = re.exec(text); m !== null; m = re.exec(text)) mark(sentenceAt(m.index))
  }
  // Every sentence that could hold an agent × action × framing hit, whatever words it uses: the cues
  // are that analysis's necessary conditions (an outcome, an attribution frame, "by", a question).
  scan(AGENT_ACTION_CUES, (c) => c.detectors.add(detectAgentAction))
  for (const re of roster.patterns) scan(re, (c) => c.detectors.add(detectNamedPerson))
  for (const re of extras)
    scan(re, (c) => {
      c.extras = true
    })
  return [...found.values()].sort((a, b) => a.start - b.start)
}

/** Detector order is fixed so that results never depend on which trigger was seen first. */
const DETECTOR_ORDER: readonly Detector[] = [
  ...new Set([...RULE_TRIGGERS.flatMap(([d]) => d), detectNamedPerson, detectAgentAction]),
]

function analyse(
  scope: SentenceScope,
  candidate: Candidate,
  extras: readonly [Category, RegExp][],
): RuleHit[] {
  const hits: RuleHit[] = []
  for (const detect of DETECTOR_ORDER) {
    if (!candidate.detectors.has(detect)) continue
    for (const hit of detect(scope)) if (!isQuotedMention(scope.text, hit.start, hit.end)) hits.push(hit)
  }
  hits.push(...namedCompanions(scope, hits))
  if (scope.meta || !candidate.extras) return hits
  for (const [category, re] of extras) {
    hits.push(
      ...eachMatch(re, scope.text, (m) =>
        negatedBefore(scope.text, m.index)
          ? null
          : {
              ruleId: CATEGORY_RULE[category],
              start: m.index,
              end: m.index + m[0].length,
              message: `"${m[0]}" is on this team's list of blaming terms.`,
              suggestion: RULES_BY_ID.get(CATEGORY_RULE[category])?.explanation ?? '',
            },
      ),
    )
  }
  return hits
}

function severityOf(
  ruleId: string,
  question: QuestionKey | undefined,
  config: LintConfig | undefined,
): Severity {
  return (
    config?.severities?.[ruleId] ??
    (question ? PROFILE_SEVERITY[question]?.[ruleId] : undefined) ??
    RULES_BY_ID.get(ruleId)?.defaultSeverity ??
    'warning'
  )
}

/** Keeps one hit per rule per overlapping span (the earliest, then the longest). */
function dedupe(hits: RuleHit[]): RuleHit[] {
  hits.sort((a, b) => a.start - b.start || b.end - a.end || a.ruleId.localeCompare(b.ruleId))
  const kept: RuleHit[] = []
  for (const h of hits) {
    if (!kept.some((k) => k.ruleId === h.ruleId && h.start < k.end && k.start < h.end)) kept.push(h)
  }
  return kept
}

function isActive(ruleId: string, question: QuestionKey | undefined, disabled: ReadonlySet<string>): boolean {
  if (disabled.has(ruleId)) return false
  const only = RULES_BY_ID.get(ruleId)?.questions
  return !only || (question !== undefined && only.includes(question))
}

/** Lints `text` (Markdown or plain) and returns findings sorted by start offset, then rule id. */
export function lintText(text: string, options: LintOptions = {}): Finding[] {
  const { question, config } = options
  const prepared = prepareText(text)
  const roster: Roster = compileRoster(options.people, config?.allowedTerms)
  const extras = extraTermPatterns(config)
  const disabled = new Set(config?.disabledRules ?? [])
  const candidates = candidateSentences(
    prepared,
    roster,
    extras.map(([, re]) => re),
  )
  const findings: Finding[] = []
  let starts: number[] | undefined
  for (const candidate of candidates) {
    const s = candidate.start
    const sentence = prepared.slice(s, candidate.end)
    const tokens = tokenize(sentence)
    let meta: boolean | undefined
    let exculpated: boolean | undefined
    const scope: SentenceScope = {
      text: sentence,
      tokens,
      roster,
      question,
      // Computed on first use: most sentences never reach a rule that asks.
      get meta() {
        meta ??= isMetaSentence(sentence)
        return meta
      },
      get exculpated() {
        exculpated ??= isExculpated(sentence)
        return exculpated
      },
    }
    for (const hit of dedupe(analyse(scope, candidate, extras))) {
      if (!isActive(hit.ruleId, question, disabled)) continue
      starts ??= lineStarts(text)
      const [line, column] = position(starts, s + hit.start)
      const [endLine, endColumn] = position(starts, s + hit.end)
      const rule = RULES_BY_ID.get(hit.ruleId)
      findings.push({
        ruleId: hit.ruleId,
        category: rule?.category ?? 'failure_verb_person_subject',
        severity: severityOf(hit.ruleId, question, config),
        message: hit.message,
        start: s + hit.start,
        end: s + hit.end,
        line,
        column,
        endLine,
        endColumn,
        suggestion: hit.suggestion,
        explanation: rule?.explanation ?? '',
      })
    }
  }
  return findings.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId) || a.end - b.end)
}
