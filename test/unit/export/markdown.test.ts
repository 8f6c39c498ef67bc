import MarkdownIt from 'markdown-it'
import { lint } from 'markdownlint/sync'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { clean, safeUrl } from '../../../src/export/markdown.escape.ts'
import { renderMarkdown, TEMPLATES, type TemplateId } from '../../../src/export/markdown.render.ts'
import { stripFrontMatter } from '../../../src/export/markdown.source.ts'
import { acceptedUrls, hostileValues, rejectedUrls } from './hostile.values.ts'
import { blockShape, nodeCounts, nodesOf, parse, textOf } from './markdown.structure.ts'
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

const LINT_CONFIG = {
  default: true,
  // Answers are prose paragraphs and table rows hold whole descriptions: their length is the
  // author's, not the layout's, so line length cannot be limited.
  MD013: false,
  // The front matter repeats the H1's title for wiki tooling (Jekyll, Docusaurus): one title.
  MD025: { front_matter_title: '' },
  // The H1 is the review title verbatim; a title may end with punctuation ("Outage in eu-west.").
  MD026: false,
  // A review title may equal a section name ("Timeline"); section names never repeat as siblings.
  MD024: { siblings_only: true },
}
const lintErrors = (markdown: string) => lint({ strings: { export: markdown }, config: LINT_CONFIG }).export

const markdownIt = new MarkdownIt({ html: true, linkify: true })
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
      expect(nodeCounts(tree)).toEqual(nodeCounts(expected))
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
        .map((line) => line.replace(/ {2,}/g, ' ').trim())
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

describe('renderMarkdown', () => {
  it('is deterministic and defaults to the four-question layout', () => {
    const review = reviewWith(benignText)
    const once = renderMarkdown(review, { generatedAt })
    expect(renderMarkdown(review, { generatedAt, template: 'aar' })).toBe(once)
    expect(once).toContain(`generated_at: "${generatedAt}"`)
    const headings = nodesOf(parse(once), 'heading').map((h) => `${h.depth} ${textOf(h)}`)
    expect(headings).toEqual([
      '1 Checkout outage',
      '2 Key times',
      '2 1. What did we set out to do?',
      '2 2. What actually happened?',
      '3 Timeline',
      '2 3. Why did it happen that way?',
      '3 Contributing factors',
      '2 4. What will we do differently next time?',
      '3 Action items',
      '2 Participants',
    ])
  })

  it('renders the classic layout: summary, impact, timeline, factors, action items', () => {
    const tree = parse(render(benignText, 'classic'))
    const sections = nodesOf(tree, 'heading')
      .filter((h) => h.depth === 2)
      .map(textOf)
    expect(sections).toEqual([
      'Summary',
      'Impact',
      'Timeline',
      'Contributing factors',
      'Action items',
      'Participants',
    ])
  })

  it('writes the front matter as YAML with the review metadata', () => {
    const front = parseYaml(nodesOf(parse(render(benignText)), 'yaml')[0]!.value)
    expect(front).toEqual({
      review_id: '00000000-0000-4000-8000-000000000001',
      title: 'Checkout outage',
      version: 7,
      status: 'published',
      severity: 'SEV1',
      incident: {
        source: 'pagerduty',
        external_id: 'Q1W2E3',
        url: 'https://example.pagerduty.com/incidents/Q1W2E3',
      },
      started_at: '2026-11-20T09:55:00.000Z',
      detected_at: '2026-11-20T10:00:00.000Z',
      mitigated_at: '2026-11-20T10:40:00.000Z',
      resolved_at: '2026-11-20T12:05:00.000Z',
      published_at: '2026-11-21T09:00:00.000Z',
      generated_at: generatedAt,
      template: 'aar',
    })
  })

  it('puts the timeline and action items in tables with one row each', () => {
    const review = reviewWith(benignText, { events: 5, factors: 1, items: 3 })
    const tree = parse(renderMarkdown(review, { generatedAt }))
    const [, timeline, actions] = nodesOf(tree, 'table')
    expect(timeline!.children).toHaveLength(6)
    expect(actions!.children).toHaveLength(4)
    expect(actions!.children[0]!.children.map(textOf)).toEqual([
      'Ref',
      'Action',
      'Owner',
      'Due',
      'Status',
      'Priority',
      'Addresses',
      'Tracker',
    ])
    expect(actions!.children[1]!.children.map(textOf)).toEqual([
      'A1',
      'Validate config in CI',
      'platform team',
      '2026-12-31',
      'Open',
      'High',
      'F1',
      'tracker.example.com/PROJ-1',
    ])
  })

  it('keeps emoji and script joiners but drops invisible ones', () => {
    const tree = parse(
      render({
        ...benignText,
        title:
          'Dev 👩\u200D💻 می\u200Cخواهم \u200Dx\u200D 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}',
      }),
    )
    expect(textOf(nodesOf(tree, 'heading')[0]!)).toBe(
      'Dev 👩\u200D💻 می\u200Cخواهم x 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}',
    )
  })

  it('says so when a question is not answered and a list is empty', () => {
    const review = { ...reviewWith(benignText, { events: 0, factors: 0, items: 0 }), participants: [] }
    review.answers = { intent: null, actual: '   ', causes: null, nextTime: null }
    const markdown = renderMarkdown(review, { generatedAt })
    expect(markdown.match(/Not answered yet\./g)).toHaveLength(4)
    expect(markdown).toContain('No timeline events recorded yet.')
    expect(lintErrors(markdown)).toEqual([])
  })
})
