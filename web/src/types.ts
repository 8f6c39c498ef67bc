// The API's shapes the page reads (see openapi/openapi.json for the full documents).
import type { QuestionKey } from './lint.ts'

export type ReviewFinding = {
  id: string
  field: string
  ruleId: string
  severity: 'error' | 'warning' | 'info'
  message: string
  start: number
  end: number
  suggestion: string
  suppression: { justification: string; at: string } | null
}
export type TimelineEvent = {
  id: string
  version: number
  occurredAt: string
  description: string
  kind: string | null
}
export type Factor = {
  id: string
  version: number
  category: string
  description: string
  timelineEventIds: string[]
}
export type ActionItem = {
  id: string
  version: number
  reviewId: string
  title: string
  owner: string
  dueDate: string
  priority: string
  status: string
  type: string | null
  factorIds: string[]
}
export type Participant = { name: string; handle?: string; role?: string }
export type ReviewSummary = {
  id: string
  version: number
  title: string
  severity: string | null
  status: 'draft' | 'in_review' | 'published'
  createdAt: string
  updatedAt: string
}
export type Review = ReviewSummary & {
  participants: Participant[]
  answers: Record<QuestionKey, string | null>
  findings: ReviewFinding[]
  timelineEvents: TimelineEvent[]
  contributingFactors: Factor[]
  actionItems: ActionItem[]
}
export type ChecklistItem = { id: string; label: string; done: boolean }
export type Guide = {
  status: Review['status']
  version: number
  questions: {
    order: number
    key: QuestionKey
    question: string
    prompt: string
    hints: string[]
    status: string
  }[]
  next: { action: string; detail: string }
  checklist: ChecklistItem[]
  blockers: ChecklistItem[]
  readyToPublish: boolean
}
export type Delivery = {
  id: string
  targetKind: 'integration' | 'webhook'
  targetId: string
  eventType: string
  status: 'pending' | 'retrying' | 'succeeded' | 'failed' | 'dead'
  attempts: number
  lastError: string | null
  lastStatusCode: number | null
}
export type Page<T> = { items: T[]; nextCursor: string | null }
