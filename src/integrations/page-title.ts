/**
 * Page titles that identify their review. Confluence titles are unique per space and Notion has no
 * idempotency keys, so the title carries a stable marker derived from the review id: it is how a
 * retry after an unknown outcome finds the page an earlier attempt created instead of making a second.
 */

/** Confluence refuses titles longer than 255 characters. */
const MAX_TITLE = 255

/** `(Debrief 1a2b3c4d)`: the first 8 hex digits of the review id, stable for the life of the review. */
export function reviewMarker(reviewId: string): string {
  return `(Debrief ${reviewId.replace(/-/g, '').slice(0, 8).toLowerCase()})`
}

/**
 * `<review title> (Debrief 1a2b3c4d)`, on one line and within the length limit (the review title is
 * shortened, never the marker, so the page stays findable).
 */
export function pageTitle(review: { id: string; title: string }): string {
  const marker = reviewMarker(review.id)
  // Control characters (newlines from an incident tool) are not allowed in wiki titles.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  const clean = review.title.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
  const room = MAX_TITLE - marker.length - 1
  const chars = [...clean]
  const head = chars.length > room ? `${chars.slice(0, room - 1).join('')}…` : clean
  return head ? `${head} ${marker}` : marker
}
