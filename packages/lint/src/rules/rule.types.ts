import type { Agent, AgentScope } from '../agent.analysis.ts'
import type { QuestionKey } from '../lint.types.ts'
import { type Token, tokenIndexAt } from '../text.tokens.ts'

/** What a detector sees: one candidate sentence with its tokens and guards already computed. */
export interface SentenceScope extends AgentScope {
  /** Sentence text (masked, quotes normalised). */
  text: string
  tokens: readonly Token[]
  /** The sentence talks about blame language (quotes it, forbids it, describes the "old view"). */
  meta: boolean
  /** The sentence denies fault ("it was not her fault", "a collective failure, not an individual one"). */
  exculpated: boolean
  question: QuestionKey | undefined
}

/** A detector result; offsets are relative to the sentence. */
export interface RuleHit {
  ruleId: string
  start: number
  end: number
  message: string
  suggestion: string
  /** A roster person presented as the agent (reported again as named-person blame). */
  agent?: Agent
}

export type Detector = (scope: SentenceScope) => RuleHit[]

/** Runs a global regex over the sentence and maps each match through `fn`. */
export function eachMatch(
  re: RegExp,
  text: string,
  fn: (m: RegExpExecArray) => RuleHit | RuleHit[] | null | undefined,
): RuleHit[] {
  const out: RuleHit[] = []
  re.lastIndex = 0
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const r = fn(m)
    if (Array.isArray(r)) out.push(...r)
    else if (r) out.push(r)
    if (m[0] === '') re.lastIndex++
  }
  return out
}

/** Token index at a sentence-relative offset. */
export const tokenAt = (scope: SentenceScope, rel: number): number => tokenIndexAt(scope.tokens, rel)

/** The words after `rel` up to the next clause break, at most `max` words (for suggestions). */
export function wordsAfter(text: string, rel: number, max = 5): string {
  const rest =
    text
      .slice(rel)
      .split(
        /[.,;:!?()"—–]| (?:because|when|while|after|before|and|but|so|which|since|until|despite|instead)\b/,
      )[0] ?? ''
  return rest.trim().split(/\s+/).filter(Boolean).slice(0, max).join(' ')
}

/** Text immediately before `rel`, at most `width` characters. */
export const textBefore = (text: string, rel: number, width = 40): string =>
  text.slice(Math.max(0, rel - width), rel)
