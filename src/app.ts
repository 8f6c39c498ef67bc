import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance } from 'fastify'
import { validatorCompiler } from 'fastify-type-provider-zod'
import { createActionItemsRepository } from './action-items/action-items.repository.ts'
import { actionItemsRoutes } from './action-items/action-items.routes.ts'
import type { Config } from './config.ts'
import type { Database } from './db/client.ts'
import { healthRoutes } from './health.routes.ts'
import { registerAuth } from './http/auth.ts'
import { docs } from './http/docs.ts'
import { registerErrorHandling } from './http/error-handler.ts'
import { registerTextGuard } from './http/text-guard.ts'
import { lintRoutes } from './lint/lint.routes.ts'
import { createLintConfigService } from './lint/lint-config.service.ts'
import { createPartsRepository } from './reviews/parts.repository.ts'
import { partsRoutes } from './reviews/parts.routes.ts'
import { createPartsService } from './reviews/parts.service.ts'
import { createReviewsRepository } from './reviews/reviews.repository.ts'
import { reviewsRoutes } from './reviews/reviews.routes.ts'
import { createReviewsService } from './reviews/reviews.service.ts'
import { type Clock, systemClock } from './shared/clock.ts'
import { createAuthenticator } from './teams/authenticator.ts'
import { createTeamsRepository } from './teams/teams.repository.ts'
import { teamsRoutes } from './teams/teams.routes.ts'
import { createTeamsService } from './teams/teams.service.ts'

export type AppOptions = {
  config: Pick<Config, 'adminToken' | 'bodyLimit' | 'logLevel'>
  database: Database
  clock?: Clock
}

const REQUEST_ID = /^[\w.:-]{1,128}$/

/** The composition root: wires repositories, services and routes. Never listens. */
export async function buildApp({
  config,
  database,
  clock = systemClock,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
    },
    ajv: { customOptions: { coerceTypes: false } },
  })
  app.setValidatorCompiler(validatorCompiler)
  // Responses are built by typed mappers; plain JSON.stringify keeps the hot path cheap.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data))
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  const { db } = database
  const teamsRepository = createTeamsRepository(db)
  const authenticator = createAuthenticator({ teams: teamsRepository }, { adminToken: config.adminToken })
  const lintConfig = createLintConfigService({ db })
  const reviews = createReviewsService({
    db,
    reviews: createReviewsRepository(db),
    clock,
    // Writes read the settings on their own transaction (see ReviewsDeps.lintConfig).
    lintConfig: (teamId, ex) =>
      ex === db
        ? lintConfig.forLinting(teamId)
        : createLintConfigService({ db: ex })
            .get(teamId)
            .then((team) => team.config),
  })
  const parts = createPartsService({ db, parts: createPartsRepository(db), reviews, clock })

  registerErrorHandling(app)
  registerAuth(app, authenticator)
  registerTextGuard(app)
  await app.register(docs)
  await app.register(healthRoutes, { ping: database.ping })
  await app.register(teamsRoutes, { service: createTeamsService({ db, authenticator }) })
  await app.register(reviewsRoutes, { service: reviews })
  await app.register(lintRoutes, { config: lintConfig })
  await app.register(partsRoutes, { service: parts })
  await app.register(actionItemsRoutes, { repository: createActionItemsRepository(db), clock })
  app.decorate('authenticator', authenticator)
  return app
}

declare module 'fastify' {
  interface FastifyInstance {
    authenticator: ReturnType<typeof createAuthenticator>
  }
}
