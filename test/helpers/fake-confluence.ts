import { counter, type FakeServer, type RecordedRequest, type Reply, startFakeServer } from './fake-server.ts'

/**
 * A local Confluence that speaks both Cloud REST v2 (`/wiki/api/v2/pages`) and Data Center
 * (`/confluence/rest/api/content`, i.e. a DC site under a context path) over one shared store, with
 * the rules Debrief relies on: titles unique per space, `version.number` must be current + 1 (409
 * otherwise), deleted pages 404, wrong credentials 401. Error bodies follow each flavour's shape.
 */

export type FakePage = {
  id: string
  spaceId: string
  title: string
  parentId: string | null
  status: 'current' | 'trashed'
  version: number
  message: string
  body: string
}

export type FakeConfluence = FakeServer & {
  space: { id: string; key: string }
  homepageId: string
  credentials: { email: string; apiToken: string; token: string }
  /** Pages people can see (not trashed), in creation order. */
  pages(): FakePage[]
  /** A person edits the page in the wiki: its version moves on. */
  editAsHuman(id: string): void
  /** A person deletes the page: it goes to the trash and 404s from then on. */
  deleteAsHuman(id: string): void
}

const DC = /^\/confluence\/rest\/api\/content(?:\/(\d+))?$/
const CLOUD = /^\/wiki\/api\/v2\/pages(?:\/(\d+))?$/

