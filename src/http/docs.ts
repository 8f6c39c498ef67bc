import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod'

export const API_VERSION = '0.1.0'

/** OpenAPI 3.1 generated from the zod route schemas; served at /openapi.json with Swagger UI at /docs. */
export const docs = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Debrief API',
        version: API_VERSION,
        description:
          'Blameless after-action reviews: the four AAR questions, timeline, contributing factors and action items. ' +
          'Errors are RFC 9457 application/problem+json. Writes need If-Match; creates accept Idempotency-Key.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A team API key or the admin token' } },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
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
