import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createConfluenceDcPublisher } from '../../../src/integrations/confluence-dc.ts'
import { type FakeConfluence, startFakeConfluence } from '../../helpers/fake-confluence.ts'
import { makePublishInput, makeReviewSnapshot, testFetch, thrown } from './support.ts'

let fake: FakeConfluence

const publisher = (options: { parentId?: string; token?: string } = {}) =>
  createConfluenceDcPublisher({
    fetch: testFetch,
    // The fake serves Data Center under a /confluence context path, as many sites do.
    config: { baseUrl: `${fake.url}/confluence/`, spaceKey: fake.space.key, parentId: options.parentId },
    credentials: { token: options.token ?? fake.credentials.token },
    render: (markdown) => `<p>${markdown.length}</p>`,
    timeoutMs: 300,
  })
const calls = () =>
  fake.requests.map((r) => `${r.method} ${r.path.replace('/confluence/rest/api/content', '')}`)

beforeEach(async () => {
  fake = await startFakeConfluence()
})
afterEach(() => fake.close())

describe('Confluence Data Center publisher', () => {
  it('creates with the content API (Bearer PAT, space key, ancestors) and updates the same page', async () => {
    const review = makeReviewSnapshot()
    const first = await publisher({ parentId: fake.homepageId }).publish(makePublishInput(review, 1), null)
    expect(first).toMatchObject({
      version: 1,
      url: `${fake.url}/confluence/pages/viewpage.action?pageId=${first.pageId}`,
    })
    const create = fake.requests.find((r) => r.method === 'POST')!
    expect(create.headers.authorization).toBe(`Bearer ${fake.credentials.token}`)
    expect(create.body).toEqual({
      type: 'page',
      title: expect.stringMatching(/\(Debrief [0-9a-f]{8}\)$/),
      space: { key: 'ENG' },
      ancestors: [{ id: fake.homepageId }],
      body: { storage: { value: expect.any(String), representation: 'storage' } },
    })

    const second = await publisher().publish(makePublishInput(review, 2), first)
    expect(second).toMatchObject({ pageId: first.pageId, version: 2 })
    expect(fake.requests.at(-1)!.body).toMatchObject({
      id: first.pageId,
      type: 'page',
      version: { number: 2 },
    })
    expect(fake.pages()).toHaveLength(1)
  })

  it('looks the page up by space key and title before creating, so a lost answer does not duplicate it', async () => {
    const review = makeReviewSnapshot()
    fake.inject({ kind: 'hang-after', method: 'POST' })
    expect(await thrown(() => publisher().publish(makePublishInput(review), null))).toMatchObject({
      retryable: true,
    })

    fake.requests.length = 0
    const ref = await publisher().publish(makePublishInput(review), null)
    expect(fake.pages()).toHaveLength(1)
    expect(ref.pageId).toBe(fake.pages()[0]!.id)
    expect(calls()).toEqual(['GET ', `PUT /${ref.pageId}`])
    expect(fake.requests[0]!.query.get('spaceKey')).toBe('ENG')
  })

  it('409 → re-read and retry once; a page without a stored version is read first', async () => {
    const review = makeReviewSnapshot()
    const first = await publisher().publish(makePublishInput(review), null)
    fake.editAsHuman(first.pageId)
    fake.requests.length = 0
    await publisher().publish(makePublishInput(review, 2), first)
    const id = first.pageId
    expect(calls()).toEqual([`PUT /${id}`, `GET /${id}`, `PUT /${id}`])

    fake.requests.length = 0
    const third = await publisher().publish(makePublishInput(review, 3), { pageId: id })
    expect(third.version).toBe(4)
    expect(calls()).toEqual([`GET /${id}`, `PUT /${id}`])
  })

  it('classifies failures: 503 and resets retryable, 401 not', async () => {
    fake.inject({ kind: 'status', status: 503, headers: { 'retry-after': '3' } })
    expect(await thrown(() => publisher().publish(makePublishInput(), null))).toMatchObject({
      retryable: true,
      retryAfterMs: 3000,
    })
    fake.inject({ kind: 'reset-after', method: 'POST' })
    expect(await thrown(() => publisher().publish(makePublishInput(), null))).toMatchObject({
      retryable: true,
    })
    const denied = await thrown(() => publisher({ token: 'revoked' }).publish(makePublishInput(), null))
    expect(denied).toMatchObject({ retryable: false, status: 401 })
  })
})
