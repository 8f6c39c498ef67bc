import type { DeliveryRow, IntegrationRow, WebhookEndpointRow } from './db/schema/index.ts'
import type { DeliveryPorts } from './deliveries/deliveries.worker.ts'
import { toConfluenceStorage } from './export/confluence-storage.ts'
import { renderMarkdown } from './export/markdown.render.ts'
import { toNotionBlocks } from './export/notion-blocks.ts'
import { createConfluenceCloudPublisher } from './integrations/confluence-cloud.ts'
import { createConfluenceDcPublisher } from './integrations/confluence-dc.ts'
import type {
  ConfluenceCloudConfig,
  ConfluenceCloudCredentials,
  ConfluenceDcConfig,
  NotionConfig,
  TokenCredentials,
} from './integrations/integration.schemas.ts'
import { createNotionPublisher } from './integrations/notion.ts'
import type { Publisher } from './integrations/publisher.ts'
import type { Clock } from './shared/clock.ts'
import { DeliveryError, type HttpFetch } from './shared/outgoing-http.ts'
import { decryptJson } from './shared/secrets.ts'
import { sendWebhook } from './webhooks/send.ts'

/** The production wiring of deliveries: egress-safe fetch, decrypted credentials, real renderers. */
export function createDeliveryPorts(deps: {
  fetch: HttpFetch
  secretKey: Buffer
  clock: Clock
  signingSecrets: (endpoint: WebhookEndpointRow) => string[]
}): DeliveryPorts {
  const { fetch, secretKey, clock } = deps
  return {
    publisherFor(integration: IntegrationRow): Publisher {
      const credentials = decryptJson<Record<string, string>>(secretKey, integration.credentialsEncrypted)
      switch (integration.kind) {
        case 'confluence-cloud':
          return createConfluenceCloudPublisher({
            fetch,
            config: integration.config as ConfluenceCloudConfig,
            credentials: credentials as ConfluenceCloudCredentials,
            render: toConfluenceStorage,
          })
        case 'confluence-dc':
          return createConfluenceDcPublisher({
            fetch,
            config: integration.config as ConfluenceDcConfig,
            credentials: credentials as TokenCredentials,
            render: toConfluenceStorage,
          })
        case 'notion':
          return createNotionPublisher({
            fetch,
            config: integration.config as NotionConfig,
            credentials: credentials as TokenCredentials,
            render: toNotionBlocks,
          })
        default:
          throw new DeliveryError(`unknown integration kind ${integration.kind}`, { retryable: false })
      }
    },
    renderMarkdown: (review) => renderMarkdown(review, { generatedAt: clock.now().toISOString() }),
    sendWebhook: (endpoint: WebhookEndpointRow, delivery: DeliveryRow) =>
      sendWebhook(fetch, {
        url: endpoint.url,
        msgId: delivery.id,
        eventType: delivery.eventType,
        payload: (delivery.payload as { data?: unknown }).data ?? delivery.payload,
        secrets: deps.signingSecrets(endpoint),
        timestamp: clock.now(),
        occurredAt: delivery.createdAt,
      }),
  }
}
