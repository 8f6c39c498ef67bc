import {
  type BlockObjectRequest,
  Client,
  type CreatePageParameters,
  isFullPage,
  iteratePaginatedAPI,
  LogLevel,
} from '@notionhq/client'
import { DeliveryError, type HttpFetch } from '../shared/outgoing-http.ts'
import { NOTION_DEFAULT_BASE_URL, type TokenCredentials } from './integration.schemas.ts'
import { isGone, requestChunks, step } from './notion-requests.ts'
import { pageTitle, reviewMarker } from './page-title.ts'
import type { PageRef, Publisher } from './publisher.ts'

export type NotionPublisherOptions = {
  /** The egress-safe fetch in production; every Notion call goes through it. */
  fetch: HttpFetch
  /** Exactly one of parentPageId / databaseId (see NotionConfigSchema); baseUrl defaults to Notion's API. */
  config: { parentPageId?: string | undefined; databaseId?: string | undefined; baseUrl?: string | undefined }
  credentials: TokenCredentials
  /** Markdown → Notion blocks within the API limits (src/export/ `toNotionBlocks`). */
  render: (markdown: string) => BlockObjectRequest[]
  /** Per-request timeout. Default 30 s. */
  timeoutMs?: number
}

type Properties = NonNullable<CreatePageParameters['properties']>
type Page = { id: string; url?: string | undefined }

/** Where review pages live: under a page, or as rows of a database (its first data source). */
type Target = {
  /** The property that holds a page's title: `title` under a page, the database's title column otherwise. */
  titleProperty(): Promise<string>
  parent(): Promise<CreatePageParameters['parent']>
  /** The page an earlier attempt created for this review, found by the marker in its title. */
  find(marker: string): Promise<string | null>
}

/**
 * Publishes reviews to Notion through @notionhq/client, one page per review.
 *
 * The client's own retries are off: the delivery worker's backoff is the one retry policy, and a
 * 429 comes back at once as a retryable DeliveryError with Retry-After rather than sleeping inside
 * a worker. Updating a page appends the new content first and deletes the old blocks after, so
 * readers never see an empty page, and an interrupted update converges on the next attempt (it
 * replaces whatever is there). Sub-pages and databases people placed inside the page are kept.
 */
export function createNotionPublisher(options: NotionPublisherOptions): Publisher {
  const timeoutMs = options.timeoutMs ?? 30_000
  const client = new Client({
    auth: options.credentials.token,
    baseUrl: (options.config.baseUrl ?? NOTION_DEFAULT_BASE_URL).replace(/\/+$/, ''),
    fetch: (url, init) =>
      options.fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) } as RequestInit),
    timeoutMs,
    retry: false,
    // Failures reach the worker's log as DeliveryErrors; the client must not print to stdout.
    logLevel: LogLevel.ERROR,
    logger: () => {},
  })
  const target = options.config.databaseId
    ? databaseTarget(client, options.config.databaseId)
    : pageTarget(client, options.config.parentPageId ?? '')

  /** Sets the title; null when the page is gone (deleted or trashed by a person). */
  async function retitle(pageId: string, properties: Properties): Promise<Page | null> {
    try {
      const page = await step('update page title', () => client.pages.update({ page_id: pageId, properties }))
      return isFullPage(page) && page.in_trash
        ? null
        : { id: page.id, url: isFullPage(page) ? page.url : undefined }
    } catch (error) {
      if (isGone(error)) return null
      throw error
    }
  }

  async function replaceContent(pageId: string, chunks: BlockObjectRequest[][]) {
    const old = await step('list page content', async () => {
      const ids: string[] = []
      for await (const block of iteratePaginatedAPI(client.blocks.children.list, { block_id: pageId })) {
        const type = (block as { type?: string }).type
        if (type !== 'child_page' && type !== 'child_database') ids.push(block.id)
      }
      return ids
    })
    await append(pageId, chunks)
    for (const id of old) await step('delete old block', () => client.blocks.delete({ block_id: id }))
  }

  async function append(pageId: string, chunks: BlockObjectRequest[][]) {
    for (const children of chunks) {
      await step('append blocks', () => client.blocks.children.append({ block_id: pageId, children }))
    }
  }

  return {
    async publish(input, existing): Promise<PageRef> {
      const title = pageTitle(input.review)
      const properties: Properties = {
        [await target.titleProperty()]: { title: [{ type: 'text', text: { content: title } }] },
      }
      const chunks = requestChunks(options.render(input.markdown))

      let page = existing ? await retitle(existing.pageId, properties) : null
      if (!page) {
        const found = await target.find(reviewMarker(input.review.id))
        if (found) page = await retitle(found, properties)
      }
      if (page) {
        await replaceContent(page.id, chunks)
        return { pageId: page.id, url: page.url }
      }

      const parent = await target.parent()
      const created = await step('create page', () =>
        client.pages.create({ parent, properties, children: chunks[0] ?? [] }),
      )
      await append(created.id, chunks.slice(1))
      return { pageId: created.id, url: isFullPage(created) ? created.url : undefined }
    },
  }
}

function pageTarget(client: Client, parentPageId: string): Target {
  return {
    titleProperty: async () => 'title',
    parent: async () => ({ type: 'page_id', page_id: parentPageId }),
    async find(marker) {
      // The parent's child_page blocks are read directly, not through search: search is eventually
      // consistent, so a page created seconds ago by a lost attempt may not be found there yet.
      return step('list parent page', async () => {
        for await (const block of iteratePaginatedAPI(client.blocks.children.list, {
          block_id: parentPageId,
        })) {
          const b = block as { type?: string; child_page?: { title: string } }
          if (b.type === 'child_page' && b.child_page?.title.endsWith(marker)) return block.id
        }
        return null
      })
    },
  }
}

function databaseTarget(client: Client, databaseId: string): Target {
  // Since API version 2025-09-03 rows belong to a data source; the database's first one is used.
  let schema: Promise<{ dataSourceId: string; title: string }> | undefined
  const resolve = () => {
    schema ??= (async () => {
      const database = await step('read database', () =>
        client.databases.retrieve({ database_id: databaseId }),
      )
      const dataSourceId = 'data_sources' in database ? database.data_sources[0]?.id : undefined
      if (!dataSourceId)
        throw new DeliveryError('Notion: the database has no data source', { retryable: false })
      const source = await step('read data source', () =>
        client.dataSources.retrieve({ data_source_id: dataSourceId }),
      )
      const props = 'properties' in source ? Object.values(source.properties) : []
      const title = props.find((p) => p.type === 'title')?.name
      if (!title) throw new DeliveryError('Notion: the database has no title property', { retryable: false })
      return { dataSourceId, title }
    })()
    schema.catch(() => {
      schema = undefined // a transient failure must not be cached
    })
    return schema
  }
  return {
    titleProperty: async () => (await resolve()).title,
    parent: async () => ({ type: 'data_source_id', data_source_id: (await resolve()).dataSourceId }),
    async find(marker) {
      const { dataSourceId, title } = await resolve()
      const result = await step('query database', () =>
        client.dataSources.query({
          data_source_id: dataSourceId,
          filter: { property: title, title: { contains: marker } },
          page_size: 10,
        }),
      )
      const page = result.results.find((r) => {
        const value = isFullPage(r) ? r.properties[title] : undefined
        const text = value?.type === 'title' ? value.title.map((t) => t.plain_text).join('') : ''
        return text.endsWith(marker) && isFullPage(r) && !r.in_trash
      })
      return page?.id ?? null
    },
  }
}
