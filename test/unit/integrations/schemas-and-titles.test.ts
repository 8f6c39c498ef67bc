import type { BlockObjectRequest } from '@notionhq/client'
import { describe, expect, it } from 'vitest'
import { CreateIntegrationBodySchema } from '../../../src/integrations/integration.schemas.ts'
import { blockCount, requestChunks } from '../../../src/integrations/notion-requests.ts'
import { pageTitle, reviewMarker } from '../../../src/integrations/page-title.ts'
import { blockError } from '../../helpers/fake-notion.limits.ts'

const NOTION_ID = '0123456789abcdef0123456789abcdef'
const issues = (body: unknown) => {
  const result = CreateIntegrationBodySchema.safeParse(body)
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

describe('POST /v1/integrations bodies', () => {
  const cloud = {
    kind: 'confluence-cloud',
    name: 'Eng wiki',
    config: { baseUrl: 'https://example.atlassian.net', spaceId: '98305', parentId: '229377' },
    credentials: { email: 'bot@example.com', apiToken: 'ATATT3x' },
  }

  it('accepts each kind and defaults Notion to its public API', () => {
    expect(issues(cloud)).toEqual([])
    expect(
      issues({
        kind: 'confluence-dc',
        name: 'DC',
        config: { baseUrl: 'https://wiki.example.com/confluence', spaceKey: 'ENG' },
        credentials: { token: 'pat' },
      }),
    ).toEqual([])
    const notion = CreateIntegrationBodySchema.parse({
      kind: 'notion',
      name: 'Notion',
      config: { databaseId: NOTION_ID },
      credentials: { token: 'ntn_x' },
    })
    expect(notion.config).toEqual({ databaseId: NOTION_ID, baseUrl: 'https://api.notion.com' })
  })

  it('refuses unknown fields, the wrong credentials for a kind, and URLs carrying credentials', () => {
    expect(issues({ ...cloud, config: { ...cloud.config, spaceKey: 'ENG' } })).toEqual([
      'config: Unrecognized key: "spaceKey"',
    ])
    expect(issues({ ...cloud, credentials: { token: 'x' } })).toHaveLength(3)
    expect(
      issues({ ...cloud, config: { ...cloud.config, baseUrl: 'https://u:p@example.atlassian.net' } }),
    ).toEqual(['config.baseUrl: must not contain credentials, a query or a fragment'])
    expect(issues({ ...cloud, config: { ...cloud.config, baseUrl: 'ftp://example.com' } })).toHaveLength(1)
    expect(issues({ ...cloud, kind: 'sharepoint' })).toHaveLength(1)
  })

  it('a Notion integration needs exactly one of parentPageId and databaseId', () => {
    const notion = (config: object) => ({ kind: 'notion', name: 'N', config, credentials: { token: 't' } })
    const rule = 'config.parentPageId: exactly one of parentPageId or databaseId is required'
    expect(issues(notion({}))).toEqual([rule])
    expect(issues(notion({ parentPageId: NOTION_ID, databaseId: NOTION_ID }))).toEqual([rule])
    expect(issues(notion({ parentPageId: 'not-an-id' }))).toHaveLength(1)
  })
})

describe('page titles', () => {
  const id = '1a2b3c4d-0000-4000-8000-000000000000'

  it('carry a stable marker from the review id, on one line', () => {
    expect(reviewMarker(id)).toBe('(Debrief 1a2b3c4d)')
    expect(pageTitle({ id, title: 'DB failover\n# not a heading' })).toBe(
      'DB failover # not a heading (Debrief 1a2b3c4d)',
    )
  })

  it('fit 255 characters by shortening the review title, never the marker', () => {
    const title = pageTitle({ id, title: '🔥'.repeat(400) })
    expect([...title].length).toBeLessThanOrEqual(255)
    expect(title.endsWith('… (Debrief 1a2b3c4d)')).toBe(true)
  })
})

describe('Notion request chunks', () => {
  const paragraph = (text: string, children?: BlockObjectRequest[]): BlockObjectRequest => ({
    type: 'paragraph',
    paragraph: {
      rich_text: [{ type: 'text', text: { content: text } }],
      // The client's types allow one nesting level here; these children have none of their own.
      ...(children ? { children: children as never } : {}),
    },
  })

  it('at most 100 top-level blocks per request, order kept', () => {
    const blocks = Array.from({ length: 250 }, (_, i) => paragraph(String(i)))
    const chunks = requestChunks(blocks)
    expect(chunks.map((c) => c.length)).toEqual([100, 100, 50])
    expect(chunks.flat()).toEqual(blocks)
  })

  it('at most 1000 blocks per request counting nested children, and each chunk passes the limits', () => {
    const blocks = Array.from({ length: 40 }, (_, i) =>
      paragraph(
        `p${i}`,
        Array.from({ length: 50 }, (_, j) => paragraph(`c${j}`)),
      ),
    )
    expect(blockCount(blocks[0]!)).toBe(51)
    const chunks = requestChunks(blocks)
    expect(chunks.map((c) => c.length)).toEqual([19, 19, 2])
    for (const chunk of chunks) expect(blockError(chunk, 'body.children')).toBeUndefined()
    expect(blockError(blocks, 'body.children')).toMatch(/at most 1000/)
  })
})
