import type { Review } from '../reviews/review.views.ts'

/**
 * The contract between the delivery worker and each wiki (Confluence Cloud, Confluence Data Center,
 * Notion). A publisher turns one publication of a review into exactly one page per review: it creates
 * the page the first time and updates the same page afterwards.
 */

/** Where the review's page lives, as stored after the first successful delivery. */
export type PageRef = { pageId: string; version?: number | undefined; url?: string | undefined }

export type PublishInput = {
  /** The frozen snapshot of the publication being delivered. */
  review: Review
  publicationNumber: number
  /** The review rendered to Markdown (src/export/), the single source of every wiki body. */
  markdown: string
}

export interface Publisher {
  /**
   * Creates or updates the review's page. `existing` is the stored PageRef (null before the first
   * success). With `existing` null the publisher must still first look for a page it created for this
   * review earlier (a retry after an unknown outcome) and update that one instead of creating a second.
   */
  publish(input: PublishInput, existing: PageRef | null): Promise<PageRef>
}
