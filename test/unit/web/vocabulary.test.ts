import { expect, it } from 'vitest'
import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  ACTION_ITEM_TYPES,
  FACTOR_CATEGORIES,
  TIMELINE_KINDS,
} from '../../../src/reviews/parts.schemas.ts'
import { CATEGORIES, KINDS, PRIORITIES, STATUSES, TYPES } from '../../../web/src/vocabulary.ts'

it("offers exactly the API's choices for kinds, categories, priorities, types and statuses", () => {
  expect(KINDS).toEqual([...TIMELINE_KINDS])
  expect(CATEGORIES).toEqual([...FACTOR_CATEGORIES])
  expect([...PRIORITIES].sort()).toEqual([...ACTION_ITEM_PRIORITIES].sort())
  expect(TYPES).toEqual([...ACTION_ITEM_TYPES])
  expect(STATUSES).toEqual([...ACTION_ITEM_STATUSES])
})
