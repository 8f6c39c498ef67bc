import { readdirSync, readFileSync } from 'node:fs'
import Handlebars from 'handlebars'
import type { Review } from '../reviews/review.views.ts'
import { toExportView } from './export.view.ts'
import { cell, code, inline, link, paragraphs, yamlScalar } from './markdown.escape.ts'

/** The shipped layouts: `aar` walks the four questions (the default), `classic` is the usual postmortem. */
export const TEMPLATES = ['aar', 'classic'] as const
export type TemplateId = (typeof TEMPLATES)[number]
export const DEFAULT_TEMPLATE: TemplateId = 'aar'

export type RenderOptions = {
  template?: TemplateId
  /** When the export was made (RFC 3339); passed in so the same review renders the same bytes. */
  generatedAt: string
}

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value))

/**
 * The escaping helpers, one per context a value can land in. They are the only way user text
 * reaches the output: the templates compile with `noEscape`, because Handlebars' HTML escaping is
 * wrong for Markdown (it neither stops `# heading` nor `[link](…)` and mangles `&` and quotes).
 */
export const markdownHelpers = {
  md: (value: unknown) => inline(text(value)),
  cell: (value: unknown) => cell(text(value)) || '—',
  paragraphs: (value: unknown) => paragraphs(text(value)),
  code: (value: unknown) => code(text(value)),
  link: (label: unknown, url: unknown, options?: { hash?: { cell?: boolean } }) =>
    link(text(label), typeof url === 'string' ? url : null, options?.hash?.cell === true),
  yaml: (value: unknown) => yamlScalar(typeof value === 'number' || typeof value === 'string' ? value : null),
}

const templatesDir = new URL('../../templates/', import.meta.url)
const partialsDir = new URL('partials/', templatesDir)

// One isolated Handlebars environment, filled and compiled once when this module loads: requests
// only run already-compiled functions. strict mode turns a typo in a template into an error
// instead of an empty string; preventIndent keeps partials from re-indenting multi-line values.
const handlebars = Handlebars.create()
const compileOptions = { noEscape: true, strict: true, preventIndent: true } as const
for (const [name, helper] of Object.entries(markdownHelpers)) handlebars.registerHelper(name, helper)
for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.md.hbs'))) {
  const source = readFileSync(new URL(file, partialsDir), 'utf8')
  handlebars.registerPartial(file.replace(/\.md\.hbs$/, ''), handlebars.compile(source, compileOptions))
}
const compiled = Object.fromEntries(
  TEMPLATES.map((id) => [
    id,
    handlebars.compile(readFileSync(new URL(`${id}.md.hbs`, templatesDir), 'utf8'), compileOptions),
  ]),
) as Record<TemplateId, HandlebarsTemplateDelegate>

export const isTemplateId = (value: unknown): value is TemplateId =>
  typeof value === 'string' && (TEMPLATES as readonly string[]).includes(value)

/** Renders a review to GitHub-flavoured Markdown with YAML front matter. Pure and deterministic. */
export function renderMarkdown(review: Review, options: RenderOptions): string {
  const template = options.template ?? DEFAULT_TEMPLATE
  const view = toExportView(review, template, options.generatedAt)
  return compiled[template](view, { allowProtoPropertiesByDefault: false })
}
