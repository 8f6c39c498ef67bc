import type { BlockObjectRequest } from '@notionhq/client'
import type { Token } from 'markdown-it'
import { safeUrl } from './markdown.escape.ts'

export type RichText = Extract<BlockObjectRequest, { paragraph: unknown }>['paragraph']['rich_text'][number]

/** Notion API request limits (developers.notion.com/reference/request-limits). */
export const NOTION_LIMITS = {
  /** Characters in one rich-text item's text.content. */
  textChars: 2000,
  /** Characters in a link URL. */
  urlChars: 2000,
  /** Items in any array: rich text of a block, children of a block, blocks of a request. */
  arrayItems: 100,
  /** Block elements (counting nested children) in one request. */
  requestElements: 1000,
  /** Children may nest this deep below a top-level block of a request. */
  depth: 2,
} as const

type Span = {
  text: string
  bold: boolean
  italic: boolean
  strike: boolean
  code: boolean
  url: string | null
}

const sameStyle = (a: Span, b: Span) =>
  a.bold === b.bold && a.italic === b.italic && a.strike === b.strike && a.code === b.code && a.url === b.url

/** The styled runs of an inline token's children; images keep their alt text, links only safe URLs. */
function spansOf(children: Token[]): Span[] {
  const spans: Span[] = []
  const depth = { bold: 0, italic: 0, strike: 0 }
  const links: Array<string | null> = []
  const push = (text: string, code = false) => {
    if (text === '') return
    const url = links.findLast((l) => l !== null) ?? null
    const span = { text, bold: depth.bold > 0, italic: depth.italic > 0, strike: depth.strike > 0, code, url }
    const last = spans.at(-1)
    if (last && sameStyle(last, span)) last.text += text
    else spans.push(span)
  }
  for (const token of children) {
    if (token.type === 'text') push(token.content)
    else if (token.type === 'code_inline') push(token.content, true)
    else if (token.type === 'softbreak' || token.type === 'hardbreak') push('\n')
    else if (token.type === 'image') push((token.children ?? []).map((c) => c.content).join(''))
    else if (token.type === 'link_open') {
      const href = token.attrGet('href')
      const url = typeof href === 'string' ? safeUrl(href) : null
      links.push(url && url.length <= NOTION_LIMITS.urlChars ? url : null)
    } else if (token.type === 'link_close') links.pop()
    else if (token.type === 'strong_open' || token.type === 'strong_close') depth.bold += token.nesting
    else if (token.type === 'em_open' || token.type === 'em_close') depth.italic += token.nesting
    else if (token.type === 's_open' || token.type === 's_close') depth.strike += token.nesting
  }
  return spans
}

/** Cuts text into pieces of at most `max` UTF-16 units without splitting a surrogate pair. */
export function splitText(text: string, max: number = NOTION_LIMITS.textChars): string[] {
  const pieces: string[] = []
  for (let at = 0; at < text.length; ) {
    let end = Math.min(at + max, text.length)
    const code = text.charCodeAt(end - 1)
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end--
    pieces.push(text.slice(at, end))
    at = end
  }
  return pieces
}

/** Rich-text items for styled runs: long runs are split into several items, never cut short. */
function richTextOf(spans: Span[]): RichText[] {
  return spans.flatMap((span) =>
    splitText(span.text).map(
      (content): RichText => ({
        type: 'text',
        text: span.url ? { content, link: { url: span.url } } : { content },
        annotations: { bold: span.bold, italic: span.italic, strikethrough: span.strike, code: span.code },
      }),
    ),
  )
}

/** Rich text for the inline token of a paragraph, heading or table cell. */
export const inlineRichText = (inline: Token | undefined): RichText[] =>
  richTextOf(spansOf(inline?.children ?? []))

/** Plain (unstyled) rich text, e.g. for a code block. */
export const plainRichText = (text: string): RichText[] =>
  richTextOf([{ text, bold: false, italic: false, strike: false, code: false, url: null }])

/** The text a reader sees in rich text, e.g. to check nothing was lost. */
export const plainTextOf = (items: RichText[]): string =>
  items.map((item) => ('text' in item ? item.text.content : '')).join('')
