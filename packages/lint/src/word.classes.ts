// Word classes for the agent analysis: cheap, closed-list approximations of part of speech.
import {
  AUXILIARIES,
  COORDINATORS,
  DETERMINERS,
  LY_NOUNS,
  PREPOSITIONS,
  RELATIVES,
  SKIP_ADVERBS,
  SUBORDINATORS,
} from './lexicon.data.ts'
import type { Token } from './text.tokens.ts'

export const PAST_VERBS = new Set(
  `ran took made broke forgot led went got sent left lost kept brought caught began saw found told wrote
  thought felt held built paid said came gave became fell knew meant spent stood understood drove rose
  chose threw hid did had was were is are has does`.split(/\s+/),
)
export const POSSESSIVE_DETERMINERS = new Set(['his', 'her', 'their', 'my', 'our', 'your'])
export const PP_ATTACH = new Set(['of', 'on', 'in', 'from', 'at', 'for', 'with', 'behind'])
export const PUNCT_BOUNDARY = new Set(['.', ';', ':', '?', '!', '(', ')', '"', '—', '–'])

export const isWord = (t: Token | undefined): t is Token => t !== undefined && /^[\p{L}\p{N}@]/u.test(t.raw)
export const isAdverb = (w: string): boolean =>
  SKIP_ADVERBS.has(w) || (w.length > 4 && w.endsWith('ly') && !LY_NOUNS.has(w))
export const isFunctionWord = (w: string): boolean =>
  DETERMINERS.has(w) ||
  PREPOSITIONS.has(w) ||
  AUXILIARIES.has(w) ||
  COORDINATORS.has(w) ||
  SUBORDINATORS.has(w) ||
  RELATIVES.has(w)
export const ING_NOUNS = new Set(
  `thing string ring king ceiling building morning evening warning meeting setting logging ping spring
  wing swing nothing something anything everything during pending padding mapping routing caching
  tooling training testing monitoring alerting paging staging tracing offboarding onboarding`.split(/\s+/),
)
/** Past tenses, participles and gerunds (heuristic: used to end noun phrases). */
export const isVerbish = (w: string): boolean =>
  PAST_VERBS.has(w) ||
  (w.length > 3 && /[^e]ed$/.test(w)) ||
  (w.length > 5 && w.endsWith('ing') && !ING_NOUNS.has(w))
/** Semi-modals before "to": "we need to be more careful" → the subject is "we". */
export const SEMI_MODALS = new Set(
  'need needs needed want wants wanted try tries tried going plan plans planned promise promised agree agreed aim aims expect expects hope hopes got'.split(
    ' ',
  ),
)
export const isSkippable = (t: Token): boolean =>
  isAdverb(t.w) || AUXILIARIES.has(t.w) || t.w === 'to' || SEMI_MODALS.has(t.w)

/** Time adverbials look like noun phrases ("Next time, …") but are never the subject. */
export const TIME_NOUNS = new Set(
  'time times week weeks day days month months year years morning night evening afternoon weekend quarter sprint yesterday today tomorrow forward future now'.split(
    ' ',
  ),
)
/** Words that open an imperative clause, which has no subject ("Next time, do what …"). */
export const IMPERATIVE = new Set("do don't be let make please always ensure add avoid remember".split(' '))
