// The roster says who is a person. Plain names match case-sensitively (so a person called "Will"
// never turns the modal "will" into a person); handles and emails match case-insensitively.

export interface Roster {
  /** True when the token (possessive stripped) names someone on the roster. */
  has(word: string): boolean
  /** True when the token is a configured system name that must never count as a person. */
  isAllowed(word: string): boolean
  /** Patterns matching roster names in text (empty for an empty roster). */
  patterns: RegExp[]
  /** No people were supplied: unknown capitalised names may be guessed to be people. */
  empty: boolean
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export const stripPossessive = (w: string): string => w.replace(/'s?$/, '')

function rosterKeys(entry: string): string[] {
  const e = entry.trim()
  if (e === '') return []
  if (e.startsWith('@')) return [e.toLowerCase(), e.slice(1).toLowerCase()]
  const at = e.indexOf('@')
  if (at > 0) return [e.toLowerCase(), e.slice(0, at).toLowerCase()]
  // "Alice Smith" → the full name's words are each accepted ("Alice", "Smith").
  return e.split(/\s+/)
}

const cache = new Map<string, Roster>()

/** Builds (and caches, since a review lints many fields with one roster) the roster matcher. */
export function compileRoster(people: readonly string[] = [], allowed: readonly string[] = []): Roster {
  const key = `${people.join('\u0000')}\u0001${allowed.join('\u0000')}`
  const hit = cache.get(key)
  if (hit) return hit
  const allowedSet = new Set(allowed.map((a) => a.toLowerCase()))
  const exact = new Set<string>()
  const folded = new Set<string>()
  for (const entry of people) {
    const isFolded = entry.includes('@')
    for (const k of rosterKeys(entry)) {
      if (allowedSet.has(k.toLowerCase())) continue
      if (isFolded) folded.add(k)
      else exact.add(k)
    }
  }
  const alternation = (words: Set<string>): string =>
    [...words]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|')
  const bounded = (alt: string): string => `(?<![\\p{L}\\p{N}_@])(?:${alt})(?![\\p{L}\\p{N}_])`
  const patterns: RegExp[] = []
  if (exact.size) patterns.push(new RegExp(bounded(alternation(exact)), 'gu'))
  if (folded.size) patterns.push(new RegExp(bounded(alternation(folded)), 'giu'))
  const roster: Roster = {
    has: (word) => {
      const base = stripPossessive(word)
      return exact.has(base) || folded.has(base.toLowerCase())
    },
    isAllowed: (word) => allowedSet.has(stripPossessive(word).toLowerCase()),
    patterns,
    empty: exact.size === 0 && folded.size === 0,
  }
  if (cache.size > 64) cache.clear()
  cache.set(key, roster)
  return roster
}
