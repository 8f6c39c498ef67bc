import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance } from 'fastify'
import { validatorCompiler } from 'fastify-type-provider-zod'
import { createActionItemsRepository } from './action-items/action-items.repository.ts'
import { actionItemsRoutes } from './action-items/action-items.routes.ts'
import type { Config } from './config.ts'
import type { Database } from './db/client.ts'
import { createDeliveriesRepository } from './deliveries/deliveries.repository.ts'
import { deliveriesRoutes } from './deliveries/deliveries.routes.ts'
import { createDeliveryWorker, type DeliveryWorker } from './deliveries/deliveries.worker.ts'
import type { DeliveryQueue } from './deliveries/delivery-queue.ts'
import { createOutbox } from './deliveries/outbox.ts'
import { createDeliveryPorts } from './delivery-ports.ts'
import { createEgressFetch, validateOutgoingUrl } from './egress/index.ts'
import { exportRoutes } from './export/export.routes.ts'
import { healthRoutes } from './health.routes.ts'
import { registerAuth } from './http/auth.ts'
import { createMethodIndex, registerConventions } from './http/conventions.ts'
import { docs } from './http/docs.ts'
import { registerErrorHandling } from './http/error-handler.ts'
import { frameworkErrorOptions, registerShutdownRefusal } from './http/framework-errors.ts'
import { registerJsonBody } from './http/json-body.ts'
import { registerLoadShedding } from './http/load-shedding.ts'
import { problemsRoutes } from './http/problems.routes.ts'
import { registerRateLimits } from './http/rate-limits.ts'
import { registerTextGuard } from './http/text-guard.ts'
import { incidentsRoutes } from './incidents/incidents.routes.ts'
import { createIngest, INCIDENT_QUEUE, type IncidentJob } from './incidents/ingest.service.ts'
import { createIncidentSourcesService } from './incidents/sources.service.ts'
import { integrationsRoutes } from './integrations/integrations.routes.ts'
import { createIntegrationsService } from './integrations/integrations.service.ts'
import { lintRoutes } from './lint/lint.routes.ts'
import { createLintConfigService } from './lint/lint-config.service.ts'
import { createPartsRepository } from './reviews/parts.repository.ts'
import { partsRoutes } from './reviews/parts.routes.ts'
import { createPartsService } from './reviews/parts.service.ts'
import { createReviewsRepository } from './reviews/reviews.repository.ts'
import { reviewsRoutes } from './reviews/reviews.routes.ts'
import { createReviewsService } from './reviews/reviews.service.ts'
import { type Clock, systemClock } from './shared/clock.ts'
import { createIdempotencyPolicy, purgeExpiredIdempotencyKeys } from './shared/idempotency.ts'
import type { HttpFetch } from './shared/outgoing-http.ts'
import { openSecretKey } from './shared/secret-key-check.ts'
import { createAuthenticator } from './teams/authenticator.ts'
import { createTeamsRepository } from './teams/teams.repository.ts'
import { teamsRoutes } from './teams/teams.routes.ts'
import { createTeamsService } from './teams/teams.service.ts'
import { webRoutes } from './web/web.routes.ts'
import { endpointsRoutes } from './webhooks/endpoints.routes.ts'
import { createEndpointsService } from './webhooks/endpoints.service.ts'

export type AppOptions = {
  config: Pick<
    Config,
    | 'adminToken'
    | 'bodyLimit'
    | 'logLevel'
    | 'dataDir'
    | 'secretKey'
    | 'egressAllow'
    | 'publicUrl'
    | 'workers'
    | 'limits'
  >
  database: Database
  clock?: Clock
  /** The job queue deliveries run on; without it deliveries are recorded but not performed. */
  queue?: DeliveryQueue | undefined
  /**
   * The secret key, already proven against the database's key check (openSecretKey). Without it,
   * buildApp loads and checks it itself, which needs the database to answer.
   */
  secretKey?: Buffer
  /** Outgoing HTTP; defaults to the egress-safe client (tests pass one allowed to reach local fakes). */
  fetch?: HttpFetch
}

const REQUEST_ID = /^[\w.:-]{1,128}$/

