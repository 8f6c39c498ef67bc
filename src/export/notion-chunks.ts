import type { BlockObjectRequest } from '@notionhq/client'
import { NOTION_LIMITS } from './notion-rich-text.ts'

// Request-sized batches of blocks: a page is created with the first batch and the rest are
// appended, each request within Notion's limits on blocks, nested elements and payload size.

const childrenOf = (block: BlockObjectRequest): BlockObjectRequest[] => {
  const body = (block as Record<string, unknown>)[block.type ?? ''] as
    | { children?: BlockObjectRequest[] }
    | undefined
  return body?.children ?? []
}

/** How many levels of children the blocks have (0 when none has children). */
export const nestingDepth = (blocks: BlockObjectRequest[]): number =>
  blocks.reduce((max, b) => Math.max(max, childrenOf(b).length > 0 ? 1 + nestingDepth(childrenOf(b)) : 0), 0)

/** Blocks counted as the API counts them: each block and all its nested children. */
export const elementCount = (blocks: BlockObjectRequest[]): number =>
  blocks.reduce((n, b) => n + 1 + elementCount(childrenOf(b)), 0)

/**
 * Splits blocks into requests of at most `size` top-level blocks (100 in Notion's API), also
 * keeping each request within the API's 1000 nested elements and a payload budget in bytes.
 */
export function chunkBlocks(
  blocks: BlockObjectRequest[],
  size: number = NOTION_LIMITS.arrayItems,
  maxBytes = 450_000,
): BlockObjectRequest[][] {
  const chunks: BlockObjectRequest[][] = []
  let current: BlockObjectRequest[] = []
  let elements = 0
  let bytes = 0
  for (const block of blocks) {
    const blockElements = elementCount([block])
    const blockBytes = Buffer.byteLength(JSON.stringify(block))
    const full =
      current.length >= size ||
      elements + blockElements > NOTION_LIMITS.requestElements ||
      bytes + blockBytes > maxBytes
    if (current.length > 0 && full) {
      chunks.push(current)
      current = []
      elements = 0
      bytes = 0
    }
    current.push(block)
    elements += blockElements
    bytes += blockBytes
  }
  if (current.length > 0) chunks.push(current)
  return chunks
}
