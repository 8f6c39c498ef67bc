import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'

/**
 * HTTP conventions every route gets without asking: the methods a path allows (for 405 + Allow),
 * an ETag on every successful GET, conditional GET (304) and cache headers.
 */

type Pattern = { regex: RegExp; methods: Set<string> }

/** The methods registered for each route URL, so an unknown method on a known path is a 405, not a 404. */
export function createMethodIndex(app: FastifyInstance) {
  const patterns = new Map<string, Pattern>()
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    let pattern = patterns.get(route.url)
    if (!pattern) {
      const source = route.url
        .split('/')
        .map((segment) =>
          segment.startsWith(':')
            ? '[^/]+'
            : segment === '*'
              ? '.*'
              : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        )
        .join('/')
      pattern = { regex: new RegExp(`^${source}$`), methods: new Set() }
      patterns.set(route.url, pattern)
    }
    for (const method of methods) pattern.methods.add(method)
  })
  /** The methods `path` answers to, sorted; empty when no route matches the path at all. */
  return (path: string): string[] => {
    const allowed = new Set<string>()
    for (const { regex, methods } of patterns.values()) {
      if (regex.test(path)) for (const m of methods) allowed.add(m)
    }
    if (allowed.has('GET')) allowed.add('HEAD')
    return [...allowed].sort()
  }
}

/** A strong validator for bytes the route did not version itself. */
export const hashEtag = (bytes: string | Buffer) =>
  `"h${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`

const opaque = (tag: string) => tag.trim().replace(/^W\//, '')

/** RFC 9110 §13.1.2: If-None-Match uses the weak comparison, and `*` matches any current representation. */
export function noneMatch(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match']
  if (typeof header !== 'string' || header.trim() === '') return false
  if (header.trim() === '*') return true
  const current = opaque(etag)
  return header.split(',').some((tag) => opaque(tag) === current)
}

const isStatic = (url: string) => url.startsWith('/docs/static/')

export function registerConventions(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) {
      // API answers depend on the caller's key and change with every write: a cache may keep them only
      // for that caller and must revalidate (cheap with the ETag). Swagger UI's assets are versioned files.
      reply.header('cache-control', isStatic(request.url) ? 'public, max-age=86400' : 'private, no-cache')
    }
    const method = request.method
    if ((method !== 'GET' && method !== 'HEAD') || reply.statusCode !== 200) return payload
    if (!reply.hasHeader('etag') && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
      reply.header('etag', hashEtag(payload))
    }
    const etag = reply.getHeader('etag')
    if (typeof etag === 'string' && noneMatch(request, etag)) {
      reply.code(304)
      reply.removeHeader('content-type')
      reply.removeHeader('content-length')
      return ''
    }
    return payload
  })
}
