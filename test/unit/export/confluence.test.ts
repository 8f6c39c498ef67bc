import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { toConfluenceStorage } from '../../../src/export/confluence-storage.ts'
import { renderMarkdown, TEMPLATES, type TemplateId } from '../../../src/export/markdown.render.ts'
import { hostileValues } from './hostile.values.ts'
import { benignText, FIELD_LIMITS, reviewWith, type UserText } from './review.fixture.ts'

const generatedAt = '2026-11-22T08:00:00.000Z'
const everywhere = (value: string): UserText =>
  Object.fromEntries(
    Object.entries(FIELD_LIMITS).map(([field, limit]) => [field, value.slice(0, limit)]),
  ) as UserText
const storage = (t: UserText, template: TemplateId) =>
  toConfluenceStorage(renderMarkdown(reviewWith(t), { template, generatedAt }))

// Storage format is an XML fragment with the ac:/ri: prefixes declared by Confluence's page.
const wrap = (xhtml: string) =>
  `<page xmlns:ac="http://atlassian.com/content" xmlns:ri="http://atlassian.com/resource">${xhtml}</page>`
const elementNames = (xhtml: string) => [...wrap(xhtml).matchAll(/<([\w:-]+)[\s/>]/g)].map((m) => m[1]!)
const count = (names: string[]) => {
  const counts: Record<string, number> = {}
  for (const name of names) counts[name] = (counts[name] ?? 0) + 1
  return counts
}

describe.each(TEMPLATES)('Confluence storage format of the %s export', (template) => {
  const benign = storage(benignText, template)

  it('is well-formed XML', () => {
    expect(XMLValidator.validate(wrap(benign))).toBe(true)
  })

  it.each(Object.entries(hostileValues))(
    'stays well-formed, with the benign elements only: %s',
    (_name, value) => {
      const xhtml = storage(everywhere(value), template)
      expect(XMLValidator.validate(wrap(xhtml))).toBe(true)
      expect(xhtml).not.toMatch(/<\/?(ac|ri):/)
      // User text may add paragraphs and line breaks (an answer's own), code (words GFM would
      // autolink) and emphasis of plain words in answers; links are the template's, minus those
      // whose URL is rejected.
      const structural = (xml: string) =>
        count(elementNames(xml).filter((n) => !['p', 'br', 'code', 'a', 'em', 'strong'].includes(n)))
      expect(structural(xhtml)).toEqual(structural(benign))
      expect(elementNames(xhtml).filter((n) => n === 'a').length).toBeLessThanOrEqual(3)
    },
  )
})

describe('toConfluenceStorage', () => {
  const parser = new XMLParser({ ignoreAttributes: false, cdataPropName: '#cdata' })

  it('writes code blocks as the code macro, splitting ]]> across CDATA sections', () => {
    const code = 'a ]]> b ]]]]> <ac:structured-macro ac:name="html"/> & <![CDATA[x]]>'
    const xhtml = toConfluenceStorage(`\`\`\`js\n${code}\n\`\`\`\n`)
    expect(XMLValidator.validate(wrap(xhtml))).toBe(true)
    const macro = parser.parse(wrap(xhtml)).page['ac:structured-macro']
    expect(macro['@_ac:name']).toBe('code')
    expect(macro['ac:parameter']['#text']).toBe('javascript')
    const body = macro['ac:plain-text-body']['#cdata']
    expect(Array.isArray(body) ? body.join('') : body).toBe(code)
  })

  it('leaves out code languages Confluence does not know', () => {
    const xhtml = toConfluenceStorage('```"><ac:x/>\nx\n```\n')
    expect(xhtml).not.toContain('ac:parameter')
    expect(XMLValidator.validate(wrap(xhtml))).toBe(true)
  })

  it('never writes images or unsafe links, and drops characters XML forbids', () => {
    const xhtml = toConfluenceStorage(
      '![alt](https://e.example/i.png) [x](javascript:alert(1)) [y](data:text/html,x) [ok](https://ok.example/?a=1&b=2) &#1; \u0007',
    )
    expect(XMLValidator.validate(wrap(xhtml))).toBe(true)
    expect(xhtml).not.toMatch(/<img|<ac:|<ri:|href="(javascript|data):/)
    expect([...xhtml.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1])).toEqual([
      'https://ok.example/?a=1&amp;b=2',
    ])
    expect(xhtml).toContain('alt')
  })

  it('writes tables as a tbody of rows with th header cells', () => {
    const xhtml = toConfluenceStorage('| a | b |\n| :-: | --: |\n| 1 | 2 |\n')
    expect(xhtml.replace(/\n/g, '')).toBe(
      '<table><tbody><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></tbody></table>',
    )
  })
})
