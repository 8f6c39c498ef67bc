// The API's enums (src/reviews/parts.schemas.ts, kept equal by test/unit/web/vocabulary.test.ts): importing
// them would bundle zod into the page.
export const KINDS = ['detection', 'diagnosis', 'repair', 'key_moment', 'communication', 'other']
export const CATEGORIES = [
  'process',
  'tooling',
  'communication',
  'change',
  'capacity',
  'dependency',
  'knowledge',
  'environment',
  'other',
]
export const PRIORITIES = ['medium', 'low', 'high', 'critical']
export const TYPES = ['prevent', 'detect', 'mitigate', 'process']
export const STATUSES = ['open', 'in_progress', 'done', 'wont_do']
