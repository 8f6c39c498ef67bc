import { z } from 'zod'
import { REVIEW_STATUSES } from '../vocabulary.ts'
import { ReviewFindingView } from './review.views.ts'

const QuestionKey = z.enum(['intent', 'actual', 'causes', 'nextTime'])
const ChecklistItem = z.object({ id: z.string(), label: z.string(), done: z.boolean() })

export const GuideView = z
  .object({
    reviewId: z.uuid(),
    status: z.enum(REVIEW_STATUSES),
    version: z.number().int(),
    questions: z.array(
      z.object({
        order: z.number().int(),
        key: QuestionKey,
        question: z.string(),
        prompt: z.string(),
        hints: z.array(z.string()),
        status: z.enum(['empty', 'answered']),
        findings: z.array(ReviewFindingView).describe('Findings in this answer'),
      }),
    ),
    next: z.object({ action: z.string(), detail: z.string(), question: QuestionKey.optional() }),
    checklist: z.array(ChecklistItem),
    blockers: z
      .array(ChecklistItem)
      .describe('The checklist items not yet done; publish refuses while any remain'),
    blockingFindings: z.array(ReviewFindingView).describe('Error-severity findings nobody has suppressed'),
    suppressedFindings: z.array(ReviewFindingView).describe('Suppressed findings with their justification'),
    readyToPublish: z.boolean(),
  })
  .meta({ id: 'ReviewGuide' })
