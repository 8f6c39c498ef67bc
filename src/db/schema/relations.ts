import { relations } from 'drizzle-orm'
import { actionItems, contributingFactors, timelineEvents } from './review-parts.ts'
import { reviews } from './reviews.ts'

// Lets the repository load a review with its parts in one round trip (drizzle relational query).
export const reviewsRelations = relations(reviews, ({ many }) => ({
  timelineEvents: many(timelineEvents),
  contributingFactors: many(contributingFactors),
  actionItems: many(actionItems),
}))
export const timelineEventsRelations = relations(timelineEvents, ({ one }) => ({
  review: one(reviews, { fields: [timelineEvents.reviewId], references: [reviews.id] }),
}))
export const contributingFactorsRelations = relations(contributingFactors, ({ one }) => ({
  review: one(reviews, { fields: [contributingFactors.reviewId], references: [reviews.id] }),
}))
export const actionItemsRelations = relations(actionItems, ({ one }) => ({
  review: one(reviews, { fields: [actionItems.reviewId], references: [reviews.id] }),
}))
