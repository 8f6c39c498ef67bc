import MarkdownIt from 'markdown-it'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { clean, safeUrl } from '../../../src/export/markdown.escape.ts'
import { renderMarkdown, TEMPLATES, type TemplateId } from '../../../src/export/markdown.render.ts'
import { stripFrontMatter } from '../../../src/export/markdown.source.ts'
import { acceptedUrls, hostileValues, rejectedUrls } from './hostile.values.ts'
import { blockShape, lintErrors, nodeCounts, nodesOf, parse, textOf } from './markdown.structure.ts'
import { benignText, FIELD_LIMITS, reviewWith, type UserText } from './review.fixture.ts'

const generatedAt = '2026-11-22T08:00:00.000Z'
const render = (t: UserText, template: TemplateId = 'aar') =>
  renderMarkdown(reviewWith(t), { template, generatedAt })

const URL_FIELDS = new Set<keyof UserText>(['incidentUrl', 'trackerUrl'])
const everywhere = (value: string): UserText =>
  Object.fromEntries(
    Object.entries(FIELD_LIMITS).map(([field, limit]) => [field, value.slice(0, limit)]),
  ) as UserText
// A URL field either keeps its link (an allowed URL) or shows the value as text: the benign
// structure to compare with is the one with a benign URL, or with a value that is not a URL.
const benignFor = (value: string): UserText => {
  const t = { ...benignText }
  for (const field of URL_FIELDS) if (!safeUrl(value)) t[field] = 'not a link'
  return t
}

const markdownIt = new MarkdownIt({ html: true, linkify: true })
// Emphasis of plain words is the one inline markup answers keep (besides safe links): it may add
// emphasis/strong nodes, never anything else, and the words read the same without the markers.
const withoutEmphasis = ({ emphasis: _e, strong: _s, ...counts }: Record<string, number>) => counts
const emphasisRead = (line: string) =>
  line.replace(/(?<![\\\w*_])(\*\*|__|\*|_)([A-Za-z0-9]+)\1(?![\w*_])/g, (all, _m, word, at) =>
    all.length === line.trim().length && at === 0 ? all : word,
  )
const oneLine = (value: string) =>
  clean(value)
    .replace(/[ \n]+/g, ' ')
    .trim()

describe.each(TEMPLATES)('the %s export of hostile user text', (template) => {
  const benign = render(benignText, template)

  it('is lint-clean and well-shaped with benign values', () => {
    expect(lintErrors(benign)).toEqual([])
    expect(nodesOf(parse(benign), 'yaml')).toHaveLength(1)
  })

  // micromark needs seconds for 100 KB of escapes: the 100 KB values run through remark and
  // markdownlint for the aar layout (same partials as classic) and through markdown-it for both.
  const values = Object.entries(hostileValues).filter(
    ([name]) => template === 'aar' || !name.startsWith('100 KB'),
  )

  it.each(values)(
    'keeps the benign structure: %s',
    (_name, value) => {
      const hostile = everywhere(value)
      const markdown = render(hostile, template)
      const tree = parse(markdown)
      const expected = parse(render(benignFor(value), template))

      expect(blockShape(tree)).toEqual(blockShape(expected))
      expect(withoutEmphasis(nodeCounts(tree))).toEqual(withoutEmphasis(nodeCounts(expected)))
      for (const link of nodesOf(tree, 'link')) expect(link.url).toMatch(/^(https?|mailto):/)
      expect(markdown).not.toContain('{{')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
      expect(markdown).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B\uFEFF\u0000-\u0008\u001B\u007F]/)
      expect(lintErrors(markdown)).toEqual([])

      // The text survives, literally: in the heading, in the front matter and in the answers.
      const [title] = nodesOf(tree, 'heading')
      expect(textOf(title!)).toBe(oneLine(hostile.title))
      const front = parseYaml(nodesOf(tree, 'yaml')[0]!.value)
      expect(front.title).toBe(clean(hostile.title))
      expect(front.incident.external_id).toBe(clean(hostile.incidentExternalId))
    },
    60_000,
  )

  it.each(Object.entries(hostileValues))(
    'keeps an answer as its paragraphs, line by line: %s',
    (_name, value) => {
      const tree = parse(render({ ...benignText, answer: value }, template))
      const lines = clean(value)
        .split('\n')
        .map((line) => emphasisRead(line.replace(/ {2,}/g, ' ').trim()))
        .filter((line) => line !== '')
      const blocks = tree.children
      const heading = template === 'aar' ? '1. What did we set out to do?' : 'Background'
      const at = blocks.findIndex((node) => node.type === 'heading' && textOf(node) === heading)
      const paragraphs = []
      for (let i = at + 1; blocks[i]?.type === 'paragraph'; i++) paragraphs.push(textOf(blocks[i]!))
      expect(paragraphs.join('\n')).toBe(lines.join('\n'))
    },
    30_000,
  )

  // Beyond what the API accepts: 100 KB in every field still renders at once and keeps its shape.
  // (markdown-it here, because micromark takes tens of seconds on megabytes of escapes.)
  it.each(Object.entries(hostileValues).filter(([name]) => name.startsWith('100 KB')))(
    'renders %s in every field, unbounded',
    (_name, value) => {
      const started = performance.now()
      const markdown = render(
        Object.fromEntries(Object.keys(benignText).map((k) => [k, value])) as UserText,
        template,
      )
      expect(performance.now() - started).toBeLessThan(2000)
      const kinds = (md: string) => {
        const tokens = markdownIt.parse(stripFrontMatter(md), {})
        const inline = tokens.flatMap((token) => token.children ?? []).map((child) => child.type)
        return tokens
          .filter((token) => token.nesting !== -1 && !['inline', 'paragraph_open'].includes(token.type))
          .map((token) => `${token.type} ${token.tag}`)
          .concat(inline.filter((type) => /link|image|html/.test(type)))
      }
      expect(kinds(markdown)).toEqual(kinds(render(benignFor(value), template)))
      expect(markdown).not.toContain('{{')
    },
  )
})

