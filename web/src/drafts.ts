// Unsaved answers live in localStorage until the server has them, so a reload or a crash loses nothing.
import type { QuestionKey } from './lint.ts'

/** One unsaved answer and the server text it was started from (to tell our edit from theirs). */
export type DraftAnswer = { text: string; base: string }
export type Draft = Partial<Record<QuestionKey, DraftAnswer>>

const keyOf = (reviewId: string) => `debrief.draft.${reviewId}`

export function loadDraft(reviewId: string): Draft {
  try {
    const raw = localStorage.getItem(keyOf(reviewId))
    return raw ? (JSON.parse(raw) as Draft) : {}
  } catch {
    return {}
  }
}

export function saveDraft(reviewId: string, draft: Draft): void {
  const entries = Object.entries(draft).filter(([, d]) => d && d.text !== d.base)
  if (entries.length === 0) localStorage.removeItem(keyOf(reviewId))
  else localStorage.setItem(keyOf(reviewId), JSON.stringify(Object.fromEntries(entries)))
}
