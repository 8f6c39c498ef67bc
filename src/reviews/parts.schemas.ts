import { z } from 'zod'
import { DateOnly, HttpUrl, Timestamp, text } from '../shared/schemas.ts'
import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  ACTION_ITEM_TYPES,
  FACTOR_CATEGORIES,
  TIMELINE_KINDS,
} from '../vocabulary.ts'

const description = text(20_000)
const ids = (what: string) => z.array(z.uuid()).max(100).describe(`Ids of ${what} in the same review`)

export const CreateTimelineEventBody = z
  .strictObject({ occurredAt: Timestamp, description, kind: z.enum(TIMELINE_KINDS).optional() })
  .meta({ id: 'CreateTimelineEventBody' })
export const UpdateTimelineEventBody = z
  .strictObject({
    occurredAt: Timestamp.optional(),
    description: description.optional(),
    kind: z.enum(TIMELINE_KINDS).nullable().optional(),
  })
  .meta({ id: 'UpdateTimelineEventBody' })

export const CreateFactorBody = z
  .strictObject({
    category: z.enum(FACTOR_CATEGORIES),
    description,
    timelineEventIds: ids('timeline events').optional(),
  })
  .meta({ id: 'CreateContributingFactorBody' })
export const UpdateFactorBody = z
  .strictObject({
    category: z.enum(FACTOR_CATEGORIES).optional(),
    description: description.optional(),
    timelineEventIds: ids('timeline events').optional(),
  })
  .meta({ id: 'UpdateContributingFactorBody' })

const owner = text(200).describe('A person, role or team: owning work is not blame')
export const CreateActionItemBody = z
  .strictObject({
    title: text(500),
    description: z.string().trim().max(20_000).optional(),
    owner,
    dueDate: DateOnly,
    priority: z.enum(ACTION_ITEM_PRIORITIES).optional(),
    status: z.enum(ACTION_ITEM_STATUSES).optional(),
    type: z.enum(ACTION_ITEM_TYPES).optional(),
    trackerUrl: HttpUrl.optional(),
    factorIds: ids('contributing factors').optional(),
  })
  .meta({ id: 'CreateActionItemBody' })
export const UpdateActionItemBody = z
  .strictObject({
    title: text(500).optional(),
    description: z.string().trim().max(20_000).nullable().optional(),
    owner: owner.optional(),
    dueDate: DateOnly.optional(),
    priority: z.enum(ACTION_ITEM_PRIORITIES).optional(),
    status: z.enum(ACTION_ITEM_STATUSES).optional(),
    type: z.enum(ACTION_ITEM_TYPES).nullable().optional(),
    trackerUrl: HttpUrl.nullable().optional(),
    factorIds: ids('contributing factors').optional(),
  })
  .meta({ id: 'UpdateActionItemBody' })

export type CreateTimelineEventInput = z.infer<typeof CreateTimelineEventBody>
export type CreateFactorInput = z.infer<typeof CreateFactorBody>
export type CreateActionItemInput = z.infer<typeof CreateActionItemBody>
