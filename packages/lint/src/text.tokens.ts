/** A word or punctuation token; offsets are relative to the sentence start. */
export interface Token {
  /** Lower-cased text with curly apostrophes normalised. */
  w: string
  raw: string
  s: number
  e: number
}

/** A sentence of the masked text; `offset` is where it starts in the original input. */
export interface Sentence {
  text: string
  offset: number
  tokens: Token[]
}

// Words may hold inner apostrophes (didn't, Bob's), hyphens (on-call) and dots (example.com).
const TOKEN = /[\p{L}\p{N}@][\p{L}\p{N}'@._-]*[\p{L}\p{N}]|[\p{L}\p{N}]|[.,;:!?()"—–]/gu

export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  TOKEN.lastIndex = 0
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const raw = m[0]
    tokens.push({ w: raw.toLowerCase(), raw, s: m.index, e: m.index + raw.length })
  }
  return tokens
}

/** Index of the first token that ends after `rel` (the token containing or following it). */
export function tokenIndexAt(tokens: readonly Token[], rel: number): number {
  let lo = 0
  let hi = tokens.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((tokens[mid] as Token).e <= rel) lo = mid + 1
    else hi = mid
  }
  return lo
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13

/** True when a `.`/`!`/`?` at `i` ends a sentence: followed by space and then not a lower-case word. */
function endsSentence(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  if (c !== 46 && c !== 33 && c !== 63) return false
  let j = i + 1
  while (j < text.length && /["')\]*_]/.test(text[j] as string)) j++
  if (j < text.length && !isSpace(text.charCodeAt(j))) return false
  while (j < text.length && isSpace(text.charCodeAt(j))) j++
  if (j >= text.length) return true
  const next = text[j] as string
  return !(next >= 'a' && next <= 'z')
}

/** A line break ends a sentence at a blank line or before a Markdown block marker. */
function breaksBlock(text: string, nl: number): boolean {
  let j = nl + 1
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++
  if (j >= text.length || text[j] === '\n' || text[j] === '\r') return true
  return /^(?:[-*+>#|]|\d+[.)]\s)/.test(text.slice(j, j + 4))
}

const isBoundaryAt = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i)
  if (c === 10) return breaksBlock(text, i)
  if (c === 124) return true // table cell separator
  return endsSentence(text, i)
}

/** Bounds [start, end) of the sentence containing `pos` in `text`. */
export function sentenceBounds(text: string, pos: number): [number, number] {
  let start = pos
  while (start > 0 && !isBoundaryAt(text, start - 1)) start--
  let end = pos
  while (end < text.length && !isBoundaryAt(text, end)) end++
  if (end < text.length && text.charCodeAt(end) !== 10) end++
  while (start < end && isSpace(text.charCodeAt(start))) start++
  return [start, end]
}
