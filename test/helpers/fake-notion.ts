import { randomUUID } from 'node:crypto'
import { blockError, plainText } from './fake-notion.limits.ts'
import {
  createStore,
  notionError as error,
  key,
  list,
  notFound,
  type Parent,
  richText,
  type Store,
} from './fake-notion.store.ts'
import { type FakeServer, type RecordedRequest, type Reply, startFakeServer } from './fake-server.ts'

/**
 * A local Notion API (version 2025-09-03 shapes) holding one parent page and one database, enough for
 * the publisher: pages (create, retitle, trash), block children (list with cursors, append, delete),
 * databases → data sources → query. Requests are checked against Notion's limits (fake-notion.limits.ts)
 * and answered with Notion's error shape, so the publisher meets the failures the real API gives.
 */

export type FakeNotion = FakeServer & {
  token: string
  parentPageId: string
  databaseId: string
  dataSourceId: string
  /** The database's title column; deliberately not "Name", so the publisher must look it up. */
  titleProperty: string
  /** Live (not trashed) pages other than the seeded parent. */
  pages(): { id: string; title: string; parent: Parent }[]
  /** Plain text of each live top-level block of a page, in order (sub-pages as `[page] title`). */
  contentOf(pageId: string): string[]
  deleteAsHuman(pageId: string): void
  addSubpageAsHuman(pageId: string, title: string): string
}

type Ids = { parentPageId: string; databaseId: string; dataSourceId: string }
type Body = Record<string, unknown>
const TOKEN = 'secret_fake_notion_token'
const TITLE_PROPERTY = 'Review'

export async function startFakeNotion(): Promise<FakeNotion> {
  const ids: Ids = { parentPageId: randomUUID(), databaseId: randomUUID(), dataSourceId: randomUUID() }
  const store = createStore(TITLE_PROPERTY)
  store.add({
    id: ids.parentPageId,
    type: 'child_page',
    parent: { type: 'workspace', workspace: true },
    content: {},
    title: 'Postmortems',
  })

  const server = await startFakeServer((r) => {
    if (r.headers.authorization !== `Bearer ${TOKEN}`)
      return error(401, 'unauthorized', 'API token is invalid.')
    if (!r.headers['notion-version'])
      return error(400, 'missing_version', 'Notion-Version header failed validation.')
    const [version, resource, id, sub] = r.path.split('/').slice(1)
    const reply =
      version !== 'v1'
        ? undefined
        : resource === 'pages'
          ? pages(store, ids, r, id)
          : resource === 'blocks' && id
            ? blocks(store, r, id, sub)
            : databases(store, ids, r, resource, id, sub)
    return reply ?? error(400, 'invalid_request_url', `Invalid request URL: ${r.method} ${r.path}`)
  })

  return Object.assign(server, {
    token: TOKEN,
    titleProperty: TITLE_PROPERTY,
    ...ids,
    pages: () =>
      [...store.nodes.values()]
        .filter((n) => n.type === 'child_page' && !n.inTrash && n.id !== ids.parentPageId)
        .map((n) => ({ id: n.id, title: n.title ?? '', parent: n.parent })),
    contentOf: (pageId: string) =>
      store
        .liveChildren(store.get(pageId)!)
        .map((n) => (n.type === 'child_page' ? `[page] ${n.title}` : plainText(n.content))),
    deleteAsHuman(pageId: string) {
      const page = store.get(pageId)
      if (page) page.inTrash = true
    },
    addSubpageAsHuman: (pageId: string, title: string) =>
      store.add({ type: 'child_page', parent: { type: 'page_id', page_id: pageId }, content: {}, title }).id,
  })
}

/** The title set by `properties`, or Notion's error when a property does not exist on the parent. */
function titleFrom(properties: Body | undefined, parent: Parent): string | Reply {
  const allowed = parent.type === 'data_source_id' ? [TITLE_PROPERTY, 'Severity'] : ['title']
  const unknown = Object.keys(properties ?? {}).find((name) => !allowed.includes(name))
  if (unknown) return error(400, 'validation_error', `${unknown} is not a property that exists.`)
  const title = (properties?.[allowed[0]!] as { title?: { text: { content: string } }[] } | undefined)?.title
  if (title && title.length > 100)
    return error(400, 'validation_error', 'body.properties.title.title.length should be ≤ `100`')
  if (title?.some((t) => t.text.content.length > 2000))
    return error(400, 'validation_error', 'title text.content is too long')
  return title?.map((t) => t.text.content).join('') ?? ''
}

