import { readdir, readFile } from 'node:fs/promises'
import type { FastifyPluginAsync } from 'fastify'

// The web page (web/, built into dist/public by `npm run build:web`, which `npm start` runs first).
// Asset names carry a content hash, so they are cached for a year; the HTML is revalidated on every
// load, so a new build reaches browsers at once. The page runs under a strict CSP: own scripts only.
export const WEB_DIR = new URL('../../dist/public/', import.meta.url)

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
}

async function load(dir: URL) {
  try {
    const html = await readFile(new URL('index.html', dir), 'utf8')
    const assets = new Map<string, { body: Buffer; type: string }>()
    for (const name of await readdir(new URL('assets/', dir))) {
      const type = TYPES[name.split('.').pop() ?? '']
      if (type) assets.set(name, { body: await readFile(new URL(`assets/${name}`, dir)), type })
    }
    return { html, assets }
  } catch {
    return undefined
  }
}

export const webRoutes: FastifyPluginAsync<{ dir?: URL }> = async (app, { dir = WEB_DIR }) => {
  const built = await load(dir)
  const config = { auth: 'public' as const }
  const schema = { hide: true }

  app.get('/', { config, schema }, async (_request, reply) => {
    reply.header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff')
    if (!built) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The web page is not built: run `npm run build:web` (npm start does it), then restart.\n')
    }
    return reply
      .header('content-security-policy', CSP)
      .header('referrer-policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(built.html)
  })

  app.get<{ Params: { file: string } }>('/assets/:file', { config, schema }, async (request, reply) => {
    const asset = built?.assets.get(request.params.file)
    if (!asset) return reply.callNotFound()
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .type(asset.type)
      .send(asset.body)
  })
}
