import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import MarkdownIt from 'markdown-it'
import { NotFoundError, PROBLEM_BASE } from '../shared/errors.ts'
import { isProblemSlug, PROBLEM_TYPES, type ProblemType } from '../shared/problem-types.ts'

const md = new MarkdownIt({ html: false, linkify: false })

const markdownOf = (slug: string, p: ProblemType) =>
  `# ${p.title} (${p.status})\n\n\`type: ${PROBLEM_BASE}${slug}\`\n\n${p.explanation}\n`

const indexMarkdown = () =>
  `# Debrief problem types\n\nEvery error is an RFC 9457 \`application/problem+json\` body whose \`type\` is one of these pages.\n\n${Object.entries(
    PROBLEM_TYPES,
  )
    .map(([slug, p]) => `- [${slug}](${PROBLEM_BASE}${slug}): ${p.status} ${p.title}`)
    .join('\n')}\n`

const page = (title: string, markdown: string) =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${md.utils.escapeHtml(title)}</title></head>` +
  `<body><main>${md.render(markdown)}</main></body></html>\n`

/** Markdown when the caller asks for it (a terminal, a docs pipeline); HTML for browsers. */
function send(request: FastifyRequest, reply: FastifyReply, title: string, markdown: string) {
  const accept = request.headers.accept ?? ''
  const wantsMarkdown = accept.includes('text/markdown') && !accept.includes('text/html')
  reply.header('vary', 'accept')
  return wantsMarkdown
    ? reply.type('text/markdown; charset=utf-8').send(markdown)
    : reply.type('text/html; charset=utf-8').send(page(title, markdown))
}

/** The pages problem `type` URIs resolve to (RFC 9457 §3.1.1: a type should lead to documentation). */
export const problemsRoutes: FastifyPluginAsync = async (app) => {
  const config = { auth: 'public' as const }
  app.get('/problems', { config, schema: { hide: true } }, async (request, reply) =>
    send(request, reply, 'Debrief problem types', indexMarkdown()),
  )
  app.get<{ Params: { slug: string } }>(
    '/problems/:slug',
    { config, schema: { hide: true } },
    async (request, reply) => {
      const { slug } = request.params
      if (!isProblemSlug(slug)) throw new NotFoundError(`Problem type ${slug}`)
      const p = PROBLEM_TYPES[slug]
      return send(request, reply, p.title, markdownOf(slug, p))
    },
  )
}
