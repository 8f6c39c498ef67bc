/**
 * Escaping of user text for each place it can land in a Markdown export. Handlebars' own escaping
 * is for HTML, so the templates compile with `noEscape` and every user value goes through one of
 * these functions instead. The promise: user text renders as literal text, it can never add a
 * heading, list, table row, link, image, raw HTML, link reference definition, front-matter break or
 * a `{{` that a later template engine (Jekyll/Liquid, Handlebars) would evaluate.
 */

// Characters that change how text *looks* without being visible: bidi embeddings, overrides and
// isolates (the "Trojan Source" reordering), directional marks, zero-width spaces, word joiners,
// invisible operators, interlinear annotation and the BOM.
const INVISIBLE =
  /[\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/g
// ZWNJ / ZWJ are needed inside words of several scripts and in emoji sequences: kept only there.
const JOINERS = /[\u200C\u200D]/g
// Tag characters can smuggle invisible ASCII; they are legitimate only in subdivision flags (🏴…).
const TAGS = /\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F}|[\u{E0000}-\u{E007F}]/gu
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F]/g
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
// Everything a reader (or YAML 1.1) could take for a line break becomes "\n".
const LINE_BREAKS = /\r\n?|[\v\f\u0085\u2028\u2029]/g

const isVisibleNonAscii = (code: number | undefined) =>
  code !== undefined &&
  code > 0x7f &&
  code !== 0x200c &&
  code !== 0x200d &&
  !/\s/.test(String.fromCharCode(code))

/** Removes invisible and control characters, normalises line breaks and tabs. */
export function clean(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(LINE_BREAKS, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROLS, '')
    .replace(INVISIBLE, '')
    .replace(TAGS, (tags) => (tags.length > 2 ? tags : ''))
    .replace(JOINERS, (joiner, at: number, all: string) =>
      isVisibleNonAscii(all.charCodeAt(at - 1)) && isVisibleNonAscii(all.charCodeAt(at + 1)) ? joiner : '',
    )
}

