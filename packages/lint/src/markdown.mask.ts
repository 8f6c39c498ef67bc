// Blanks out the parts of Markdown that are not prose (code, URLs, link targets, HTML) so rules never
// flag them. Masked characters become spaces (line breaks are kept), so every offset in the masked
// text is the same offset in the original input: findings need no mapping back.

const FENCE = /^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n {0,3}\2[`~]*[ \t]*(?=\n|$)|$)/gm
const CODE_SPAN = /(`+)(?!`)[\s\S]*?[^`]\1(?!`)|``/g
const LINK_TARGET = /\]\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\)/g
const LINK_REF = /\]\[[^\]\n]*\]/g
const LINK_DEF = /^ {0,3}\[[^\]\n]+\]:[^\n]*/gm
const AUTOLINK = /<(?:https?|mailto|ftp):[^>\s]*>/gi
const URL = /\b(?:https?:\/\/|www\.)[^\s<>()"']*[^\s<>()"'.,;:!?]/gi
const HTML = /<!--[\s\S]*?-->|<\/?[a-zA-Z][\w-]*(?:\s[^<>]*)?>/g
const IMAGE = /!\[/g

const blank = (s: string): string => s.replace(/[^\n\r]/g, ' ')

/** Masks fenced code blocks, code spans, link/image targets, link definitions, URLs and HTML tags. */
export function maskMarkdown(text: string): string {
  // Fast path: plain prose without any Markdown-ish character needs no work.
  if (!/[`<[\]]|https?:|www\./.test(text)) return text
  let out = text.replace(FENCE, blank)
  out = out.replace(CODE_SPAN, blank)
  out = out.replace(LINK_DEF, blank)
  out = out.replace(LINK_TARGET, blank)
  out = out.replace(LINK_REF, blank)
  out = out.replace(AUTOLINK, blank)
  out = out.replace(URL, blank)
  out = out.replace(HTML, blank)
  out = out.replace(IMAGE, '  ')
  return out
}

/** Masks Markdown and normalises quotes so rules can use plain ASCII patterns (length-preserving). */
export function prepareText(text: string): string {
  return maskMarkdown(text).replace(/[‘’`]/g, "'").replace(/[“”]/g, '"')
}
