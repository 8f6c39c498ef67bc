import { type BlockObjectRequest, isHTTPResponseError, RequestTimeoutError } from '@notionhq/client'
import { DeliveryError, failureFrom } from '../shared/outgoing-http.ts'
import { networkFailure } from './wiki-http.ts'

/** Notion's documented request limits (https://developers.notion.com/reference/request-limits). */
export const NOTION_LIMITS = {
  /** Blocks in one `children` array. */
  childrenPerRequest: 100,
  /** Blocks in one request, counting nested children. */
  blocksPerRequest: 1000,
  /** Characters in one rich-text `text.content`. */
  richTextContent: 2000,
  /** Items in one rich-text array. */
  richTextItems: 100,
  /** Levels of nested `children` one request may carry. */
  nestingDepth: 2,
} as const

/** The block plus all the children nested in it (`block[block.type].children`). */
export function blockCount(block: BlockObjectRequest): number {
  const type = (block as { type?: string }).type ?? Object.keys(block).find((k) => k !== 'object')
  const body = type
    ? (block as unknown as Record<string, { children?: BlockObjectRequest[] }>)[type]
    : undefined
  return 1 + (body?.children ?? []).reduce((sum, child) => sum + blockCount(child), 0)
}

/**
 * Splits top-level blocks into request-sized chunks: at most 100 per `children` array and at most
 * 1000 blocks per request including nested ones. Order is kept; nothing is dropped. (Splitting long
 * text and limiting nesting is the renderer's job: it knows where a paragraph may be cut.)
 */
export function requestChunks(blocks: BlockObjectRequest[]): BlockObjectRequest[][] {
  const chunks: BlockObjectRequest[][] = []
  let current: BlockObjectRequest[] = []
  let total = 0
  for (const block of blocks) {
    const size = blockCount(block)
    const full =
      current.length >= NOTION_LIMITS.childrenPerRequest || total + size > NOTION_LIMITS.blocksPerRequest
    if (current.length > 0 && full) {
      chunks.push(current)
      current = []
      total = 0
    }
    current.push(block)
    total += size
  }
  if (current.length > 0) chunks.push(current)
  return chunks
}

/**
 * Maps what @notionhq/client throws to the worker's retry classification: HTTP errors go through
 * failureFrom (429 with Retry-After, 5xx and 408 retryable; other 4xx fail fast with Notion's
 * message), the client's own timeout and network failures are retryable, DeliveryErrors from the
 * egress fetch pass through unchanged.
 */
export async function notionFailure(error: unknown, what: string): Promise<DeliveryError> {
  if (error instanceof DeliveryError) return error
  if (isHTTPResponseError(error)) {
    const headers = error.headers instanceof Headers ? error.headers : new Headers()
    const failure = await failureFrom(new Response(error.body, { status: error.status, headers }), what)
    return new DeliveryError(failure.message, {
      retryable: failure.retryable,
      status: error.status,
      ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
      cause: error,
    })
  }
  if (RequestTimeoutError.isRequestTimeoutError(error)) {
    return new DeliveryError(`${what}: timed out`, { retryable: true, cause: error })
  }
  return networkFailure(error, what)
}

/** Runs one Notion call, labelling and classifying its failure. */
export async function step<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw await notionFailure(error, `Notion: ${what}`)
  }
}

/** True when Notion says the page no longer exists for us (deleted, or no longer shared). */
export function isGone(error: unknown): boolean {
  if (!(error instanceof DeliveryError) || !isHTTPResponseError(error.cause)) return false
  const cause = error.cause
  return (
    cause.code === 'object_not_found' || (cause.status === 400 && /archived|in trash/i.test(cause.message))
  )
}
