import type { RendererRule as RenderRule } from 'markdown-it'
import { safeUrl } from './markdown.escape.ts'
import { createMarkdownIt, stripFrontMatter } from './markdown.source.ts'

/**
 * Confluence storage format (XHTML) from an export's Markdown. Every element comes from this
 * renderer: raw HTML is off, images become their alt text, and the only macro written is the code
 * macro, whose name and parameters are ours — user text can never choose a macro (`ac:`/`ri:`).
 */

// Code macro languages Confluence ships; anything else is left out rather than passed through.
const CODE_LANGUAGES: Record<string, string> = {
  bash: 'bash',
  sh: 'bash',
  shell: 'bash',
  cpp: 'cpp',
  csharp: 'csharp',
  cs: 'csharp',
  css: 'css',
  diff: 'diff',
  go: 'go',
  java: 'java',
  javascript: 'javascript',
  js: 'javascript',
  typescript: 'typescript',
  ts: 'typescript',
  json: 'json',
  php: 'php',
  python: 'python',
  py: 'python',
  ruby: 'ruby',
  sql: 'sql',
  xml: 'xml',
  html: 'xml',
  yaml: 'yaml',
  yml: 'yaml',
}

const escapeXml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )

// XML 1.0 forbids these even as character references; the export never holds them, but arbitrary
// Markdown (or a `&#1;` reference markdown-it decodes) could.
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** CDATA cannot contain `]]>`: close the section between `]]` and `>` and open a new one. */
const cdata = (text: string) => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`

function codeMacro(content: string, info: string): string {
  const language = CODE_LANGUAGES[info.trim().split(/\s+/)[0]?.toLowerCase() ?? '']
  const parameter = language ? `<ac:parameter ac:name="language">${language}</ac:parameter>` : ''
  const body = content.endsWith('\n') ? content.slice(0, -1) : content
  return `<ac:structured-macro ac:name="code">${parameter}<ac:plain-text-body>${cdata(body)}</ac:plain-text-body></ac:structured-macro>\n`
}

type Env = { links: boolean[] }

const md = createMarkdownIt()
const rules: Record<string, RenderRule> = md.renderer.rules as Record<string, RenderRule>
rules.fence = (tokens, i) => codeMacro(tokens[i]!.content, tokens[i]!.info)
rules.code_block = (tokens, i) => codeMacro(tokens[i]!.content, '')
// An image would need <ac:image><ri:url/>: a macro fed by user text. Its alt text is kept instead.
rules.image = (tokens, i, options, env, self) =>
  escapeXml(self.renderInlineAsText(tokens[i]!.children ?? [], options, env))
// Links keep only allowed schemes; a link that is dropped keeps its text. The stack pairs each
// close with its open, since markdown-it renders them as separate tokens.
rules.link_open = (tokens, i, _options, env) => {
  const attr = tokens[i]!.attrGet('href')
  const href = typeof attr === 'string' ? safeUrl(attr) : null
  ;(env as Env).links.push(href !== null)
  return href ? `<a href="${escapeXml(href)}">` : ''
}
rules.link_close = (_tokens, _i, _options, env) => ((env as Env).links.pop() ? '</a>' : '')
rules.s_open = () => '<span style="text-decoration: line-through;">'
rules.s_close = () => '</span>'
// Confluence tables are a <tbody> of rows, header cells as <th>; alignment styles are dropped.
rules.table_open = () => '<table><tbody>\n'
rules.table_close = () => '</tbody></table>\n'
for (const part of ['thead_open', 'thead_close', 'tbody_open', 'tbody_close'] as const) rules[part] = () => ''
for (const tag of ['th', 'td'] as const) {
  rules[`${tag}_open`] = () => `<${tag}>`
  rules[`${tag}_close`] = () => `</${tag}>\n`
}

/** Confluence storage-format XHTML (well-formed XML) for a Markdown export. */
export function toConfluenceStorage(markdown: string): string {
  const env: Env = { links: [] }
  return md.render(stripFrontMatter(markdown), env).replace(NOT_XML, '')
}
