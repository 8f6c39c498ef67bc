import type { BlockObjectRequest } from '@notionhq/client'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../../src/export/markdown.render.ts'
import { chunkBlocks, elementCount, nestingDepth, toNotionBlocks } from '../../../src/export/notion-blocks.ts'
import { NOTION_LIMITS, plainTextOf, type RichText } from '../../../src/export/notion-rich-text.ts'
import { hostileValues } from './hostile.values.ts'
import { benignText, FIELD_LIMITS, reviewWith, type UserText } from './review.fixture.ts'

const generatedAt = '2026-11-22T08:00:00.000Z'
const everywhere = (value: string): UserText =>
  Object.fromEntries(
    Object.entries(FIELD_LIMITS).map(([field, limit]) => [field, value.slice(0, limit)]),
  ) as UserText

type Body = { rich_text?: RichText[]; children?: BlockObjectRequest[]; cells?: RichText[][] }
const bodyOf = (block: BlockObjectRequest) => (block as Record<string, unknown>)[block.type!] as Body
const all = (blocks: BlockObjectRequest[]): BlockObjectRequest[] =>
  blocks.flatMap((b) => [b, ...all(bodyOf(b).children ?? [])])
const richTexts = (blocks: BlockObjectRequest[]) =>
  all(blocks).flatMap((b) => [bodyOf(b).rich_text ?? [], ...(bodyOf(b).cells ?? [])])

/** Every limit of a Notion create/append request the blocks could break. */
function expectWithinLimits(blocks: BlockObjectRequest[]) {
  expect(nestingDepth(blocks)).toBeLessThanOrEqual(NOTION_LIMITS.depth)
  for (const block of all(blocks)) expect(bodyOf(block).children?.length ?? 0).toBeLessThanOrEqual(100)
  for (const items of richTexts(blocks)) {
    expect(items.length).toBeLessThanOrEqual(NOTION_LIMITS.arrayItems)
    for (const item of items) {
      const content = 'text' in item ? item.text.content : ''
      expect(content.length).toBeLessThanOrEqual(NOTION_LIMITS.textChars)
      expect(content).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/)
      const url = 'text' in item ? item.text.link?.url : undefined
      if (url) expect(url).toMatch(/^(https?|mailto):/)
    }
  }
  const chunks = chunkBlocks(blocks, 100)
  expect(chunks.flat()).toEqual(blocks)
  for (const chunk of chunks) {
    expect(chunk.length).toBeLessThanOrEqual(100)
    expect(elementCount(chunk)).toBeLessThanOrEqual(NOTION_LIMITS.requestElements)
    expect(Buffer.byteLength(JSON.stringify({ children: chunk }))).toBeLessThan(500_000)
  }
}

/** The text of the blocks between the heading `heading` and the next heading. */
function sectionText(blocks: BlockObjectRequest[], heading: string, separator = '\n'): string {
  const at = blocks.findIndex(
    (b) => b.type?.startsWith('heading') && plainTextOf(bodyOf(b).rich_text!) === heading,
  )
  const texts: string[] = []
  for (const block of blocks.slice(at + 1)) {
    if (block.type?.startsWith('heading')) break
    texts.push(plainTextOf(bodyOf(block).rich_text ?? []))
  }
  return texts.join(separator)
}

