/**
 * The request limits the Notion API enforces on block children (developers.notion.com/reference/
 * request-limits), checked by the fake the way Notion reports them: a `validation_error` message
 * naming the offending path. Limits are restated here, not imported from src/, so a mistake in the
 * publisher's own constants cannot hide itself.
 */

const MAX_CHILDREN = 100
const MAX_BLOCKS_PER_REQUEST = 1000
const MAX_TEXT = 2000
const MAX_RICH_TEXT_ITEMS = 100
/** A request may nest children two levels deep (a block's children may have children, no deeper). */
const MAX_DEPTH = 2

type Block = Record<string, unknown>

const typeOf = (block: Block) =>
  (block.type as string | undefined) ?? Object.keys(block).find((k) => k !== 'object')

/** The first limit `children` breaks, as Notion would word it, or undefined when the request is valid. */
export function blockError(children: unknown, path: string): string | undefined {
  let total = 0
  const check = (list: unknown, at: string, depth: number): string | undefined => {
    if (!Array.isArray(list)) return `${at} should be an array`
    if (list.length > MAX_CHILDREN)
      return `${at}.length should be ≤ \`${MAX_CHILDREN}\`, instead was \`${list.length}\`.`
    for (const [i, block] of (list as Block[]).entries()) {
      total++
      const type = typeOf(block)
      const content = type ? (block[type] as Block | undefined) : undefined
      if (!type || typeof content !== 'object' || content === null)
        return `${at}[${i}] should be a block object`
      const texts = [content.rich_text, content.caption].filter(Array.isArray) as Block[][]
      for (const rich of texts) {
        if (rich.length > MAX_RICH_TEXT_ITEMS)
          return `${at}[${i}].${type}.rich_text.length should be ≤ \`${MAX_RICH_TEXT_ITEMS}\``
        for (const [j, item] of rich.entries()) {
          const length = ((item.text as { content?: string } | undefined)?.content ?? '').length
          if (length > MAX_TEXT) {
            return `${at}[${i}].${type}.rich_text[${j}].text.content.length should be ≤ \`${MAX_TEXT}\`, instead was \`${length}\`.`
          }
        }
      }
      if (content.children !== undefined) {
        if (depth >= MAX_DEPTH)
          return `${at}[${i}].${type}.children should be not present, instead was \`${JSON.stringify(content.children).slice(0, 40)}\`.`
        const nested = check(content.children, `${at}[${i}].${type}.children`, depth + 1)
        if (nested) return nested
      }
    }
    return undefined
  }
  const found = check(children, path, 1)
  if (found) return `body failed validation: ${found}`
  if (total > MAX_BLOCKS_PER_REQUEST)
    return `body failed validation: ${path} holds ${total} blocks; a request may hold at most ${MAX_BLOCKS_PER_REQUEST}.`
  return undefined
}

/** The plain text of a stored block's rich text (for assertions on page content). */
export function plainText(content: Record<string, unknown>): string {
  const rich = (content.rich_text ?? []) as { text?: { content?: string } }[]
  return rich.map((t) => t.text?.content ?? '').join('')
}
