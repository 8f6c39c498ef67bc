import type { BlockObjectRequest } from '@notionhq/client'
import type { Token } from 'markdown-it'
import { createMarkdownIt, stripFrontMatter } from './markdown.source.ts'
import { inlineRichText, NOTION_LIMITS, plainRichText, type RichText } from './notion-rich-text.ts'

/**
 * Notion blocks from an export's Markdown, within the API's limits: long text is split into
 * several rich-text items and, past 100 items, several blocks (never truncated); children nest at
 * most two levels (deeper list items are lifted); tables are cut into tables of at most 100 rows.
 */

type Language = Extract<BlockObjectRequest, { code: unknown }>['code']['language']
type Children = NonNullable<
  Extract<BlockObjectRequest, { bulleted_list_item: unknown }>['bulleted_list_item']['children']
>
type TextType =
  | 'paragraph'
  | 'heading_1'
  | 'heading_2'
  | 'heading_3'
  | 'bulleted_list_item'
  | 'numbered_list_item'
  | 'quote'

const LANGUAGES: Record<string, Language> = {
  js: 'javascript',
  ts: 'typescript',
  py: 'python',
  sh: 'shell',
  yml: 'yaml',
}
const KNOWN = new Set<string>([
  'bash',
  'css',
  'diff',
  'go',
  'html',
  'java',
  'javascript',
  'json',
  'python',
  'ruby',
  'rust',
  'shell',
  'sql',
  'typescript',
  'xml',
  'yaml',
])
const language = (info: string): Language => {
  const name = info.trim().split(/\s+/)[0]?.toLowerCase() ?? ''
  return LANGUAGES[name] ?? (KNOWN.has(name) ? (name as Language) : 'plain text')
}

// A block holds at most 100 rich-text items; 50 items × 2000 characters also keeps one block far
// below the 500 KB request size whatever the script.
const ITEMS_PER_BLOCK = 50

function textBlock(
  type: TextType,
  richText: RichText[],
  children: BlockObjectRequest[] = [],
): BlockObjectRequest {
  const body =
    children.length > 0 ? { rich_text: richText, children: children as Children } : { rich_text: richText }
  return { type, [type]: body } as unknown as BlockObjectRequest
}

/** The block, then paragraphs for the rich text that does not fit in it. */
function textBlocks(
  type: TextType,
  richText: RichText[],
  children: BlockObjectRequest[] = [],
): BlockObjectRequest[] {
  const blocks = [textBlock(type, richText.slice(0, ITEMS_PER_BLOCK), children)]
  for (let at = ITEMS_PER_BLOCK; at < richText.length; at += ITEMS_PER_BLOCK)
    blocks.push(textBlock('paragraph', richText.slice(at, at + ITEMS_PER_BLOCK)))
  return blocks
}

/** The index just past the token that closes the one opened at `open`. */
function closing(tokens: Token[], open: number): number {
  let level = 0
  for (let i = open; i < tokens.length; i++) {
    level += tokens[i]!.nesting
    if (level === 0) return i + 1
  }
  return tokens.length
}

function tableBlocks(tokens: Token[], depth: number): BlockObjectRequest[] {
  const rows: RichText[][][] = []
  for (const token of tokens) {
    if (token.type === 'tr_open') rows.push([])
    else if (token.type === 'inline') rows.at(-1)?.push(inlineRichText(token))
  }
  const [header, ...body] = rows
  if (!header) return []
  // Below the top level a table's rows would nest too deep: each row becomes a paragraph.
  if (depth > 0)
    return body.map((cells) =>
      textBlock(
        'paragraph',
        cells.flatMap((c, i) => (i ? plainRichText(' · ') : []).concat(c)),
      ),
    )
  const tables: BlockObjectRequest[] = []
  const perTable = NOTION_LIMITS.arrayItems - 1 // the header row is repeated in every table
  for (let at = 0; at === 0 || at < body.length; at += perTable) {
    const slice = [header, ...body.slice(at, at + perTable)]
    tables.push({
      type: 'table',
      table: {
        table_width: header.length,
        has_column_header: true,
        has_row_header: false,
        children: slice.map((cells) => ({ type: 'table_row' as const, table_row: { cells } })),
      },
    })
  }
  return tables
}

function convert(tokens: Token[], depth: number): BlockObjectRequest[] {
  const blocks: BlockObjectRequest[] = []
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i]!
    const end = token.nesting === 1 ? closing(tokens, i) : i + 1
    const inner = tokens.slice(i + 1, end - 1)
    if (token.type === 'paragraph_open') blocks.push(...textBlocks('paragraph', inlineRichText(inner[0])))
    else if (token.type === 'heading_open') {
      const level = Math.min(3, Number(token.tag.slice(1)))
      blocks.push(...textBlocks(`heading_${level}` as TextType, inlineRichText(inner[0])))
    } else if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') {
      const kind = token.type === 'bullet_list_open' ? 'bulleted_list_item' : 'numbered_list_item'
      for (let j = 0; j < inner.length; ) {
        const itemEnd = closing(inner, j)
        blocks.push(...container(kind, inner.slice(j + 1, itemEnd - 1), depth))
        j = itemEnd
      }
    } else if (token.type === 'blockquote_open') blocks.push(...container('quote', inner, depth))
    else if (token.type === 'fence' || token.type === 'code_block') {
      const content = token.content.replace(/\n$/, '')
      const richText = plainRichText(content)
      for (let at = 0; at === 0 || at < richText.length; at += ITEMS_PER_BLOCK)
        blocks.push({
          type: 'code',
          code: { rich_text: richText.slice(at, at + ITEMS_PER_BLOCK), language: language(token.info) },
        })
    } else if (token.type === 'hr') blocks.push({ type: 'divider', divider: {} })
    else if (token.type === 'table_open') blocks.push(...tableBlocks(inner, depth))
    i = end
  }
  return blocks
}

/** A list item or quote: its first paragraph is its text, the rest its children (or siblings when too deep). */
function container(type: TextType, inner: Token[], depth: number): BlockObjectRequest[] {
  const leading = inner[0]?.type === 'paragraph_open'
  const richText = leading ? inlineRichText(inner[1]) : []
  const rest = convert(leading ? inner.slice(closing(inner, 0)) : inner, depth + 1)
  if (depth < NOTION_LIMITS.depth) return textBlocks(type, richText, rest)
  return [...textBlocks(type, richText), ...rest]
}

const md = createMarkdownIt()

/** Notion block objects for a Markdown export (front matter dropped: it is page metadata). */
export function toNotionBlocks(markdown: string): BlockObjectRequest[] {
  return convert(md.parse(stripFrontMatter(markdown), {}), 0)
}

export { chunkBlocks, elementCount, nestingDepth } from './notion-chunks.ts'