/** The composition root: wires repositories, services and routes. Never listens. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database, clock = systemClock, queue } = options
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
    },
    ajv: { customOptions: { coerceTypes: false } },
    ...frameworkErrorOptions,
    handlerTimeout: config.limits.handlerTimeoutMs,
    requestTimeout: config.limits.requestTimeoutMs,
    connectionTimeout: config.limits.connectionTimeoutMs,
    http: {
      headersTimeout: config.limits.headersTimeoutMs,
      // Node looks for expired header/request timers this often (default 30 s, too coarse for a 10 s limit).
      connectionsCheckingInterval: Math.min(1_000, config.limits.headersTimeoutMs),
    },
  })
  // Sockets beyond the cap are closed at once by Node instead of queuing behind the others.
  app.server.maxConnections = config.limits.maxConnections
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
  const secretKey =
    options.secretKey ?? (await openSecretKey({ secretKey: config.secretKey, dataDir: config.dataDir, db }))
  const checkUrl = (url: string) => validateOutgoingUrl(url, config.egressAllow)
  const deliveries = createDeliveriesRepository(db)
  const outbox = createOutbox({ deliveries, queue, publicUrl: config.publicUrl })
  const endpoints = createEndpointsService({ db, secretKey, clock, outbox, checkUrl })
  const reviews = createReviewsService({
    db,
    reviews: createReviewsRepository(db),
    clock,
    // Writes read the settings through their own transaction (see ReviewsDeps.lintConfig).
    lintConfig: (teamId, ex) => lintConfig.forLinting(teamId, ex),
    onPublished: [(tx, publication, review) => outbox.published(tx, publication, review)],
    events: outbox,
  })
  const parts = createPartsService({ db, parts: createPartsRepository(db), reviews, clock })

  app.decorate('idempotency', createIdempotencyPolicy({ secretKey, ttlMs: config.limits.idempotencyTtlMs }))
  const allowedMethods = createMethodIndex(app)
  registerErrorHandling(app, allowedMethods)
  registerShutdownRefusal(app)
  await registerLoadShedding(app, {
    maxEventLoopDelayMs: config.limits.shedEventLoopDelayMs,
    maxPoolWaiting: config.limits.shedPoolWaiting,
    poolWaiting: database.waiting,
  })
  await registerRateLimits(app, config.limits)
  registerJsonBody(app)
  registerConventions(app)
  registerAuth(app, authenticator)
  registerTextGuard(app)
  await app.register(docs)
  await app.register(problemsRoutes)
  await app.register(healthRoutes, { ping: database.ping })
  await app.register(teamsRoutes, { service: createTeamsService({ db, authenticator }) })
  await app.register(reviewsRoutes, { service: reviews })
  await app.register(lintRoutes, { config: lintConfig })
  await app.register(partsRoutes, { service: parts })
  await app.register(actionItemsRoutes, { repository: createActionItemsRepository(db), clock })
  await app.register(exportRoutes, { reviews })
  await app.register(integrationsRoutes, {
    service: createIntegrationsService({ db, secretKey, clock, checkUrl }),
  })
  await app.register(endpointsRoutes, { service: endpoints, onChange: outbox.forget })
  await app.register(deliveriesRoutes, { db, deliveries, queue, reviews })
  await app.register(webRoutes)

  const incidentSources = createIncidentSourcesService({ db, secretKey, clock })
  const incidentChannel = queue ? await queue.channel<IncidentJob>(INCIDENT_QUEUE) : undefined
  const ingest = createIngest({
    db,
    sources: incidentSources,
    clock,
    channel: incidentChannel,
    reviews,
    lintConfig: (teamId, ex) => lintConfig.forLinting(teamId, ex),
    events: outbox,
    log: app.log,
  })
  await app.register(incidentsRoutes, { sources: incidentSources, ingest, publicUrl: config.publicUrl })
  if (incidentChannel && config.workers) {
    app.addHook('onReady', () =>
      incidentChannel.work(async (job) => void (await ingest.process(job.eventId))),
    )
  }

  if (queue && config.workers) {
    const ports = createDeliveryPorts({
      fetch: options.fetch ?? createEgressFetch({ allow: config.egressAllow }),
      secretKey,
      clock,
      signingSecrets: endpoints.signingSecrets,
    })
    const worker = createDeliveryWorker({ db, deliveries, queue, ports, clock, log: app.log })
    app.decorate('deliveryWorker', worker)
    app.addHook('onReady', () => queue.work((job) => worker.handle(job.deliveryId)))
  }
  app.decorate('authenticator', authenticator)
  // Expired Idempotency-Key records are purged hourly (a record past expiresAt is ignored anyway).
  const purge = setInterval(() => {
    purgeExpiredIdempotencyKeys(db).catch((err) => app.log.warn({ err }, 'idempotency purge failed'))
  }, 3_600_000)
  purge.unref()
  app.addHook('onClose', async () => clearInterval(purge))
  return app
}

declare module 'fastify' {
  interface FastifyInstance {
    authenticator: ReturnType<typeof createAuthenticator>
    /** Present when this instance performs deliveries. */
    deliveryWorker?: DeliveryWorker
  }
}
