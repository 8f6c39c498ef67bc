import { z } from 'zod'
import { csvEnum, PageQuery } from '../http/schemas.ts'
import { HttpUrl, Timestamp, text } from '../shared/schemas.ts'
import { REVIEW_STATUSES } from '../vocabulary.ts'

export const Severity = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .describe('As your incident tool names it, e.g. SEV1, P2')

export const Incident = z
  .strictObject({
    source: text(64).describe('The incident tool, e.g. pagerduty, opsgenie, incident.io'),
    externalId: text(256),
    url: HttpUrl.optional(),
  })
  .meta({ id: 'IncidentReference' })

export const Participant = z
  .strictObject({
    name: text(200),
    handle: z.string().trim().min(1).max(200).optional(),
    role: z.string().trim().min(1).max(200).optional(),
  })
  .meta({ id: 'Participant', description: 'Also the roster the linter uses to recognise people' })

const answerText = z.string().max(100_000)
export const Answers = z
  .strictObject({
    intent: answerText.nullable().optional().describe('What did we set out to do?'),
    actual: answerText.nullable().optional().describe('What actually happened?'),
    causes: answerText.nullable().optional().describe('Why did it happen that way?'),
    nextTime: answerText.nullable().optional().describe('What will we do differently next time?'),
  })
  .meta({ id: 'Answers' })

const times = {
  startedAt: Timestamp.nullable().optional(),
  detectedAt: Timestamp.nullable().optional(),
  mitigatedAt: Timestamp.nullable().optional(),
  resolvedAt: Timestamp.nullable().optional(),
}

export const CreateReviewBody = z
  .strictObject({
    title: text(300),
    severity: Severity.optional(),
    incident: Incident.optional(),
    participants: z.array(Participant).max(200).optional(),
    answers: Answers.optional(),
    ...times,
  })
  .meta({ id: 'CreateReviewBody' })

export const UpdateReviewBody = z
  .strictObject({
    title: text(300).optional(),
    severity: Severity.nullable().optional(),
    incident: Incident.nullable().optional(),
    participants: z.array(Participant).max(200).optional().describe('Replaces the whole list'),
    answers: Answers.optional().describe('Merged by key; null clears an answer'),
    ...times,
  })
  .meta({ id: 'UpdateReviewBody', description: 'Partial update: only the fields you send change' })

export const ListReviewsQuery = z.strictObject({
  status: csvEnum(REVIEW_STATUSES).optional(),
  severity: Severity.optional(),
  createdAfter: Timestamp.optional(),
  createdBefore: Timestamp.optional(),
  q: z.string().trim().min(1).max(200).optional().describe('Case-insensitive text search in the title'),
  incidentSource: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .describe('The incident tool (`incident.source`; for incident sources, their kind, e.g. pagerduty)'),
  incidentId: z
    .string()
    .trim()
    .min(1)
    .max(256)
    .optional()
    .describe(
      'The incident id in that tool (`incident.externalId`); with incidentSource, at most one review',
    ),
  ...PageQuery,
})

export type CreateReviewInput = z.infer<typeof CreateReviewBody>
export type UpdateReviewInput = z.infer<typeof UpdateReviewBody>
export type ListReviewsFilter = z.infer<typeof ListReviewsQuery>
