import type { HttpFetch } from '../shared/outgoing-http.ts'
import { type ConfluenceApi, type ConfluencePage, publishConfluencePage } from './confluence-page-flow.ts'
import type { ConfluenceDcConfig, TokenCredentials } from './integration.schemas.ts'
import { pageTitle } from './page-title.ts'
import type { Publisher } from './publisher.ts'
import { discard, expectOk, readJson, send, type WikiHttpOptions } from './wiki-http.ts'

export type ConfluenceDcPublisherOptions = {
  /** The egress-safe fetch in production. */
  fetch: HttpFetch
  config: ConfluenceDcConfig
  credentials: TokenCredentials
  /** Markdown → Confluence storage-format XHTML (src/export/ `toConfluenceStorage`). */
  render: (markdown: string) => string
  /** Per-request bound on top of the egress client's own timeouts. Default 30 s. */
  timeoutMs?: number
}

/** The parts of a `/rest/api/content` entity Debrief reads (with `expand=version`). */
type Content = {
  id: string
  title: string
  version?: { number: number }
  _links?: { webui?: string; base?: string }
}

/**
 * Publishes reviews as Confluence Data Center / Server pages through `/rest/api/content`, authenticated
 * with a personal access token (Bearer). One page per review; see confluence-page-flow.ts.
 */
export function createConfluenceDcPublisher(options: ConfluenceDcPublisherOptions): Publisher {
  const api = dcApi(options)
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

function dcApi(options: ConfluenceDcPublisherOptions): ConfluenceApi {
  const { config } = options
  // Data Center often lives under a context path (/confluence), so baseUrl is used as given.
  const base = config.baseUrl.replace(/\/+$/, '')
  const contentUrl = `${base}/rest/api/content`
  const http: WikiHttpOptions = {
    fetch: options.fetch,
    headers: { authorization: `Bearer ${options.credentials.token}` },
    timeoutMs: options.timeoutMs ?? 30_000,
  }
  const toPage = (page: Content, linkBase?: string): ConfluencePage => ({
    id: page.id,
    version: page.version?.number ?? 1,
    url: page._links?.webui ? `${page._links.base ?? linkBase ?? base}${page._links.webui}` : undefined,
  })
  const storage = (value: string) => ({ storage: { value, representation: 'storage' } })

  return {
    async findByTitle(title) {
      const what = 'Confluence DC: look up page by title'
      const query = new URLSearchParams({ spaceKey: config.spaceKey, title, type: 'page', expand: 'version' })
      const res = await expectOk(await send(http, 'GET', `${contentUrl}?${query}`), what)
      const list = await readJson<{ results?: Content[]; _links?: { base?: string } }>(res, what)
      const page = list.results?.find((p) => p.title === title)
      return page ? toPage(page, list._links?.base) : null
    },
    async get(id) {
      const what = `Confluence DC: read page ${id}`
      const res = await send(http, 'GET', `${contentUrl}/${encodeURIComponent(id)}?expand=version`)
      if (res.status === 404) return discard(res).then(() => null)
      return toPage(await readJson<Content>(await expectOk(res, what), what))
    },
    async create({ title, body }) {
      const what = 'Confluence DC: create page'
      const res = await send(http, 'POST', contentUrl, {
        type: 'page',
        title,
        space: { key: config.spaceKey },
        ...(config.parentId ? { ancestors: [{ id: config.parentId }] } : {}),
        body: storage(body),
      })
      return toPage(await readJson<Content>(await expectOk(res, what), what))
    },
    async update(id, version, { title, body, message }) {
      const what = `Confluence DC: update page ${id}`
      const res = await send(http, 'PUT', `${contentUrl}/${encodeURIComponent(id)}`, {
        id,
        type: 'page',
        title,
        version: { number: version, message },
        body: storage(body),
      })
      if (res.status === 409 || res.status === 404) {
        await discard(res)
        return res.status === 409 ? 'conflict' : 'gone'
      }
      return toPage(await readJson<Content>(await expectOk(res, what), what))
    },
  }
}
