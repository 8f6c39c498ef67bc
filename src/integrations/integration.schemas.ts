import { z } from 'zod'

/**
 * Request bodies of `POST /v1/integrations`, discriminated on `kind`. Every object is strict so a
 * misspelt field (`spaceID`, `apitoken`) is a 400 with a pointer instead of a silently ignored value.
 * Credentials are validated here and never echoed back by the API.
 */

// A wiki's base URL: no credentials, query or fragment, because the publishers append API paths to it
// and a `user:pass@` part would leak into logs and bypass the credentials we encrypt at rest.
const WikiBaseUrl = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .refine((value) => {
    // Zod runs refinements even after the URL check failed; that failure is already reported.
    const url = URL.parse(value)
    return !url || (!url.username && !url.password && !url.search && !url.hash)
  }, 'must not contain credentials, a query or a fragment')
  .describe('http(s) base URL of the wiki, e.g. https://example.atlassian.net')

const secret = (what: string) => z.string().min(1).max(4096).describe(what)
// Confluence content and space ids are int64 values serialised as strings.
const confluenceId = z.string().regex(/^\d{1,19}$/, 'must be a numeric Confluence id')
// Notion accepts ids with or without dashes.
const notionId = z
  .string()
  .regex(
    /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i,
    'must be a Notion id',
  )
const name = z.string().trim().min(1).max(100).describe('Shown in delivery logs, e.g. "Eng wiki"')

export const ConfluenceCloudConfigSchema = z
  .strictObject({
    baseUrl: WikiBaseUrl,
    spaceId: confluenceId.describe('Numeric space id (REST v2), not the space key'),
    parentId: confluenceId.optional().describe('Page under which review pages are created'),
  })
  .meta({ id: 'ConfluenceCloudConfig' })
export const ConfluenceCloudCredentialsSchema = z
  .strictObject({ email: z.email().max(320), apiToken: secret('Atlassian API token') })
  .meta({ id: 'ConfluenceCloudCredentials' })

export const ConfluenceDcConfigSchema = z
  .strictObject({
    baseUrl: WikiBaseUrl.describe(
      'Base URL including any context path, e.g. https://wiki.example.com/confluence',
    ),
    spaceKey: z
      .string()
      .regex(/^~?[A-Za-z0-9_-]{1,255}$/, 'must be a Confluence space key')
      .describe('Space key, e.g. ENG'),
    parentId: confluenceId.optional().describe('Page under which review pages are created'),
  })
  .meta({ id: 'ConfluenceDcConfig' })
export const TokenCredentialsSchema = z
  .strictObject({ token: secret('Personal access token or integration token') })
  .meta({ id: 'TokenCredentials' })

export const NOTION_DEFAULT_BASE_URL = 'https://api.notion.com'
export const NotionConfigSchema = z
  .strictObject({
    parentPageId: notionId.optional().describe('Create review pages under this page…'),
    databaseId: notionId.optional().describe('…or as rows of this database (exactly one of the two)'),
    baseUrl: WikiBaseUrl.default(NOTION_DEFAULT_BASE_URL).describe("Notion's API; override for a proxy"),
  })
  .refine((c) => (c.parentPageId === undefined) !== (c.databaseId === undefined), {
    message: 'exactly one of parentPageId or databaseId is required',
    path: ['parentPageId'],
  })
  .meta({ id: 'NotionConfig' })

export const CreateIntegrationBodySchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('confluence-cloud'),
      name,
      config: ConfluenceCloudConfigSchema,
      credentials: ConfluenceCloudCredentialsSchema,
    }),
    z.strictObject({
      kind: z.literal('confluence-dc'),
      name,
      config: ConfluenceDcConfigSchema,
      credentials: TokenCredentialsSchema,
    }),
    z.strictObject({
      kind: z.literal('notion'),
      name,
      config: NotionConfigSchema,
      credentials: TokenCredentialsSchema,
    }),
  ])
  .meta({ id: 'CreateIntegrationBody' })

export type CreateIntegrationBody = z.infer<typeof CreateIntegrationBodySchema>
export type IntegrationKind = CreateIntegrationBody['kind']
export type ConfluenceCloudConfig = z.infer<typeof ConfluenceCloudConfigSchema>
export type ConfluenceCloudCredentials = z.infer<typeof ConfluenceCloudCredentialsSchema>
export type ConfluenceDcConfig = z.infer<typeof ConfluenceDcConfigSchema>
export type TokenCredentials = z.infer<typeof TokenCredentialsSchema>
/** Parsed Notion config: `baseUrl` is always set (defaulted). */
export type NotionConfig = z.infer<typeof NotionConfigSchema>
