import { DeliveryError } from '../shared/outgoing-http.ts'
import type { PageRef } from './publisher.ts'

/**
 * The create-or-update algorithm shared by Confluence Cloud (REST v2) and Data Center
 * (`/rest/api/content`); each flavour supplies only its HTTP shapes through ConfluenceApi.
 *
 * Exactly one page per review rests on two facts: the worker stores the page id after the first
 * success, and Confluence titles are unique per space, so a page created by an attempt whose outcome
 * was lost can be found again by its (stable, marker-carrying) title before anything is created.
 */

export type ConfluencePage = { id: string; version: number; url?: string | undefined }
export type PageContent = { title: string; body: string; message: string }

/** What `update` reports instead of throwing, because the flow recovers from both. */
export type UpdateOutcome = ConfluencePage | 'conflict' | 'gone'

export interface ConfluenceApi {
  /** The page with exactly this title in the configured space, or null. */
  findByTitle(title: string): Promise<ConfluencePage | null>
  /** The page with its current version, or null when it no longer exists (404). */
  get(id: string): Promise<ConfluencePage | null>
  create(content: PageContent): Promise<ConfluencePage>
  /** Writes `version` (current + 1): 409 → 'conflict', 404 → 'gone'. */
  update(id: string, version: number, content: PageContent): Promise<UpdateOutcome>
}

const toRef = (page: ConfluencePage): PageRef => ({ pageId: page.id, version: page.version, url: page.url })

/**
 * Creates the review's page or updates the one it already has.
 *
 * - `existing` without a version (or with one a person has since moved past) is fine: a 409 re-reads
 *   the current version and retries once; a second 409 means someone else keeps writing, which is
 *   reported as a non-retryable 'conflict' rather than overwritten in a loop.
 * - A stored page that is gone (404: a person deleted it) is not an error: the review is published
 *   again as a new page, after the same title lookup a first publication does.
 * - Updates never send a parent, so a page people moved elsewhere in the space stays where they put it.
 *
 * Limitation: the lookup is by exact title, so it finds a lost page only while the review keeps the
 * title it had then. That covers retries of one delivery (same snapshot); a first publication that was
 * dead-lettered and then re-published under a new title would create a second page.
 */
export async function publishConfluencePage(
  api: ConfluenceApi,
  content: PageContent,
  existing: PageRef | null,
): Promise<PageRef> {
  if (existing) {
    const updated = await updateWithRetry(api, existing.pageId, existing.version, content)
    if (updated) return toRef(updated)
  }
  const found = await api.findByTitle(content.title)
  if (found) {
    const updated = await updateWithRetry(api, found.id, found.version, content)
    if (updated) return toRef(updated)
  }
  return toRef(await api.create(content))
}

/** The updated page, or null when the page no longer exists. */
async function updateWithRetry(
  api: ConfluenceApi,
  id: string,
  knownVersion: number | undefined,
  content: PageContent,
): Promise<ConfluencePage | null> {
  let version = knownVersion
  if (version === undefined) {
    const current = await api.get(id)
    if (!current) return null
    version = current.version
  }
  const first = await api.update(id, version + 1, content)
  if (first === 'gone') return null
  if (first !== 'conflict') return first

  const current = await api.get(id)
  if (!current) return null
  const second = await api.update(id, current.version + 1, content)
  if (second === 'gone') return null
  if (second === 'conflict') {
    throw new DeliveryError(
      `conflict: page ${id} changed again while it was being updated (version ${current.version + 1} refused twice)`,
      { retryable: false, status: 409 },
    )
  }
  return second
}
