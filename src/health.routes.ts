import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ServiceUnavailableError } from './shared/errors.ts'

const Status = z.object({ status: z.literal('ok') })

/** Liveness says the process answers; readiness also needs the database. */
export const healthRoutes: FastifyPluginAsyncZod<{ ping: () => Promise<void> }> = async (app, { ping }) => {
  const schema = (operationId: string, summary: string) => ({
    operationId,
    summary,
    tags: ['health'],
    security: [],
    response: { 200: Status },
  })
  app.get(
    '/livez',
    { config: { auth: 'public' }, schema: schema('getLiveness', 'The process is up') },
    async () => ({
      status: 'ok' as const,
    }),
  )
  app.get(
    '/readyz',
    { config: { auth: 'public' }, schema: schema('getReadiness', 'The process can reach its database') },
    async () => {
      try {
        await ping()
      } catch {
        throw new ServiceUnavailableError('The database is not reachable')
      }
      return { status: 'ok' as const }
    },
  )
}