// ASCII punctuation that starts or ends inline syntax anywhere in a line: escapes, code, emphasis,
// braces (template engines), links/images/footnotes, HTML and autolinks, table pipes, strikethrough,
// entities, heading closers and math. Backslash escapes are valid for all of them (CommonMark §2.4).
const INLINE_SPECIAL = /[\\`*_{}[\]<>|~&#$]/g
// Block syntax that only matters at the start of a line (after indentation is removed): list
// bullets, setext underlines, table delimiter rows, ordered-list numbers.
const LINE_START = /^(?:[-+=:]|\d+[.)])/
// Any word GFM (remark, cmark-gfm) would turn into a link on its own: scheme://, www., e-mail and
// the mailto:/xmpp: forms. Escapes cannot prevent that, because the autolink transform works on the
// decoded text, so such words are shown as code: readable and copyable, but not a link.
// (Matching `://` rather than `scheme://` keeps this linear on a 100 KB word without spaces.)
const AUTOLINKABLE = /:\/\/|www\.|mailto:|xmpp:|@[-\w]+\.[-\w]/i

const escapeSpecial = (text: string) => text.replace(INLINE_SPECIAL, '\\$&')

/** A code span that holds `text` literally; braces stay outside it (escaped) so `{{` never appears. */
export function codeSpan(text: string, inTable = false): string {
  return text
    .split(/([{}]+)/)
    .map((part, i) => {
      if (i % 2 === 1) return escapeSpecial(part)
      if (part === '') return ''
      // GFM splits table cells before parsing code spans, so a pipe needs its escape even in code.
      const content = inTable ? part.replace(/\|/g, '\\|') : part
      const longest = (content.match(/`+/g) ?? []).reduce((max, run) => Math.max(max, run.length), 0)
      const fence = '`'.repeat(longest + 1)
      const pad = content.startsWith('`') || content.endsWith('`') ? ' ' : ''
      return `${fence}${pad}${content}${pad}${fence}`
    })
    .join('')
}

const escapeWords = (line: string, inTable: boolean) =>
  line.replace(/[^ ]+/g, (word) => (AUTOLINKABLE.test(word) ? codeSpan(word, inTable) : escapeSpecial(word)))

// The Markdown an answer may keep: `[text](url)` (never `![…]`, an image) and emphasis whose
// content is plain words. Everything else in the line, and the text inside, is escaped as usual.
const RICH =
  /(?<![!\\\w])\[([^[\]\n]{1,500})\]\(([^()\s]{1,2048})\)|(?<![\\\w*_])(\*\*|__|\*|_)(?=[^\s*_])([^*_\n]{1,500}?)(?<=[^\s*_\\])\3(?![\w*_])/g

/** An answer's line: its safe links (http, https, mailto) and emphasis kept, the rest literal. */
function escapeRich(line: string, inTable: boolean): string {
  let out = ''
  let at = 0
  for (const match of line.matchAll(RICH)) {
    const [whole, text, url, mark, emphasised] = match
    const href = url === undefined ? null : safeUrl(url)
    if (mark === undefined && !href) continue
    // A line that is only emphasis reads as a makeshift heading (markdownlint MD036): keep it literal.
    if (mark !== undefined && whole.length === line.length) continue
    out += escapeWords(line.slice(at, match.index), inTable)
    // One style for each (markdownlint MD049/MD050): `*em*` and `**strong**`.
    const style = mark?.length === 2 ? '**' : '*'
    out += href
      ? `[${escapeWords(text!, inTable)}](${destination(href)})`
      : `${style}${escapeWords(emphasised!, inTable)}${style}`
    at = match.index + whole.length
  }
  return out + escapeWords(line.slice(at), inTable)
}

/** One line of user text: inline syntax escaped, block syntax at its start neutralised. */
function escapeLine(line: string, inTable: boolean, rich = false): string {
  const trimmed = line.replace(/ {2,}/g, ' ').trim()
  const words = rich ? escapeRich : escapeWords
  const lead = LINE_START.exec(trimmed)
  if (!lead) return words(trimmed, inTable)
  const marker = lead[0]
  // "1." → "1\.", "-" → "\-": the character that would open the block is the one escaped.
  const escaped = marker.length > 1 ? `${marker.slice(0, -1)}\\${marker.slice(-1)}` : `\\${marker}`
  return escaped + words(trimmed.slice(marker.length), inTable)
}

const oneLine = (text: string) => clean(text).replace(/\n+/g, ' ')

/** Inline text (a heading, a list item, a sentence): one line, literal. */
export const inline = (text: string): string => escapeLine(oneLine(text), false)

/** A GFM table cell: one line, literal, pipes escaped even inside code ('' when empty). */
export const cell = (text: string): string => escapeLine(oneLine(text), true)

/** User text shown as code (an id, a reference): one line, literal, braces kept outside. */
export const code = (text: string, inTable = false): string => {
  const line = oneLine(text).trim()
  return line === '' ? '' : codeSpan(line, inTable)
}

/**
 * Multi-line text (an answer): links to http(s)/mailto URLs and emphasis stay Markdown, paragraphs stay paragraphs, each line break stays a (hard) break,
 * and nothing at the start of a line can open a block (heading, quote, list, fence, indented code,
 * table, thematic break, setext underline, HTML, link reference definition).
 */
export function paragraphs(text: string): string {
  const blocks: string[] = []
  let lines: string[] = []
  for (const raw of clean(text).split('\n')) {
    const line = escapeLine(raw, false, true)
    if (line !== '') lines.push(line)
    else if (lines.length > 0) {
      blocks.push(lines.join('\\\n'))
      lines = []
    }
  }
  if (lines.length > 0) blocks.push(lines.join('\\\n'))
  return blocks.join('\n\n')
}

const ALLOWED_SCHEMES = new Set(['https:', 'http:', 'mailto:'])

/**
 * The URL if it may become a link: https, http or mailto, a host for http(s), no credentials.
 * Anything else (javascript:, data:, relative, unparsable) is null and is shown as text instead.
 */
export function safeUrl(raw: string | null | undefined): string | null {
  if (!raw) return null
  let url: URL
  try {
    url = new URL(clean(raw).trim())
  } catch {
    return null
  }
  if (!ALLOWED_SCHEMES.has(url.protocol) || url.username || url.password) return null
  if (url.protocol !== 'mailto:' && !url.hostname) return null
  return url.href
}

/**
 * A link destination: the WHATWG-serialised URL with every ASCII character that Markdown or a
 * template engine could read (parentheses, pipes, braces, quotes, backslash…) percent-encoded;
 * `&` is backslash-escaped so an entity-like `&lt;` stays literal.
 */
export const destination = (href: string): string =>
  href
    .replace(
      /[^\w\-.~:/?#@!$&+,;=%[\]]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .replace(/&/g, '\\&')

/** `[text](url)` for an allowed URL; otherwise the URL (or text) as plain literal text. */
export function link(text: string, url: string | null, inTable = false): string {
  const render = inTable ? cell : inline
  const href = safeUrl(url)
  if (!href) return render(url || text)
  return `[${render(text) || render(href)}](${destination(href)})`
}

// YAML double-quoted scalars (also valid JSON): escape what YAML would read as syntax or a line
// break, every non-printable character, and braces so no `{{` reaches a front-matter-aware engine.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const YAML_ESCAPE = /[\\"{}\u0000-\u001F\u007F-\u009F\u2028\u2029]/g

/** A YAML scalar for front matter: `null`, a number, or a double-quoted string. */
export function yamlScalar(value: string | number | null): string {
  if (value === null) return 'null'
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null'
  return `"${clean(value).replace(YAML_ESCAPE, (c) =>
    c === '\\' || c === '"'
      ? `\\${c}`
      : c === '\n'
        ? '\\n'
        : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )}"`
}
