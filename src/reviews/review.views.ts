import { z } from 'zod'
import type {
  ActionItemRow,
  ContributingFactorRow,
  PublicationRow,
  ReviewRow,
  RevisionRow,
  TimelineEventRow,
} from '../db/schema/index.ts'
import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  ACTION_ITEM_TYPES,
  FACTOR_CATEGORIES,
  REVIEW_STATUSES,
  TIMELINE_KINDS,
} from '../vocabulary.ts'
import { withSuppressions } from './findings.ts'

// The API's shapes (documented in OpenAPI) and the row → API mappers. Dates leave as ISO strings.

const iso = (d: Date | null) => (d ? d.toISOString() : null)
const stamp = z.string().describe('RFC 3339 date-time')
const common = { id: z.uuid(), version: z.number().int(), createdAt: stamp, updatedAt: stamp }

export const TimelineEventView = z
  .object({ ...common, occurredAt: stamp, description: z.string(), kind: z.enum(TIMELINE_KINDS).nullable() })
  .meta({ id: 'TimelineEvent' })
export const ContributingFactorView = z
  .object({
    ...common,
    category: z.enum(FACTOR_CATEGORIES),
    description: z.string(),
    timelineEventIds: z.array(z.uuid()),
  })
  .meta({ id: 'ContributingFactor' })
export const ActionItemView = z
  .object({
    ...common,
    reviewId: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    owner: z.string(),
    dueDate: z.string(),
    priority: z.enum(ACTION_ITEM_PRIORITIES),
    status: z.enum(ACTION_ITEM_STATUSES),
    type: z.enum(ACTION_ITEM_TYPES).nullable(),
    trackerUrl: z.string().nullable(),
    factorIds: z.array(z.uuid()),
    completedAt: stamp.nullable(),
  })
  .meta({ id: 'ActionItem' })

const reviewFields = {
  ...common,
  title: z.string(),
  severity: z.string().nullable(),
  status: z.enum(REVIEW_STATUSES),
  incident: z
    .object({
      source: z.string(),
      externalId: z.string(),
      url: z.string().nullable(),
      service: z.string().nullable(),
      priority: z.string().nullable(),
      urgency: z.string().nullable(),
      status: z.string().nullable().describe('As the incident tool last reported it'),
      acknowledgedAt: stamp.nullable(),
      links: z.array(z.object({ label: z.string(), url: z.string() })),
    })
    .nullable()
    .describe('The incident this review is about; the details are filled in by incident sources'),
  startedAt: stamp.nullable(),
  detectedAt: stamp.nullable(),
  mitigatedAt: stamp.nullable(),
  resolvedAt: stamp.nullable(),
  publishedAt: stamp.nullable(),
}
export const ReviewSummaryView = z.object(reviewFields).meta({ id: 'ReviewSummary' })
export const ReviewFindingView = z
  .object({
    id: z.string().describe('Stable while the flagged text is unchanged'),
    field: z.string().describe('e.g. answers.causes or timelineEvents[<id>].description'),
    ruleId: z.string(),
    category: z.string(),
    severity: z.enum(['error', 'warning', 'info']),
    message: z.string(),
    start: z.number().int().describe('UTF-16 offsets into the field: text.slice(start, end) is the span'),
    end: z.number().int(),
    line: z.number().int(),
    column: z.number().int(),
    suggestion: z.string(),
    explanation: z.string(),
    suppression: z.object({ justification: z.string(), keyId: z.uuid().nullable(), at: stamp }).nullable(),
  })
  .meta({ id: 'ReviewFinding' })

export const ReviewView = z
  .object({
    ...reviewFields,
    findings: z
      .array(ReviewFindingView)
      .describe('Blame-language findings of every text field, from the last write'),
    rulesVersion: z.string().nullable(),
    participants: z.array(
      z.object({ name: z.string(), handle: z.string().optional(), role: z.string().optional() }),
    ),
    answers: z.object({
      intent: z.string().nullable(),
      actual: z.string().nullable(),
      causes: z.string().nullable(),
      nextTime: z.string().nullable(),
    }),
    timelineEvents: z.array(TimelineEventView),
    contributingFactors: z.array(ContributingFactorView),
    actionItems: z.array(ActionItemView),
  })
  .meta({ id: 'Review' })

