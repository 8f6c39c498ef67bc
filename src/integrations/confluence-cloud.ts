import type { HttpFetch } from '../shared/outgoing-http.ts'
import { type ConfluenceApi, type ConfluencePage, publishConfluencePage } from './confluence-page-flow.ts'
import type { ConfluenceCloudConfig, ConfluenceCloudCredentials } from './integration.schemas.ts'
import { pageTitle } from './page-title.ts'
import type { Publisher } from './publisher.ts'
import { discard, expectOk, readJson, send, type WikiHttpOptions } from './wiki-http.ts'

export type ConfluenceCloudPublisherOptions = {
  /** The egress-safe fetch in production. */
  fetch: HttpFetch
  config: ConfluenceCloudConfig
  credentials: ConfluenceCloudCredentials
  /** Markdown → Confluence storage-format XHTML (src/export/ `toConfluenceStorage`). */
  render: (markdown: string) => string
  /** Per-request bound on top of the egress client's own timeouts. Default 30 s. */
  timeoutMs?: number
}

/** The parts of a REST v2 page (PageSingle / PageBulk) Debrief reads. */
type V2Page = {
  id: string
  title: string
  version?: { number: number }
  _links?: { webui?: string; base?: string }
}

/**
 * Publishes reviews as Confluence Cloud pages through REST v2 (`/wiki/api/v2/pages`), authenticated
 * with Basic email:apiToken. One page per review; see confluence-page-flow.ts for the guarantees.
 */
export function createConfluenceCloudPublisher(options: ConfluenceCloudPublisherOptions): Publisher {
  const site = siteRoot(options.config.baseUrl)
  const api = cloudApi(site, options)
  return {
    async publish(input, existing) {
      const content = {
        title: pageTitle(input.review),
        body: options.render(input.markdown),
        message: `Debrief publication #${input.publicationNumber}`,
      }
      return publishConfluencePage(api, content, existing)
    },
  }
}

/** `https://x.atlassian.net/wiki/` and `https://x.atlassian.net` both mean the site root. */
function siteRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/wiki$/, '')
}

function cloudApi(site: string, options: ConfluenceCloudPublisherOptions): ConfluenceApi {
  const { config, credentials } = options
  const pages = `${site}/wiki/api/v2/pages`
  const basic = Buffer.from(`${credentials.email}:${credentials.apiToken}`).toString('base64')
  const http: WikiHttpOptions = {
    fetch: options.fetch,
    headers: { authorization: `Basic ${basic}` },
    timeoutMs: options.timeoutMs ?? 30_000,
  }
  const toPage = (page: V2Page, base?: string): ConfluencePage => ({
    id: page.id,
    version: page.version?.number ?? 1,
    url: page._links?.webui ? `${page._links.base ?? base ?? `${site}/wiki`}${page._links.webui}` : undefined,
  })

  return {
    async findByTitle(title) {
      const query = new URLSearchParams({ 'space-id': config.spaceId, title, limit: '25' })
      const what = 'Confluence: look up page by title'
      const res = await expectOk(await send(http, 'GET', `${pages}?${query}`), what)
      const list = await readJson<{ results?: V2Page[]; _links?: { base?: string } }>(res, what)
      const page = list.results?.find((p) => p.title === title)
      return page ? toPage(page, list._links?.base) : null
    },
    async get(id) {
      const what = `Confluence: read page ${id}`
      const res = await send(http, 'GET', `${pages}/${encodeURIComponent(id)}`)
      if (res.status === 404) return discard(res).then(() => null)
      return toPage(await readJson<V2Page>(await expectOk(res, what), what))
    },
    async create({ title, body }) {
      const what = 'Confluence: create page'
      const res = await send(http, 'POST', pages, {
        spaceId: config.spaceId,
        status: 'current',
        title,
        ...(config.parentId ? { parentId: config.parentId } : {}),
        body: { representation: 'storage', value: body },
      })
      return toPage(await readJson<V2Page>(await expectOk(res, what), what))
    },
    async update(id, version, { title, body, message }) {
      const what = `Confluence: update page ${id}`
      const res = await send(http, 'PUT', `${pages}/${encodeURIComponent(id)}`, {
        id,
        status: 'current',
        title,
        body: { representation: 'storage', value: body },
        version: { number: version, message },
      })
      if (res.status === 409 || res.status === 404) {
        await discard(res)
        return res.status === 409 ? 'conflict' : 'gone'
      }
      return toPage(await readJson<V2Page>(await expectOk(res, what), what))
    },
  }
}