describe('links in exports', () => {
  it.each(rejectedUrls)('shows a URL outside the allow-list as text: %s', (url) => {
    const tree = parse(render({ ...benignText, trackerUrl: url, incidentUrl: url }))
    expect(nodesOf(tree, 'link')).toEqual([])
    const table = nodesOf(tree, 'table').at(-1)!
    expect(textOf(table.children[1]!.children[7]!)).toBe(url)
  })

  it.each(acceptedUrls)('links an allowed URL exactly, with Markdown syntax encoded: %s', (url) => {
    const tree = parse(render({ ...benignText, trackerUrl: url, incidentUrl: url }))
    const links = nodesOf(tree, 'link')
    expect(links).toHaveLength(3) // the incident and the two action items' trackers
    for (const link of links) expect(decodeURI(link.url)).toBe(decodeURI(new URL(url).href))
  })
})

describe('Markdown kept in answers', () => {
  const answerOf = (answer: string) => {
    const tree = parse(render({ ...benignText, answer }))
    const heading = tree.children.findIndex(
      (n) => n.type === 'heading' && textOf(n) === '1. What did we set out to do?',
    )
    return tree.children[heading + 1]!
  }

  it('keeps an http(s) or mailto link as a working link', () => {
    const paragraph = answerOf('See [the RFC](https://wiki.acme.com/rfc/123).')
    expect(textOf(paragraph)).toBe('See the RFC.')
    const [link] = nodesOf({ type: 'root', children: [paragraph] } as never, 'link')
    expect(link).toMatchObject({ url: 'https://wiki.acme.com/rfc/123' })
    expect(textOf(link!)).toBe('the RFC')
    expect(render({ ...benignText, answer: 'See [the RFC](https://wiki.acme.com/rfc/123).' })).toContain(
      '\nSee [the RFC](https://wiki.acme.com/rfc/123).\n',
    )
    const mail = answerOf('Ask [the SRE desk](mailto:sre@acme.com)')
    expect(nodesOf({ type: 'root', children: [mail] } as never, 'link')[0]).toMatchObject({
      url: 'mailto:sre@acme.com',
    })
  })

  it('keeps emphasis of plain words', () => {
    const paragraph = answerOf('It was *not* the **database** but _the_ cache')
    const root = { type: 'root', children: [paragraph] } as never
    expect(nodesOf(root, 'emphasis').map(textOf)).toEqual(['not', 'the'])
    expect(nodesOf(root, 'strong').map(textOf)).toEqual(['database'])
    expect(textOf(paragraph)).toBe('It was not the database but the cache')
  })

  it.each([
    ['an image', '![pixel](https://tracker.example.com/p.gif)'],
    ['another scheme', '[x](javascript:alert(1))'],
    ['a data URL', '[x](data:text/html,hi)'],
    ['a relative link', '[x](/admin)'],
    ['credentials', '[x](https://u:p@evil.example/)'],
    ['HTML inside a link', '[<img src=x onerror=alert(1)>](https://evil.example/)'],
    ['a heading inside emphasis', '**# not a heading**'],
  ])('adds no image, HTML or other link for %s', (_name, answer) => {
    const tree = parse(render({ ...benignText, answer }))
    expect(nodesOf(tree, 'image')).toEqual([])
    expect(nodesOf(tree, 'html')).toEqual([])
    for (const link of nodesOf(tree, 'link')) expect(link.url).not.toMatch(/javascript|data:|admin|u:p/)
    expect(lintErrors(render({ ...benignText, answer }))).toEqual([])
  })
})
