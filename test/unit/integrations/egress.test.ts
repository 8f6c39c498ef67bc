import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEgressFetch } from '../../../src/egress/index.ts'
import { createConfluenceCloudPublisher } from '../../../src/integrations/confluence-cloud.ts'
import { createConfluenceDcPublisher } from '../../../src/integrations/confluence-dc.ts'
import { createNotionPublisher } from '../../../src/integrations/notion.ts'
import type { Publisher } from '../../../src/integrations/publisher.ts'
import { type FakeConfluence, startFakeConfluence } from '../../helpers/fake-confluence.ts'
import { type FakeNotion, startFakeNotion } from '../../helpers/fake-notion.ts'
import { makePublishInput, thrown } from './support.ts'

// Without an explicit allow entry the egress client refuses loopback: the publishers must surface
// that as a non-retryable failure (retrying cannot help until an operator changes the allow list)
// and the peer must see no request at all.
const closedFetch = createEgressFetch({ allow: [] })
let confluence: FakeConfluence
let notion: FakeNotion

beforeAll(async () => {
  confluence = await startFakeConfluence()
  notion = await startFakeNotion()
})
afterAll(async () => {
  await confluence.close()
  await notion.close()
})

describe('publishers behind the egress client', () => {
  const publishers: [string, () => Publisher][] = [
    [
      'Confluence Cloud',
      () =>
        createConfluenceCloudPublisher({
          fetch: closedFetch,
          config: { baseUrl: confluence.url, spaceId: confluence.space.id },
          credentials: { email: confluence.credentials.email, apiToken: confluence.credentials.apiToken },
          render: (md) => md,
        }),
    ],
    [
      'Confluence DC',
      () =>
        createConfluenceDcPublisher({
          fetch: closedFetch,
          config: { baseUrl: `${confluence.url}/confluence`, spaceKey: confluence.space.key },
          credentials: { token: confluence.credentials.token },
          render: (md) => md,
        }),
    ],
    [
      'Notion',
      () =>
        createNotionPublisher({
          fetch: closedFetch,
          config: { parentPageId: notion.parentPageId, baseUrl: notion.url },
          credentials: { token: notion.token },
          render: () => [],
        }),
    ],
  ]

  it.each(publishers)('%s: a refused destination fails fast and never reaches the peer', async (_, make) => {
    const error = await thrown(() => make().publish(makePublishInput(), null))
    expect(error).toMatchObject({ name: 'EgressBlockedError', retryable: false })
    expect(confluence.requests).toHaveLength(0)
    expect(notion.requests).toHaveLength(0)
  })
})
