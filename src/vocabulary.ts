/**
 * The closed sets of the review domain, written once. The zod schemas (reviews/), the CHECK
 * constraints (db/schema/checks.ts) and the web page's choices (web/) all derive from these lists.
 * This file imports nothing, so every folder — db/ included — can depend on it without a cycle, and
 * the page can bundle it without zod.
 */
export const REVIEW_STATUSES = ['draft', 'in_review', 'published'] as const
export const TIMELINE_KINDS = [
  'detection',
  'diagnosis',
  'repair',
  'key_moment',
  'communication',
  'other',
] as const
export const FACTOR_CATEGORIES = [
  'process',
  'tooling',
  'communication',
  'change',
  'capacity',
  'dependency',
  'knowledge',
  'environment',
  'other',
] as const
export const ACTION_ITEM_STATUSES = ['open', 'in_progress', 'done', 'wont_do'] as const
export const ACTION_ITEM_PRIORITIES = ['low', 'medium', 'high', 'critical'] as const
export const ACTION_ITEM_TYPES = ['prevent', 'detect', 'mitigate', 'process'] as const
