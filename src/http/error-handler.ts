import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { isDatabaseUnavailable, postgresErrorCode } from '../db/errors.ts'
import { type FieldError, PROBLEM_BASE, ProblemError, ServiceUnavailableError } from '../shared/errors.ts'

const LOCATIONS: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
}

/** Sends an RFC 9457 body; every error Debrief returns goes through here. */
export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: ProblemError) {
  for (const [name, value] of Object.entries(problem.headers)) reply.header(name, value)
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .send({
      type: `${PROBLEM_BASE}${problem.slug}`,
      title: problem.title,
      status: problem.status,
      detail: problem.message,
      instance: request.url,
      requestId: request.id,
      ...problem.extra,
    })
}

function validationProblem(error: FastifyError): ProblemError {
  const where = LOCATIONS[error.validationContext ?? 'body'] ?? 'body'
  const errors: (FieldError & { in: string })[] = (error.validation ?? []).flatMap((issue) => {
    const pointer = issue.instancePath === '/' ? '' : issue.instancePath
    const keys = (issue.params as { keys?: unknown }).keys
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      return keys.map((k) => ({
        in: where,
        pointer: `${pointer}/${String(k)}`,
        detail: 'unknown or server-owned field: remove it',
      }))
    }
    return [{ in: where, pointer, detail: issue.message ?? 'invalid' }]
  })
  const summary = errors.map((e) => `${e.in} ${e.pointer || '(root)'}: ${e.detail}`).join('; ')
  return new ProblemError(400, 'validation-failed', 'Your request is not valid', summary, { errors })
}

/** Maps everything thrown inside a route to problem+json, in the order STYLE.md describes. */
export function toProblem(error: FastifyError): ProblemError {
  if (error instanceof ProblemError) return error
  if (hasZodFastifySchemaValidationErrors(error)) return validationProblem(error)
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new ProblemError(413, 'payload-too-large', 'Payload Too Large', error.message)
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new ProblemError(415, 'unsupported-media-type', 'Unsupported Media Type', error.message)
  }
  if (error.code === 'FST_ERR_HANDLER_TIMEOUT') {
    return new ServiceUnavailableError('The request took too long to handle; retry shortly')
  }
  if (isDatabaseUnavailable(error)) {
    return new ServiceUnavailableError('The database is unavailable; retry shortly')
  }
  const pgCode = postgresErrorCode(error)
  if (pgCode === '23505')
    return new ProblemError(409, 'conflict', 'Conflict', 'A conflicting resource exists')
  if (pgCode === '23503') {
    return new ProblemError(
      422,
      'reference-invalid',
      'Unprocessable request',
      'A referenced resource does not exist',
    )
  }
  if (pgCode === '57014') {
    return new ServiceUnavailableError('The database took too long to answer; retry shortly')
  }
  const status = error.statusCode
  if (status && status >= 400 && status < 500) {
    return new ProblemError(status, 'bad-request', 'Bad Request', error.message)
  }
  return new ProblemError(500, 'internal', 'Internal Server Error', 'Something went wrong on our side')
}

export function registerErrorHandling(
  app: FastifyInstance,
  allowedMethods: (path: string) => string[] = () => [],
) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error)
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed')
    else request.log.info({ problem: problem.slug, status: problem.status }, problem.message)
    return sendProblem(reply, request, problem)
  })
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url
    const allowed = allowedMethods(path)
    // A route that answers this method but found nothing (a missing asset, say) is a 404, not a 405.
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      reply.header('allow', allowed.join(', '))
      if (request.method === 'OPTIONS') return reply.code(204).send()
      return sendProblem(
        reply,
        request,
        new ProblemError(
          405,
          'method-not-allowed',
          'Method Not Allowed',
          `${path} answers to ${allowed.join(', ')}`,
        ),
      )
    }
    return sendProblem(
      reply,
      request,
      new ProblemError(404, 'not-found', 'Not Found', `No route ${request.method} ${path}`),
    )
  })
}
