/** The events a review announces to webhook subscribers (src/webhooks/), in the order of the docs. */
export const WEBHOOK_EVENTS = [
  'review.created',
  'review.updated',
  'review.published',
  'action_item.created',
  'action_item.updated',
] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]