function pages(store: Store, ids: Ids, r: RecordedRequest, id: string | undefined): Reply | undefined {
  const body = (r.body ?? {}) as Body
  if (!id && r.method === 'POST') {
    const wanted = (body.parent ?? {}) as Record<string, string>
    let parent: Parent
    if (wanted.page_id && store.live(wanted.page_id)?.type === 'child_page') {
      parent = { type: 'page_id', page_id: store.live(wanted.page_id)!.id }
    } else if (wanted.data_source_id && key(wanted.data_source_id) === key(ids.dataSourceId)) {
      parent = { type: 'data_source_id', data_source_id: ids.dataSourceId, database_id: ids.databaseId }
    } else return notFound(wanted.page_id ?? wanted.data_source_id ?? wanted.database_id ?? '?')
    const title = titleFrom(body.properties as Body | undefined, parent)
    if (typeof title !== 'string') return title
    const invalid = body.children === undefined ? undefined : blockError(body.children, 'body.children')
    if (invalid) return error(400, 'validation_error', invalid)
    const page = store.add({ type: 'child_page', parent, content: {}, title })
    store.addBlocks((body.children ?? []) as Body[], { type: 'page_id', page_id: page.id })
    return { status: 200, body: store.pageJson(page) }
  }
  const page = id ? store.get(id) : undefined
  if (!id || page?.type !== 'child_page') return id ? notFound(id) : undefined
  if (r.method === 'GET') return { status: 200, body: store.pageJson(page) }
  if (r.method !== 'PATCH') return undefined
  if (page.inTrash) {
    return error(
      400,
      'validation_error',
      "Can't edit block that is archived. You must unarchive the block before editing.",
    )
  }
  const title = titleFrom(body.properties as Body | undefined, page.parent)
  if (typeof title !== 'string') return title
  if (body.properties) page.title = title
  if (body.in_trash === true) page.inTrash = true
  return { status: 200, body: store.pageJson(page) }
}

function blocks(store: Store, r: RecordedRequest, id: string, sub: string | undefined): Reply | undefined {
  const block = store.live(id)
  if (!block) return notFound(id)
  if (sub === 'children' && r.method === 'GET') {
    const size = Math.min(Number(r.query.get('page_size') ?? 100), 100)
    const all = store.liveChildren(block)
    const cursor = r.query.get('start_cursor')
    const start = cursor ? all.findIndex((n) => n.id === cursor) : 0
    if (start < 0) return error(400, 'validation_error', 'start_cursor is invalid')
    return list(all.slice(start, start + size).map(store.blockJson), all[start + size]?.id ?? null)
  }
  if (sub === 'children' && r.method === 'PATCH') {
    const children = (r.body as Body | undefined)?.children
    const invalid = blockError(children, 'body.children')
    if (invalid) return error(400, 'validation_error', invalid)
    const parent: Parent =
      block.type === 'child_page'
        ? { type: 'page_id', page_id: block.id }
        : { type: 'block_id', block_id: block.id }
    return list(store.addBlocks(children as Body[], parent).map(store.blockJson), null)
  }
  if (!sub && r.method === 'DELETE') {
    block.inTrash = true
    return { status: 200, body: store.blockJson(block) }
  }
  return undefined
}

function databases(
  store: Store,
  ids: Ids,
  r: RecordedRequest,
  resource?: string,
  id?: string,
  sub?: string,
): Reply | undefined {
  if (resource === 'databases' && id && r.method === 'GET') {
    if (key(id) !== key(ids.databaseId)) return notFound(id)
    const database = {
      object: 'database',
      id: ids.databaseId,
      title: richText('Postmortems'),
      is_inline: false,
      in_trash: false,
    }
    return {
      status: 200,
      body: { ...database, data_sources: [{ id: ids.dataSourceId, name: 'Postmortems' }] },
    }
  }
  if (resource !== 'data_sources' || !id) return undefined
  if (key(id) !== key(ids.dataSourceId)) return notFound(id)
  if (!sub && r.method === 'GET') {
    const properties = {
      Severity: { id: 'a%3Bc', name: 'Severity', type: 'rich_text', rich_text: {} },
      [TITLE_PROPERTY]: { id: 'title', name: TITLE_PROPERTY, type: 'title', title: {} },
    }
    const parent = { type: 'database_id', database_id: ids.databaseId }
    return { status: 200, body: { object: 'data_source', id: ids.dataSourceId, properties, parent } }
  }
  if (sub !== 'query' || r.method !== 'POST') return undefined
  const filter = (r.body as Body | undefined)?.filter as
    | { property?: string; title?: Record<string, string> }
    | undefined
  if (filter?.property && filter.property !== TITLE_PROPERTY) {
    return error(400, 'validation_error', `Could not find property with name or id: ${filter.property}`)
  }
  const t = filter?.title ?? {}
  const matches = (title: string) =>
    (t.contains === undefined || title.includes(t.contains)) &&
    (t.equals === undefined || title === t.equals) &&
    (t.ends_with === undefined || title.endsWith(t.ends_with))
  const rows = [...store.nodes.values()].filter(
    (n) => n.parent.type === 'data_source_id' && !n.inTrash && matches(n.title ?? ''),
  )
  return list(rows.map(store.pageJson), null, 'page_or_data_source')
}
