import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { renderMarkdown, type TemplateId } from '../../../src/export/markdown.render.ts'
import { lintErrors, nodesOf, parse, textOf } from './markdown.structure.ts'
import { benignText, reviewWith, type UserText } from './review.fixture.ts'

const generatedAt = '2026-11-22T08:00:00.000Z'
const render = (t: UserText, template: TemplateId = 'aar') =>
  renderMarkdown(reviewWith(t), { template, generatedAt })

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

describe('the templates', () => {
  const dir = new URL('../../../templates/', import.meta.url)
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.hbs'))

  it.each(files)('pass every value through an escaping helper: %s', (file) => {
    const source = readFileSync(new URL(file, dir), 'utf8')
    const bare = [...source.matchAll(/\{\{(?![#/>!]|else\}\})([^}]*)\}\}/g)]
      .map((m) => m[1]!.trim())
      .filter((expression) => !/^(md|cell|paragraphs|link|code|yaml) /.test(expression))
    expect(bare).toEqual([])
    expect(source).not.toContain('{{{')
  })
})

describe('action items and key times in the export', () => {
  const base = reviewWith(benignText)
  const items = [
    { ...base.actionItems[0]!, dueDate: '2026-11-01', description: 'Add a *schema* check to the deploy job' },
    {
      ...base.actionItems[0]!,
      id: `${base.actionItems[0]!.id.slice(0, -1)}9`,
      dueDate: '2026-11-01',
      status: 'done' as const,
    },
    { ...base.actionItems[0]!, id: `${base.actionItems[0]!.id.slice(0, -1)}8`, dueDate: '2026-12-31' },
  ]

  it.each(['aar', 'classic'] as const)(
    '%s: marks overdue items and exports descriptions, lint-clean',
    (template) => {
      const markdown = renderMarkdown({ ...base, actionItems: items }, { template, generatedAt })
      const rows = markdown.split('\n').filter((line) => /^\| A\d /.test(line))
      expect(rows[0]).toContain('| 2026-11-01 **(overdue)** |')
      expect(rows[1]).not.toContain('overdue') // done
      expect(rows[2]).not.toContain('overdue') // not yet due
      expect(markdown).toContain('\n**A1:** Add a \\*schema\\* check to the deploy job\n')
      expect(lintErrors(markdown)).toEqual([])
    },
  )

  it.each(['aar', 'classic'] as const)(
    '%s: says that no key times are recorded instead of a table of dashes',
    (template) => {
      const review = { ...base, startedAt: null, detectedAt: null, mitigatedAt: null, resolvedAt: null }
      const markdown = renderMarkdown(review, { template, generatedAt })
      expect(markdown).toContain('\nNo key times recorded yet')
      expect(markdown).not.toContain('| Milestone |')
      expect(lintErrors(markdown)).toEqual([])
    },
  )
})
