import underPressure from '@fastify/under-pressure'
import type { FastifyInstance } from 'fastify'
import { ServiceUnavailableError } from '../shared/errors.ts'

const RETRY_AFTER_S = 2
// How often the pool is looked at; the event loop is sampled by under-pressure itself.
const POOL_CHECK_MS = 250

/**
 * Load shedding (@fastify/under-pressure): while the event loop lags or too many requests already wait
 * for a database connection, new requests get 503 + Retry-After at once instead of queueing until they
 * time out. /livez keeps answering: a busy process is not a dead one.
 */
export async function registerLoadShedding(
  app: FastifyInstance,
  options: { maxEventLoopDelayMs: number; maxPoolWaiting: number; poolWaiting: () => number },
) {
  await app.register(underPressure, {
    maxEventLoopDelay: options.maxEventLoopDelayMs,
    healthCheck: async () => options.poolWaiting() <= options.maxPoolWaiting,
    healthCheckInterval: POOL_CHECK_MS,
    pressureHandler: async (request, _reply, type) => {
      if (request.url === '/livez') return
      request.log.warn({ type }, 'shedding load')
      throw new ServiceUnavailableError('The service is overloaded; retry shortly', RETRY_AFTER_S)
    },
  })
}
