import type { BlockObjectRequest } from '@notionhq/client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createNotionPublisher } from '../../../src/integrations/notion.ts'
import { DeliveryError } from '../../../src/shared/outgoing-http.ts'
import { type FakeNotion, startFakeNotion } from '../../helpers/fake-notion.ts'
import type { RecordedRequest } from '../../helpers/fake-server.ts'
import { loadNotionValidators, NOTION_SPEC_PATH, notionSpecAvailable } from './notion-spec.ts'
import { makePublishInput, makeReviewSnapshot, testFetch, thrown } from './support.ts'

let fake: FakeNotion
const sent: RecordedRequest[] = []

/** One paragraph (or bullet, for "- " lines) per Markdown line: the shapes the peer spec knows. */
const render = (markdown: string): BlockObjectRequest[] =>
  markdown
    .split('\n')
    .filter(Boolean)
    .map((line) =>
      line.startsWith('- ')
        ? {
            type: 'bulleted_list_item',
            bulleted_list_item: { rich_text: [{ type: 'text', text: { content: line.slice(2) } }] },
          }
        : { type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content: line } }] } },
    )
const lines = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => (i % 5 === 4 ? `- ${tag} ${i}` : `${tag} ${i}`))
const inputWith = (
  review: ReturnType<typeof makeReviewSnapshot>,
  n: number,
  tag: string,
  publication = 1,
) => ({
  ...makePublishInput(review, publication),
  markdown: lines(n, tag).join('\n'),
})
const publisher = (target: 'page' | 'database' = 'page', token?: string) =>
  createNotionPublisher({
    fetch: testFetch,
    config:
      target === 'page'
        ? { parentPageId: fake.parentPageId, baseUrl: fake.url }
        : { databaseId: fake.databaseId, baseUrl: fake.url },
    credentials: { token: token ?? fake.token },
    render,
    timeoutMs: 300,
  })