export const RevisionView = z
  .object({
    id: z.number().int(),
    reviewVersion: z.number().int(),
    action: z.string(),
    actorKeyId: z.uuid().nullable(),
    changes: z.array(
      z.object({ path: z.string(), from: z.unknown().optional(), to: z.unknown().optional() }),
    ),
    createdAt: stamp,
  })
  .meta({ id: 'Revision' })
export const PublicationSummaryView = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    reviewVersion: z.number().int(),
    publishedAt: stamp,
    publishedBy: z.uuid().nullable(),
  })
  .meta({ id: 'PublicationSummary' })
export const PublicationView = PublicationSummaryView.extend({ snapshot: ReviewView }).meta({
  id: 'Publication',
})

export type TimelineEvent = z.infer<typeof TimelineEventView>
export type ContributingFactor = z.infer<typeof ContributingFactorView>
export type ActionItem = z.infer<typeof ActionItemView>
export type ReviewSummary = z.infer<typeof ReviewSummaryView>
export type Review = z.infer<typeof ReviewView>

const stamps = (r: { id: string; version: number; createdAt: Date; updatedAt: Date }) => ({
  id: r.id,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
})

export const toTimelineEvent = (r: TimelineEventRow): TimelineEvent => ({
  ...stamps(r),
  occurredAt: r.occurredAt.toISOString(),
  description: r.description,
  kind: r.kind as TimelineEvent['kind'],
})
export const toFactor = (r: ContributingFactorRow): ContributingFactor => ({
  ...stamps(r),
  category: r.category as ContributingFactor['category'],
  description: r.description,
  timelineEventIds: r.timelineEventIds,
})
export const toActionItem = (r: ActionItemRow): ActionItem => ({
  ...stamps(r),
  reviewId: r.reviewId,
  title: r.title,
  description: r.description,
  owner: r.owner,
  dueDate: r.dueDate,
  priority: r.priority as ActionItem['priority'],
  status: r.status,
  type: r.type as ActionItem['type'],
  trackerUrl: r.trackerUrl,
  factorIds: r.factorIds,
  completedAt: iso(r.completedAt),
})

export const toReviewSummary = (r: ReviewRow): ReviewSummary => ({
  ...stamps(r),
  title: r.title,
  severity: r.severity,
  status: r.status,
  incident:
    r.incidentSource && r.incidentExternalId
      ? {
          source: r.incidentSource,
          externalId: r.incidentExternalId,
          url: r.incidentUrl,
          service: r.incidentDetails.service ?? null,
          priority: r.incidentDetails.priority ?? null,
          urgency: r.incidentDetails.urgency ?? null,
          status: r.incidentDetails.status ?? null,
          acknowledgedAt: r.incidentDetails.acknowledgedAt ?? null,
          links: r.incidentDetails.links ?? [],
        }
      : null,
  startedAt: iso(r.startedAt),
  detectedAt: iso(r.detectedAt),
  mitigatedAt: iso(r.mitigatedAt),
  resolvedAt: iso(r.resolvedAt),
  publishedAt: iso(r.publishedAt),
})

export type ReviewAggregate = ReviewRow & {
  timelineEvents: TimelineEventRow[]
  contributingFactors: ContributingFactorRow[]
  actionItems: ActionItemRow[]
}

export const toReview = (r: ReviewAggregate): Review => ({
  ...toReviewSummary(r),
  participants: r.participants,
  answers: {
    intent: r.answers.intent ?? null,
    actual: r.answers.actual ?? null,
    causes: r.answers.causes ?? null,
    nextTime: r.answers.nextTime ?? null,
  },
  findings: withSuppressions(r.findings, r.suppressions),
  rulesVersion: r.rulesVersion,
  timelineEvents: r.timelineEvents.map(toTimelineEvent),
  contributingFactors: r.contributingFactors.map(toFactor),
  actionItems: r.actionItems.map(toActionItem),
})

export const toRevision = (r: RevisionRow) => ({
  id: r.id,
  reviewVersion: r.reviewVersion,
  action: r.action,
  actorKeyId: r.actorKeyId,
  changes: r.changes,
  createdAt: r.createdAt.toISOString(),
})
export const toPublicationSummary = (r: PublicationRow) => ({
  id: r.id,
  number: r.number,
  reviewVersion: r.reviewVersion,
  publishedAt: r.publishedAt.toISOString(),
  publishedBy: r.publishedBy,
})
