// Who is the agent? Blame differs from innocent narration mostly by its grammatical subject: "the
// on-call failed to…" blames, "the cron job failed to…" does not. This is a small, dependency-free
// approximation of subject finding over tokens: nearest noun phrase to the left of a verb (through
// prepositional phrases, appositives and relative clauses), or the first noun phrase of the clause.
import {
  AUXILIARIES,
  COORDINATORS,
  DETERMINERS,
  INDEFINITE,
  isHumanActionForm,
  NOT_NAMES,
  PERSON_PRONOUNS,
  PREPOSITIONS,
  QUALIFIED_ROLE_HEADS,
  RELATIVES,
  ROLE_HEADS,
  SUBORDINATORS,
  SYSTEM_NAMES,
  UNIVERSAL,
} from './lexicon.data.ts'
import { type Roster, stripPossessive } from './roster.people.ts'
import type { Token } from './text.tokens.ts'
import {
  IMPERATIVE,
  isAdverb,
  isFunctionWord,
  isSkippable,
  isVerbish,
  isWord,
  PAST_VERBS,
  POSSESSIVE_DETERMINERS,
  PP_ATTACH,
  PUNCT_BOUNDARY,
  SEMI_MODALS,
  TIME_NOUNS,
} from './word.classes.ts'

export { isVerbish, isWord } from './word.classes.ts'

/** person: a person, role, team or pronoun; action: a gerund of a human action ("escalating sooner"). */
export type AgentKind = 'person' | 'action' | 'system' | 'none'

export interface Agent {
  kind: AgentKind
  /** Token index of the head noun, -1 when there is none. */
  index: number
  /** The head is on the roster (a named person or handle), or guessed to be a name (no roster). */
  named: boolean
  indefinite: boolean
  universal: boolean
  /** Token index of a person who owns the head ("Marcus's migration"), -1 when none. */
  possessor: number
}

export interface AgentScope {
  tokens: readonly Token[]
  roster: Roster
}

export const NO_AGENT: Agent = {
  kind: 'none',
  index: -1,
  named: false,
  indefinite: false,
  universal: false,
  possessor: -1,
}

/** Classifies the word at `i` as the head of a noun phrase. */
export function classifyHead(scope: AgentScope, i: number): Agent {
  const { tokens, roster } = scope
  const t = tokens[i]
  if (!t) return NO_AGENT
  const base = stripPossessive(t.w)
  const agent = (kind: AgentKind, extra: Partial<Agent> = {}): Agent => ({
    ...NO_AGENT,
    kind,
    index: i,
    ...extra,
  })
  if (roster.isAllowed(t.raw)) return agent('system')
  if (roster.has(t.raw)) return agent('person', { named: true })
  if (base === 'one' && tokens[i - 1]?.w === 'no') return agent('person', { universal: true })
  if (PERSON_PRONOUNS.has(base)) {
    return agent('person', { indefinite: INDEFINITE.has(base), universal: UNIVERSAL.has(base) })
  }
  if (base.startsWith('@') && !/bot$|\[bot\]$/.test(base)) return agent('person', { named: true })
  if (ROLE_HEADS.has(base)) return agent('person', { indefinite: base === 'people' || base === 'person' })
  const qualifiers = QUALIFIED_ROLE_HEADS.get(base)
  if (qualifiers?.has(tokens[i - 1]?.w ?? '')) return agent('person')
  if (roster.empty && guessedName(tokens, i)) return agent('person', { named: true })
  return agent('system')
}

/** Bot, service and infrastructure nouns that turn a preceding name into a system ("Hermes queue"). */
const SYSTEM_NOUN =
  /^(?:bot|service|server|servers|cluster|job|jobs|queue|pipeline|api|node|nodes|instance|instances|db|database|worker|workers|daemon|agent|app|host|pod|pods|deployment|release|build|proxy|cache|scheduler|operator|controller|gateway|broker|replica|shard|tool|script|plugin|module|library|client|bucket|table|index|dashboard|alert|alerts|check|checks|runner|runners|box|vm|container)$/

/**
 * With no roster, an unknown capitalised word that stands where a subject or agent stands is guessed
 * to be a person's name ("Tobias pushed …"), unless it is a known system or time word, sits inside a
 * capitalised title, is followed by a system noun ("Hermes queue") or follows a determiner ("the
 * Atlas cluster"). Callers add the action test: only human actions make the guess count.
 */
