import { createHash } from 'node:crypto'
import { type LintConfig, lint, type QuestionKey } from '@debrief-aar/lint'
import type { StoredFinding, Suppression } from '../db/schema/index.ts'

/** The text of a review the linter reads; parts are keyed by id so findings name their field. */
export type ReviewText = {
  title: string
  participants: { name: string; handle?: string | undefined }[]
  answers: Partial<Record<QuestionKey, string | null | undefined>>
  timelineEvents: { id: string; description: string }[]
  contributingFactors: { id: string; description: string }[]
  actionItems: { id: string; title: string; description: string | null }[]
}

type Field = { field: string; text: string; question?: QuestionKey }

const QUESTION_KEYS: QuestionKey[] = ['intent', 'actual', 'causes', 'nextTime']

/**
 * Every linted field with the profile it is read with: contributing factors are causes, action items
 * are what we will do next time (so person-aimed remediation is flagged there too).
 */
function fields(r: ReviewText): Field[] {
  const out: Field[] = [{ field: 'title', text: r.title }]
  for (const key of QUESTION_KEYS) {
    const text = r.answers[key]
    if (text) out.push({ field: `answers.${key}`, text, question: key })
  }
  for (const e of r.timelineEvents)
    out.push({ field: `timelineEvents[${e.id}].description`, text: e.description })
  for (const f of r.contributingFactors) {
    out.push({ field: `contributingFactors[${f.id}].description`, text: f.description, question: 'causes' })
  }
  for (const a of r.actionItems) {
    out.push({ field: `actionItems[${a.id}].title`, text: a.title, question: 'nextTime' })
    if (a.description)
      out.push({ field: `actionItems[${a.id}].description`, text: a.description, question: 'nextTime' })
  }
  return out
}

/** The roster the linter uses to recognise people: participants' names and handles. */
export const roster = (r: Pick<ReviewText, 'participants'>) =>
  r.participants.flatMap((p) => (p.handle ? [p.name, p.handle] : [p.name]))

/**
 * A finding's id depends only on where it is, which rule, and the flagged words (plus which
 * occurrence of them), so it survives edits elsewhere — and with it, any suppression.
 */
function findingId(field: string, ruleId: string, flagged: string, occurrence: number): string {
  const hash = createHash('sha256').update(`${field}\0${ruleId}\0${flagged.toLowerCase()}\0${occurrence}`)
  return `f_${hash.digest('hex').slice(0, 16)}`
}

/** Lints every text field of a review; deterministic for the same text, roster and config. */
export function lintReview(
  review: ReviewText,
  config: LintConfig,
): { rulesVersion: string; findings: StoredFinding[] } {
  const people = roster(review)
  let rulesVersion = ''
  const findings: StoredFinding[] = []
  for (const { field, text, question } of fields(review)) {
    const result = lint(text, { people, config, ...(question ? { question } : {}) })
    rulesVersion = result.rulesVersion
    const seen = new Map<string, number>()
    for (const f of result.findings) {
      const flagged = text.slice(f.start, f.end)
      const key = `${f.ruleId}\0${flagged.toLowerCase()}`
      const occurrence = seen.get(key) ?? 0
      seen.set(key, occurrence + 1)
      findings.push({
        id: findingId(field, f.ruleId, flagged, occurrence),
        field,
        ruleId: f.ruleId,
        category: f.category,
        severity: f.severity,
        message: f.message,
        start: f.start,
        end: f.end,
        line: f.line,
        column: f.column,
        suggestion: f.suggestion,
        explanation: f.explanation,
      })
    }
  }
  return { rulesVersion: rulesVersion || lint('').rulesVersion, findings }
}

export type FindingView = StoredFinding & { suppression: Suppression | null }

export const withSuppressions = (
  findings: StoredFinding[],
  suppressions: Record<string, Suppression>,
): FindingView[] => findings.map((f) => ({ ...f, suppression: suppressions[f.id] ?? null }))

/** Error-severity findings nobody has suppressed: these block publishing. */
export const blockingFindings = (findings: FindingView[]) =>
  findings.filter((f) => f.severity === 'error' && f.suppression === null)