export async function startFakeConfluence(): Promise<FakeConfluence> {
  const space = { id: '98305', key: 'ENG' }
  const credentials = { email: 'bot@example.com', apiToken: 'cloud-token', token: 'dc-pat' }
  const nextId = counter(229_377)
  const store = new Map<string, FakePage>()
  const homepageId = nextId()
  store.set(homepageId, {
    ...{ id: homepageId, spaceId: space.id, title: 'ENG Home', parentId: null, status: 'current' },
    ...{ version: 1, message: '', body: '<p>Home</p>' },
  })
  const live = () => [...store.values()].filter((p) => p.status === 'current')
  const titleTaken = (title: string, exceptId?: string) =>
    live().some((p) => p.spaceId === space.id && p.title === title && p.id !== exceptId)
  let base = ''

  const cloudPage = (p: FakePage) => ({
    id: p.id,
    status: p.status,
    title: p.title,
    spaceId: p.spaceId,
    parentId: p.parentId,
    parentType: p.parentId ? 'page' : null,
    authorId: '5b10ac8d82e05b22cc7d4ef5',
    createdAt: '2026-11-21T10:00:00.000Z',
    version: {
      number: p.version,
      message: p.message,
      minorEdit: false,
      authorId: '5b10ac8d82e05b22cc7d4ef5',
    },
    _links: {
      webui: `/spaces/${space.key}/pages/${p.id}`,
      editui: `/pages/resumedraft.action?draftId=${p.id}`,
    },
  })
  const dcPage = (p: FakePage) => ({
    id: p.id,
    type: 'page',
    status: p.status,
    title: p.title,
    space: { key: space.key, name: 'Engineering' },
    version: { number: p.version, message: p.message, when: '2026-11-21T10:00:00.000Z' },
    _links: {
      webui: `/pages/viewpage.action?pageId=${p.id}`,
      self: `${base}/confluence/rest/api/content/${p.id}`,
    },
  })
  const cloudError = (status: number, title: string): Reply => ({
    status,
    body: { errors: [{ status, code: status === 409 ? 'CONFLICT' : 'BAD_REQUEST', title, detail: null }] },
  })
  const dcError = (statusCode: number, message: string): Reply => ({
    status: statusCode,
    body: { statusCode, data: { authorized: true, valid: false, errors: [], successful: false }, message },
  })

  const write = (
    error: (status: number, message: string) => Reply,
    page: { title: string; body: string; parentId: string | null; message?: string },
    existing?: FakePage,
    version?: number,
  ): FakePage | Reply => {
    if (!page.title) return error(400, 'Title is required')
    if (titleTaken(page.title, existing?.id)) {
      return error(
        400,
        'A page with this title already exists: A page already exists with the same TITLE in this space',
      )
    }
    if (page.parentId && !store.has(page.parentId)) return error(404, 'Parent page not found')
    if (existing) {
      if (version !== existing.version + 1) {
        return error(409, `Version must be incremented on update. Current version is: ${existing.version}`)
      }
      Object.assign(existing, { title: page.title, body: page.body, version, message: page.message ?? '' })
      return existing
    }
    const created: FakePage = {
      ...{ id: nextId(), spaceId: space.id, status: 'current', version: 1, message: '' },
      ...{ title: page.title, body: page.body, parentId: page.parentId },
    }
    store.set(created.id, created)
    return created
  }
  const isPage = (x: FakePage | Reply): x is FakePage => 'spaceId' in x

  type CloudBody = {
    spaceId?: string
    title?: string
    parentId?: string
    body?: { value?: string }
    version?: { number?: number; message?: string }
  }
  const cloud = (r: RecordedRequest, id: string | undefined): Reply => {
    const expected = `Basic ${Buffer.from(`${credentials.email}:${credentials.apiToken}`).toString('base64')}`
    if (r.headers.authorization !== expected) return cloudError(401, 'Unauthorized')
    const found = id ? store.get(id) : undefined
    const withBase = (p: FakePage) => ({
      status: 200,
      body: { ...cloudPage(p), _links: { ...cloudPage(p)._links, base: `${base}/wiki` } },
    })
    if (r.method === 'GET' && !id) {
      const title = r.query.get('title')
      const results = live().filter(
        (p) => p.spaceId === r.query.get('space-id') && (!title || p.title === title),
      )
      return { status: 200, body: { results: results.map(cloudPage), _links: { base: `${base}/wiki` } } }
    }
    if (id && found?.status !== 'current') return cloudError(404, 'Not Found')
    if (r.method === 'GET' && found) return withBase(found)
    const b = (r.body ?? {}) as CloudBody
    if (r.method === 'POST' && !id) {
      if (b.spaceId !== space.id)
        return cloudError(404, 'There are no spaces associated with the given spaceId')
      const out = write(cloudError, {
        title: b.title ?? '',
        body: b.body?.value ?? '',
        parentId: b.parentId ?? homepageId,
      })
      return isPage(out) ? withBase(out) : out
    }
    if (r.method === 'PUT' && found) {
      const page = {
        title: b.title ?? '',
        body: b.body?.value ?? '',
        parentId: null,
        message: b.version?.message,
      }
      const out = write(cloudError, page, found, b.version?.number)
      return isPage(out) ? withBase(out) : out
    }
    return cloudError(405, 'Method Not Allowed')
  }

  type DcBody = CloudBody & {
    space?: { key?: string }
    ancestors?: { id: string }[]
    body?: { storage?: { value?: string } }
  }
  const dc = (r: RecordedRequest, id: string | undefined): Reply => {
    if (r.headers.authorization !== `Bearer ${credentials.token}`) return dcError(401, 'Unauthorized')
    const found = id ? store.get(id) : undefined
    const withBase = (p: FakePage) => ({
      status: 200,
      body: { ...dcPage(p), _links: { ...dcPage(p)._links, base: `${base}/confluence` } },
    })
    if (r.method === 'GET' && !id) {
      const key = r.query.get('spaceKey')
      const results = live().filter((p) => key === space.key && p.title === r.query.get('title'))
      const body = { results: results.map(dcPage), start: 0, limit: 25, size: results.length }
      return {
        status: 200,
        body: { ...body, _links: { base: `${base}/confluence`, context: '/confluence' } },
      }
    }
    if (id && found?.status !== 'current')
      return dcError(404, `No content found with id: ContentId{id=${id}}`)
    if (r.method === 'GET' && found) return withBase(found)
    const b = (r.body ?? {}) as DcBody
    const body = b.body?.storage?.value ?? ''
    if (r.method === 'POST' && !id) {
      if (b.space?.key !== space.key) return dcError(400, 'Space does not exist')
      const out = write(dcError, { title: b.title ?? '', body, parentId: b.ancestors?.[0]?.id ?? homepageId })
      return isPage(out) ? withBase(out) : out
    }
    if (r.method === 'PUT' && found) {
      const out = write(
        dcError,
        { title: b.title ?? '', body, parentId: null, message: b.version?.message },
        found,
        b.version?.number,
      )
      return isPage(out) ? withBase(out) : out
    }
    return dcError(405, 'Method Not Allowed')
  }

  const server = await startFakeServer((r) => {
    const c = CLOUD.exec(r.path)
    if (c) return cloud(r, c[1])
    const d = DC.exec(r.path)
    if (d) return dc(r, d[1])
    return { status: 404, body: { message: `no route for ${r.method} ${r.path}` } }
  })
  base = server.url

  return Object.assign(server, {
    space,
    homepageId,
    credentials,
    pages: () => live().filter((p) => p.id !== homepageId),
    editAsHuman(id: string) {
      const page = store.get(id)
      if (page) page.version++
    },
    deleteAsHuman(id: string) {
      const page = store.get(id)
      if (page) page.status = 'trashed' as const
    },
  })
}