export function guessedName(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]
  if (!t || !/^[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:'s?)?$/.test(t.raw)) return false
  const base = stripPossessive(t.w)
  if (base.length < 3 || SYSTEM_NAMES.has(base) || NOT_NAMES.has(base) || isFunctionWord(base)) return false
  if (PERSON_PRONOUNS.has(base) || ROLE_HEADS.has(base) || isAdverb(base) || isVerbish(base)) return false
  if (/(?:tion|ment|ness|ity|ance|ence|ics|ing|age|ure|ers|ies|ist|ism|ware|ops)$/.test(base)) return false
  const prev = tokens[i - 1]
  if (prev && DETERMINERS.has(prev.w)) return false
  // A capitalised word before it: a surname after a guessed first name, otherwise part of a title.
  if (prev && /^[A-Z]/.test(prev.raw)) return guessedName(tokens, i - 1)
  // Sentence-initial plurals ("Backups", "Alerts") are capitalised by position, not names.
  if ((!prev || !isWord(prev)) && /[^aiou]s$/.test(base)) return false
  const next = tokens[i + 1]
  if (next && SYSTEM_NOUN.test(next.w) && !/'s?$/.test(t.w)) return false
  if (next && /^[A-Z][a-z]+$/.test(next.raw) && !guessedSurnameOk(next.w)) return false
  return true
}

const guessedSurnameOk = (w: string): boolean =>
  !SYSTEM_NAMES.has(w) && !NOT_NAMES.has(w) && !SYSTEM_NOUN.test(w)

/** Start index of the noun phrase whose last word is at `j`. */
function npStart(tokens: readonly Token[], j: number): number {
  let a = j
  while (a > 0) {
    const p = tokens[a - 1] as Token
    if (!isWord(p)) break
    if (DETERMINERS.has(p.w)) return a - 1
    if (isFunctionWord(p.w) || isAdverb(p.w) || isVerbish(p.w)) break
    if (PERSON_PRONOUNS.has(p.w)) break
    a--
  }
  return a
}

/** Adds determiner-based quantification and a person possessor to a head classification. */
function enrich(scope: AgentScope, head: Agent, a: number, j: number): Agent {
  const det = scope.tokens[a]?.w ?? ''
  let possessor = -1
  if (POSSESSIVE_DETERMINERS.has(det)) possessor = a
  for (let k = a; k < j; k++) {
    const w = scope.tokens[k]?.w ?? ''
    if (/'s?$/.test(w) && classifyHead(scope, k).kind === 'person') possessor = k
  }
  const universal = head.universal || ['any', 'every', 'all', 'each'].includes(det)
  const indefinite = head.indefinite || det === 'a' || det === 'an' || det === 'some'
  return { ...head, universal, indefinite: head.kind === 'person' && indefinite, possessor }
}

/** The head of the noun phrase ending at `j`, climbing out of PPs and object-relative clauses. */
export function headOfNpEndingAt(scope: AgentScope, j: number, depth = 0): Agent {
  const { tokens } = scope
  const a = npStart(tokens, j)
  const prev = tokens[a - 1]
  const before = tokens[a - 2]
  if (depth < 4 && prev && PP_ATTACH.has(prev.w) && isWord(before)) {
    if (UNIVERSAL.has(before.w)) return { ...classifyHead(scope, j), universal: true }
    if (!isFunctionWord(before.w) && !isVerbish(before.w)) return headOfNpEndingAt(scope, a - 2, depth + 1)
  }
  if (depth < 4 && isWord(prev) && isVerbish(prev.w) && before && RELATIVES.has(before.w)) {
    if (before.w === 'whoever' || before.w === 'whomever') return classifyHead(scope, a - 2)
    return subjectBefore(scope, a - 2, depth + 1)
  }
  return enrich(scope, classifyHead(scope, j), a, j)
}

/** Subject of an appositive or parenthetical ending at the comma `j`: "Raj, the on-call, forgot". */
function beforeComma(scope: AgentScope, j: number, depth: number): Agent {
  const { tokens } = scope
  let k = j - 1
  while (k >= 0 && tokens[k]?.w !== ',' && !PUNCT_BOUNDARY.has(tokens[k]?.w ?? '')) k--
  if (k < 0 || tokens[k]?.w !== ',') return NO_AGENT
  const first = tokens[k + 1]?.w ?? ''
  if (DETERMINERS.has(first) && isWord(tokens[j - 1])) return headOfNpEndingAt(scope, j - 1, depth + 1)
  return isWord(tokens[k - 1]) ? headOfNpEndingAt(scope, k - 1, depth + 1) : NO_AGENT
}

/** The subject of the verb at token `i`: the nearest noun phrase to its left. */
export function subjectBefore(scope: AgentScope, i: number, depth = 0): Agent {
  const { tokens } = scope
  let j = i - 1
  while (j >= 0 && isSkippable(tokens[j] as Token)) j--
  const t = tokens[j]
  if (!t || depth > 4) return NO_AGENT
  if (COORDINATORS.has(t.w)) return clauseSubject(scope, j)
  if (t.w === ',') return beforeComma(scope, j, depth)
  if (t.w === ')') {
    while (j >= 0 && tokens[j]?.w !== '(') j--
    return subjectBefore(scope, j, depth + 1)
  }
  if (t.w === 'whoever' || t.w === 'whomever') return classifyHead(scope, j)
  if (RELATIVES.has(t.w)) return subjectBefore(scope, j, depth + 1)
  if (!isWord(t) || (isFunctionWord(t.w) && !PERSON_PRONOUNS.has(t.w))) return NO_AGENT
  return headOfNpEndingAt(scope, j, depth)
}

const isClauseBoundary = (tokens: readonly Token[], k: number): boolean => {
  const w = (tokens[k] as Token).w
  if (PUNCT_BOUNDARY.has(w) || (SUBORDINATORS.has(w) && !PREPOSITIONS.has(w))) return true
  // "that" as a complementiser ("announced that Ryan…"), not a determiner ("that employee").
  const next = tokens[k + 1]
  return (
    w === 'that' &&
    next !== undefined &&
    (DETERMINERS.has(next.w) || PERSON_PRONOUNS.has(next.w) || /^[A-Z@]/.test(next.raw))
  )
}

/** The first noun phrase of tokens [from, to), or none when the span opens with a preposition. */
export function firstNpHead(scope: AgentScope, from: number, to: number): Agent {
  const { tokens } = scope
  let k = from
  while (
    k < to &&
    (COORDINATORS.has(tokens[k]?.w ?? '') ||
      isAdverb(tokens[k]?.w ?? '') ||
      AUXILIARIES.has(tokens[k]?.w ?? ''))
  )
    k++
  const t = tokens[k]
  if (!t || k >= to || !isWord(t)) return NO_AGENT
  if (PERSON_PRONOUNS.has(t.w) && !POSSESSIVE_DETERMINERS.has(t.w)) return classifyHead(scope, k)
  if (PREPOSITIONS.has(t.w) || SUBORDINATORS.has(t.w)) return NO_AGENT
  if (/^(?:it|this|there|these|those)$/.test(t.w) && !isWord(tokens[k + 1])) return classifyHead(scope, k)
  if (isVerbish(t.w) && !PAST_VERBS.has(t.w)) {
    return isHumanActionForm(t.w) ? { ...NO_AGENT, kind: 'action', index: k } : NO_AGENT
  }
  const a = k
  if (DETERMINERS.has(t.w)) k++
  let j = k
  while (j + 1 < to) {
    const n = tokens[j + 1] as Token
    if (
      !isWord(n) ||
      isFunctionWord(n.w) ||
      isAdverb(n.w) ||
      isVerbish(n.w) ||
      PERSON_PRONOUNS.has(n.w) ||
      SEMI_MODALS.has(n.w)
    )
      break
    j++
  }
  if (j >= to || !isWord(tokens[j]) || TIME_NOUNS.has(tokens[j]?.w ?? '')) return NO_AGENT
  return enrich(scope, classifyHead(scope, j), a, j)
}

/** The subject of the clause containing token `i` (tries comma-separated segments, nearest first). */
export function clauseSubject(scope: AgentScope, i: number): Agent {
  const { tokens } = scope
  let b = i - 1
  while (b >= 0 && !isClauseBoundary(tokens, b)) b--
  let segEnd = i
  for (let c = i - 1; c >= b; c--) {
    if (c === b || tokens[c]?.w === ',') {
      if (IMPERATIVE.has(tokens[c + 1]?.w ?? '')) return NO_AGENT
      const found = firstNpHead(scope, c + 1, segEnd)
      if (found.kind !== 'none') return found
      segEnd = c
    }
  }
  return NO_AGENT
}

/** Start of the clause that contains token `i` (token index). */
export function clauseStart(tokens: readonly Token[], i: number): number {
  let b = i - 1
  while (b >= 0 && !isClauseBoundary(tokens, b)) b--
  return b + 1
}

export const isPersonish = (a: Agent): boolean => a.kind === 'person'
