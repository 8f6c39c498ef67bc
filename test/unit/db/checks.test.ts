import { describe, expect, it } from 'vitest'
import { DB_ENUMS } from '../../../src/db/schema/checks.ts'
import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  ACTION_ITEM_TYPES,
  FACTOR_CATEGORIES,
  TIMELINE_KINDS,
} from '../../../src/reviews/parts.schemas.ts'
import { REVIEW_STATUSES } from '../../../src/reviews/reviews.schemas.ts'

describe('CHECK constraints', () => {
  it('allow exactly the values the API accepts', () => {
    expect(DB_ENUMS.reviewStatus).toEqual(REVIEW_STATUSES)
    expect(DB_ENUMS.timelineKind).toEqual(TIMELINE_KINDS)
    expect(DB_ENUMS.factorCategory).toEqual(FACTOR_CATEGORIES)
    expect(DB_ENUMS.actionItemStatus).toEqual(ACTION_ITEM_STATUSES)
    expect(DB_ENUMS.actionItemPriority).toEqual(ACTION_ITEM_PRIORITIES)
    expect(DB_ENUMS.actionItemType).toEqual(ACTION_ITEM_TYPES)
  })
})
