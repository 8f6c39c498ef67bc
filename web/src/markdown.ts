// The export preview. markdown-it with raw HTML off escapes every tag a user could have typed and
// refuses javascript:/data: links, so its output is safe to insert; it loads only when a preview opens.
export async function renderMarkdown(target: HTMLElement, markdown: string): Promise<void> {
  const { default: MarkdownIt } = await import('markdown-it')
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false })
  // Front matter is for wikis and static-site generators, not for readers.
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '')
  target.innerHTML = md.render(body)
  for (const a of target.querySelectorAll('a')) a.rel = 'noopener noreferrer'
}
