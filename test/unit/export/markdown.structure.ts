import { lint } from 'markdownlint/sync'
import type { Nodes, Root } from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'

// A real GFM parser (micromark, the engine behind remark and close to github.com's cmark-gfm).
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml'])

export function parse(markdown: string): Root {
  return processor.runSync(processor.parse(markdown)) as Root
}

// Phrasing nodes that user text may legitimately produce: plain text, line breaks, and code spans
// (words GFM would autolink are shown as code). Everything else must come from the template.
const USER_PHRASING = new Set(['text', 'break', 'inlineCode'])

const childrenOf = (node: Nodes): Nodes[] => ('children' in node ? (node.children as Nodes[]) : [])

/**
 * The document's block structure as a list of lines: node type with heading depth, list kind and
 * table row/cell counts, indented by nesting. Consecutive paragraphs collapse into one entry: a
 * multi-paragraph answer is still "paragraphs in their section".
 */
export function blockShape(root: Root): string[] {
  const out: string[] = []
  const walk = (node: Nodes, depth: number) => {
    let afterParagraph = false
    for (const child of childrenOf(node)) {
      if (child.type === 'paragraph') {
        if (!afterParagraph) out.push(`${' '.repeat(depth)}paragraph`)
        afterParagraph = true
        continue
      }
      afterParagraph = false
      const indent = ' '.repeat(depth)
      if (child.type === 'heading') out.push(`${indent}heading ${child.depth}`)
      else if (child.type === 'table')
        out.push(`${indent}table ${child.children.map((row) => row.children.length).join(',')}`)
      else if (child.type === 'list')
        out.push(`${indent}list ordered=${child.ordered} items=${child.children.length}`)
      else if (!USER_PHRASING.has(child.type) && child.type !== 'strong') out.push(`${indent}${child.type}`)
      if (child.type !== 'table') walk(child, depth + 1)
    }
  }
  walk(root, 0)
  return out
}

/** How many nodes of each type the document holds, except the phrasing user text may produce. */
export function nodeCounts(root: Root): Record<string, number> {
  const counts: Record<string, number> = {}
  const walk = (node: Nodes) => {
    if (!USER_PHRASING.has(node.type) && node.type !== 'paragraph')
      counts[node.type] = (counts[node.type] ?? 0) + 1
    for (const child of childrenOf(node)) walk(child)
  }
  walk(root)
  return counts
}

/** Every node of a type, depth-first. */
export function nodesOf<T extends Nodes['type']>(root: Root, type: T): Extract<Nodes, { type: T }>[] {
  const found: Nodes[] = []
  const walk = (node: Nodes) => {
    if (node.type === type) found.push(node)
    for (const child of childrenOf(node)) walk(child)
  }
  walk(root)
  return found as Extract<Nodes, { type: T }>[]
}

/** The plain text of a node, as a reader sees it (breaks as newlines). */
export function textOf(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value
  if (node.type === 'break') return '\n'
  return childrenOf(node).map(textOf).join('')
}

export const LINT_CONFIG = {
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
/** markdownlint's findings on an export, with the layout's configuration. */
export const lintErrors = (markdown: string) =>
  lint({ strings: { export: markdown }, config: LINT_CONFIG }).export
