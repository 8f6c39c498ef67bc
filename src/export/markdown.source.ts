import MarkdownIt, { type MarkdownIt as Parser } from 'markdown-it'

// A leading YAML block, as the export writes it: its scalars are single-line, so the first line
// that is exactly `---` closes it.
const FRONT_MATTER = /^---\r?\n(?:[^\n]*\n)*?---[ \t]*(?:\r?\n|$)/

/** The Markdown body without its YAML front matter: wikis keep that metadata elsewhere. */
export function stripFrontMatter(markdown: string): string {
  const match = FRONT_MATTER.exec(markdown)
  return match ? markdown.slice(match[0].length) : markdown
}

/**
 * markdown-it as the wiki renderers read an export: CommonMark with GFM tables and strikethrough,
 * raw HTML off (it would be passed through), no linkify (a bare URL stays text, as in the export),
 * XHTML output (`<br />`) because Confluence's storage format is XML.
 */
export function createMarkdownIt(): Parser {
  return new MarkdownIt('default', { html: false, linkify: false, typographer: false, xhtmlOut: true })
}
