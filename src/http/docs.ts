import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod'

export const API_VERSION = '0.1.0'

type OpenApiDoc = { paths?: unknown; components?: { schemas?: Record<string, unknown> } }

/**
 * The zod provider emits an input and an output variant of every named schema; keep only the
 * ones some operation reaches, so the document lists each shape callers actually meet.
 */
export function pruneUnusedSchemas(doc: OpenApiDoc): OpenApiDoc {
  const schemas = doc.components?.schemas
  if (!schemas) return doc
  const used = new Set<string>()
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return
    if (Array.isArray(node)) {
      for (const item of node) visit(item)
      return
    }
    for (const [key, value] of Object.entries(node)) {
      const name = key === '$ref' && typeof value === 'string' ? value.split('/').pop() : undefined
      if (name && !used.has(name)) {
        used.add(name)
        visit(schemas[name])
      } else visit(value)
    }
  }
  visit(doc.paths)
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)))
  return { ...doc, components: { ...doc.components, schemas: kept } }
}

/** OpenAPI 3.1 generated from the zod route schemas; served at /openapi.json with Swagger UI at /docs. */
export const docs = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Debrief API',
        version: API_VERSION,
        contact: { name: 'Debrief maintainers' },
        description:
          'Blameless after-action reviews: the four AAR questions, timeline, contributing factors and action items. ' +
          'Errors are RFC 9457 application/problem+json. Writes need If-Match; creates accept Idempotency-Key.',
      },
      // Relative: the document describes whichever instance serves it.
      servers: [{ url: '/', description: 'This Debrief instance' }],
      tags: [
        {
          name: 'reviews',
          description:
            'After-action reviews: the four questions, lifecycle (draft → in review → published), guide, revisions, publications and the Markdown export',
        },
        {
          name: 'review parts',
          description: 'Timeline events, contributing factors and action items of one review',
        },
        { name: 'action items', description: 'Follow-up work across all reviews of a team' },
        { name: 'lint', description: 'Blame-language checks on free text and the team’s lint settings' },
        {
          name: 'teams',
          description: 'Teams and their API keys (operator, or a key with the admin scope for its own team)',
        },
        {
          name: 'integrations',
          description: 'Wiki destinations (Confluence, Notion) that published reviews are copied to',
        },
        {
          name: 'webhooks',
          description: 'Endpoints that receive signed events about reviews and action items',
        },
        {
          name: 'deliveries',
          description: 'Each attempt to deliver an event or a publication, with retries',
        },
        { name: 'health', description: 'Liveness and readiness for load balancers and orchestrators' },
      ],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A team API key or the admin token' },
        },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (doc) => pruneUnusedSchemas(jsonSchemaTransformObject(doc) as OpenApiDoc) as never,
  })
  await app.register(async (scope) => {
    // Routes added by the UI plugin are public documentation, so mark them before the auth hook sees them.
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object), auth: 'public' }
    })
    await scope.register(swaggerUi, { routePrefix: '/docs' })
    scope.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  })
})