const calls = () => fake.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, ':id')}`)

beforeEach(async () => {
  fake = await startFakeNotion()
})
afterEach(async () => {
  sent.push(...fake.requests)
  await fake.close()
})

describe('Notion publisher, pages under a parent page', () => {
  it('creates the page with the first 100 blocks and appends the rest in chunks of 100', async () => {
    const review = makeReviewSnapshot()
    const ref = await publisher().publish(inputWith(review, 250, 'v1'), null)
    expect(fake.pages()).toEqual([
      {
        id: ref.pageId,
        title: expect.stringMatching(/\(Debrief [0-9a-f]{8}\)$/),
        parent: { type: 'page_id', page_id: fake.parentPageId },
      },
    ])
    expect(ref.url).toMatch(/^https:\/\/www\.notion\.so\//)
    expect(fake.contentOf(ref.pageId)).toEqual(lines(250, 'v1').map((l) => l.replace(/^- /, '')))
    expect(calls()).toEqual([
      'GET /v1/blocks/:id/children',
      'POST /v1/pages',
      'PATCH /v1/blocks/:id/children',
      'PATCH /v1/blocks/:id/children',
    ])
    const sizes = fake.requests.map(
      (r) => ((r.body as { children?: unknown[] } | undefined)?.children ?? []).length,
    )
    expect(sizes).toEqual([0, 100, 100, 50])
    expect(fake.requests[1]!.headers).toMatchObject({
      'notion-version': '2025-09-03',
      authorization: `Bearer ${fake.token}`,
    })
  })

  it('a new publication updates the same page: new title, content replaced, sub-pages people added kept', async () => {
    const review = makeReviewSnapshot()
    const first = await publisher().publish(inputWith(review, 120, 'v1'), null)
    fake.addSubpageAsHuman(first.pageId, 'Follow-up notes')
    const renamed = { ...review, title: 'Checkout errors (revised)' }
    const second = await publisher().publish(inputWith(renamed, 30, 'v2', 2), first)

    expect(second.pageId).toBe(first.pageId)
    expect(
      fake.pages().filter((p) => p.parent.type === 'page_id' && p.parent.page_id === fake.parentPageId),
    ).toHaveLength(1)
    expect(fake.pages().find((p) => p.id === first.pageId)!.title).toMatch(
      /^Checkout errors \(revised\) \(Debrief/,
    )
    expect(fake.contentOf(first.pageId)).toEqual([
      '[page] Follow-up notes',
      ...lines(30, 'v2').map((l) => l.replace(/^- /, '')),
    ])
  })

  it('a retry after a create whose answer never came updates that page instead of creating a second', async () => {
    const review = makeReviewSnapshot()
    fake.inject({ kind: 'hang-after', method: 'POST', path: /\/v1\/pages$/ })
    const lost = await thrown(() => publisher().publish(inputWith(review, 10, 'v1'), null))
    expect(lost).toBeInstanceOf(DeliveryError)
    expect(lost).toMatchObject({ retryable: true })
    expect(fake.pages()).toHaveLength(1)

    const ref = await publisher().publish(inputWith(review, 10, 'v1'), null)
    expect(fake.pages().map((p) => p.id)).toEqual([ref.pageId])
    expect(fake.contentOf(ref.pageId)).toHaveLength(10)
  })

  it('a page a person deleted is published again as a new page', async () => {
    const review = makeReviewSnapshot()
    const first = await publisher().publish(inputWith(review, 3, 'v1'), null)
    fake.deleteAsHuman(first.pageId)
    const second = await publisher().publish(inputWith(review, 3, 'v2', 2), first)
    expect(second.pageId).not.toBe(first.pageId)
    expect(fake.pages().map((p) => p.id)).toEqual([second.pageId])
  })
})

describe('Notion publisher, rows of a database', () => {
  it("looks up the database's title property and data source, and finds its row again after a reset", async () => {
    const review = makeReviewSnapshot()
    fake.inject({ kind: 'reset-after', method: 'POST', path: /\/v1\/pages$/ })
    expect(await thrown(() => publisher('database').publish(inputWith(review, 5, 'v1'), null))).toMatchObject(
      { retryable: true },
    )
    const create = fake.requests.find((r) => r.method === 'POST' && r.path === '/v1/pages')!
    expect(create.body).toMatchObject({
      parent: { type: 'data_source_id', data_source_id: fake.dataSourceId },
      properties: {
        [fake.titleProperty]: { title: [{ text: { content: expect.stringMatching(/\(Debrief/) } }] },
      },
    })

    const ref = await publisher('database').publish(inputWith(review, 5, 'v2'), null)
    expect(fake.pages()).toEqual([expect.objectContaining({ id: ref.pageId })])
    expect(fake.contentOf(ref.pageId)).toEqual(lines(5, 'v2').map((l) => l.replace(/^- /, '')))
    // Each attempt queries for the row before it would create one.
    expect(calls().filter((c) => c.includes('query'))).toHaveLength(2)
  })
})

describe('Notion failures', () => {
  const rateLimited = {
    object: 'error',
    status: 429,
    code: 'rate_limited',
    message: 'You have been rate limited.',
  }

  it('429 is retryable with Retry-After; 500 and 502 retryable; 400 and 401 fail fast with the reason', async () => {
    fake.inject({ kind: 'status', status: 429, headers: { 'retry-after': '4' }, body: rateLimited })
    expect(await thrown(() => publisher().publish(makePublishInput(), null))).toMatchObject({
      retryable: true,
      status: 429,
      retryAfterMs: 4000,
    })
    fake.inject({
      kind: 'status',
      status: 500,
      body: { object: 'error', status: 500, code: 'internal_server_error', message: 'boom' },
    })
    expect(await thrown(() => publisher().publish(makePublishInput(), null))).toMatchObject({
      retryable: true,
      status: 500,
    })
    fake.inject({ kind: 'status', status: 502, body: 'Bad Gateway' })
    expect(await thrown(() => publisher().publish(makePublishInput(), null))).toMatchObject({
      retryable: true,
      status: 502,
    })

    const tooLong = createNotionPublisher({
      fetch: testFetch,
      config: { parentPageId: fake.parentPageId, baseUrl: fake.url },
      credentials: { token: fake.token },
      render: () => [{ paragraph: { rich_text: [{ text: { content: 'x'.repeat(2001) } }] } }],
    })
    const invalid = await thrown(() => tooLong.publish(makePublishInput(), null))
    expect(invalid).toMatchObject({
      retryable: false,
      status: 400,
      message: expect.stringContaining('should be ≤ `2000`'),
    })
    expect(await thrown(() => publisher('page', 'wrong').publish(makePublishInput(), null))).toMatchObject({
      retryable: false,
      status: 401,
    })
  })

  it('hangs past the timeout and connection resets are retryable', async () => {
    fake.inject({ kind: 'hang', method: 'GET' })
    expect(await thrown(() => publisher().publish(makePublishInput(), null))).toMatchObject({
      retryable: true,
    })
    fake.inject({ kind: 'reset', method: 'GET' })
    expect(await thrown(() => publisher().publish(makePublishInput(), null))).toMatchObject({
      retryable: true,
    })
    expect(fake.pages()).toHaveLength(0)
  })
})

if (!notionSpecAvailable) console.warn(`Notion spec tests skipped: ${NOTION_SPEC_PATH} not found`)
describe.skipIf(!notionSpecAvailable)(
  `requests against Notion's OpenAPI document (skipped when ${NOTION_SPEC_PATH} is absent)`,
  () => {
    it('every block append, page update and data-source query sent in this file is valid', () => {
      const v = loadNotionValidators()
      const check = (validate: typeof v.appendChildren, requests: RecordedRequest[]) => {
        expect(requests.length).toBeGreaterThan(0)
        for (const r of requests) expect(validate(r.body), JSON.stringify(validate.errors)).toBe(true)
      }
      check(
        v.appendChildren,
        sent.filter((r) => r.method === 'PATCH' && r.path.endsWith('/children')),
      )
      check(
        v.updatePage,
        sent.filter((r) => r.method === 'PATCH' && /^\/v1\/pages\/[^/]+$/.test(r.path)),
      )
      check(
        v.queryDataSource,
        sent.filter((r) => r.method === 'POST' && r.path.endsWith('/query')),
      )
    })
  },
)