describe('toNotionBlocks', () => {
  it('turns the export into headings, lists, tables and paragraphs', () => {
    const blocks = toNotionBlocks(renderMarkdown(reviewWith(benignText), { generatedAt }))
    expect(blocks[0]).toEqual({
      type: 'heading_1',
      heading_1: { rich_text: [expect.objectContaining({ text: { content: 'Checkout outage' } })] },
    })
    const types = new Set(blocks.map((b) => b.type))
    expect([...types].sort()).toEqual([
      'bulleted_list_item',
      'heading_1',
      'heading_2',
      'heading_3',
      'paragraph',
      'table',
    ])
    const actions = blocks.filter((b) => b.type === 'table').at(-1) as Extract<
      BlockObjectRequest,
      { table: unknown }
    >
    expect(actions.table.table_width).toBe(8)
    expect(actions.table.children.map((row) => row.table_row.cells.length)).toEqual([8, 8, 8])
    const tracker = actions.table.children[1]!.table_row.cells[7]![0]!
    expect(tracker).toMatchObject({ text: { link: { url: 'https://tracker.example.com/PROJ-1' } } })
    expectWithinLimits(blocks)
  })

  it('splits a 100 KB answer into rich-text items and paragraphs without losing a character', () => {
    const answer = `${'Sphinx of black quartz, judge my vow. 🦄 '.repeat(2500)}end`.slice(-100_000)
    const blocks = toNotionBlocks(renderMarkdown(reviewWith({ ...benignText, answer }), { generatedAt }))
    // One line of text: the paragraphs it is spread over are continuations, joined with nothing.
    expect(sectionText(blocks, '1. What did we set out to do?', '')).toBe(answer.trim())
    const items = richTexts(blocks).flat()
    expect(items.filter((i) => 'text' in i && i.text.content.length === 2000).length).toBeGreaterThan(40)
    expectWithinLimits(blocks)
  })

  it('keeps an answer’s lines as lines', () => {
    const answer =
      'First line\nsecond line with <html> and [x](javascript:y)\n\nA new paragraph # not a heading'
    const blocks = toNotionBlocks(renderMarkdown(reviewWith({ ...benignText, answer }), { generatedAt }))
    expect(sectionText(blocks, '1. What did we set out to do?')).toBe(answer.replace('\n\n', '\n'))
  })

  it.each(Object.entries(hostileValues))(
    'stays within the API limits with hostile text: %s',
    (_name, value) => {
      const blocks = toNotionBlocks(renderMarkdown(reviewWith(everywhere(value)), { generatedAt }))
      expectWithinLimits(blocks)
      expect(blocks.filter((b) => b.type === 'heading_1')).toHaveLength(1)
      expect(blocks.some((b) => b.type === 'code' || b.type === 'quote' || b.type === 'divider')).toBe(false)
    },
  )

  it('lifts list items nested deeper than Notion accepts, keeping their text', () => {
    const blocks = toNotionBlocks('- a\n  - b\n    - c\n      - d\n        - e\n')
    expect(nestingDepth(blocks)).toBe(2)
    expect(all(blocks).map((b) => plainTextOf(bodyOf(b).rich_text!))).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('cuts a table of 250 rows into tables of at most 100 rows, each with the header', () => {
    const rows = Array.from({ length: 250 }, (_, i) => `| ${i} | row ${i} |`).join('\n')
    const blocks = toNotionBlocks(`| n | text |\n| --- | --- |\n${rows}\n`)
    const tables = blocks as Extract<BlockObjectRequest, { table: unknown }>[]
    expect(tables.map((t) => t.table.children.length)).toEqual([100, 100, 53])
    for (const table of tables) expect(plainTextOf(table.table.children[0]!.table_row.cells[0]!)).toBe('n')
    expect(
      tables.flatMap((t) => t.table.children.slice(1)).map((r) => plainTextOf(r.table_row.cells[0]!)),
    ).toEqual(Array.from({ length: 250 }, (_, i) => String(i)))
    expectWithinLimits(blocks)
  })

  it('writes code blocks with a Notion language and only safe links', () => {
    const blocks = toNotionBlocks(
      '```ts\nconst a = 1\n```\n\n[bad](javascript:x) [ok](https://ok.example/) ![img](https://i.example/x.png)\n',
    )
    expect(blocks[0]).toMatchObject({ type: 'code', code: { language: 'typescript' } })
    const paragraph = bodyOf(blocks[1]!).rich_text!
    expect(plainTextOf(paragraph)).toBe('[bad](javascript:x) ok img')
    expect(paragraph.filter((i) => 'text' in i && i.text.link)).toHaveLength(1)
  })
})

describe('chunkBlocks', () => {
  it('splits a large review into requests within Notion’s limits', () => {
    const review = reviewWith(
      { ...benignText, answer: 'x '.repeat(40_000) },
      { events: 200, factors: 20, items: 50 },
    )
    const blocks = toNotionBlocks(renderMarkdown(review, { generatedAt }))
    expectWithinLimits(blocks)
    expect(chunkBlocks(blocks, 100).length).toBeGreaterThan(1)
  })

  it('starts a new request when 100 blocks, 1000 elements or the byte budget would be passed', () => {
    const paragraph = (text: string): BlockObjectRequest => ({
      paragraph: { rich_text: [{ text: { content: text } }] },
    })
    expect(
      chunkBlocks(
        Array.from({ length: 250 }, () => paragraph('x')),
        100,
      ).map((c) => c.length),
    ).toEqual([100, 100, 50])
    const big = Array.from({ length: 10 }, () => paragraph('y'.repeat(1000)))
    expect(chunkBlocks(big, 100, 3500).map((c) => c.length)).toEqual([3, 3, 3, 1])
  })
})
