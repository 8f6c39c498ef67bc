// The one door to the blameless-language engine: the same code the server runs, bundled into the page.
// The engine is the workspace package @debrief-aar/lint (packages/lint/src), bundled from its sources.
import { type Finding, type LintConfig, lint, type QuestionKey } from '@debrief-aar/lint'

export type { Finding, LintConfig, QuestionKey }

export type LiveFinding = Finding & {
  /** The same key the server derives its finding id from: rule, flagged words, which occurrence. */
  key: string
  /** A concrete rephrasing of the flagged sentence, when the engine's suggestion offers one. */
  rewrite: Rewrite | null
}
export type Rewrite = { start: number; end: number; text: string }

export function lintAnswer(
  text: string,
  question: QuestionKey,
  people: string[],
  config: LintConfig | undefined,
): LiveFinding[] {
  const { findings } = lint(text, { question, people, ...(config ? { config } : {}) })
  const seen = new Map<string, number>()
  return findings.map((f) => {
    const words = `${f.ruleId}\0${text.slice(f.start, f.end).toLowerCase()}`
    const occurrence = seen.get(words) ?? 0
    seen.set(words, occurrence + 1)
    return { ...f, key: `${words}\0${occurrence}`, rewrite: rewriteFor(text, f) }
  })
}

/** The server's findings keyed like live ones, so a live finding finds its stored id and suppression. */
export function keyStored<T extends { ruleId: string; start: number; end: number }>(
  text: string,
  stored: T[],
): Map<string, T> {
  const seen = new Map<string, number>()
  const out = new Map<string, T>()
  for (const f of [...stored].sort((a, b) => a.start - b.start)) {
    const words = `${f.ruleId}\0${text.slice(f.start, f.end).toLowerCase()}`
    const occurrence = seen.get(words) ?? 0
    seen.set(words, occurrence + 1)
    out.set(`${words}\0${occurrence}`, f)
  }
  return out
}

/** The sentence around a span: from after the previous terminator or line break to the next one. */
export function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  let s = start
  while (s > 0 && !/[.!?\n]/.test(text[s - 1] ?? '')) s--
  while (s < end && /\s/.test(text[s] ?? '')) s++
  let e = end
  while (e < text.length && !/[.!?\n]/.test(text[e] ?? '')) e++
  if (e < text.length && text[e] !== '\n') e++
  return { start: s, end: e }
}

/**
 * The engine's suggestion is either a concrete rephrasing question built from the sentence ("What made
 * checking the dashboard hard at the time?") or general advice. Only the former is applied in one step:
 * it replaces the flagged sentence, so the team answers the question instead of naming a culprit.
 */
export function rewriteFor(text: string, f: Pick<Finding, 'start' | 'end' | 'suggestion'>): Rewrite | null {
  const question = /(?:^|[.:]\s+)(What made [^?]{3,200}\?)/.exec(f.suggestion)?.[1]
  if (!question) return null
  const sentence = sentenceAround(text, f.start, f.end)
  return { ...sentence, text: question }
}

export const applyRewrite = (text: string, r: Rewrite) => text.slice(0, r.start) + r.text + text.slice(r.end)
