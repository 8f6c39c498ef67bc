import { randomUUID } from 'node:crypto'
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { PROBLEM_BASE, ProblemError, ServiceUnavailableError } from '../shared/errors.ts'
import { sendProblem } from './error-handler.ts'

/**
 * Errors raised by Fastify and Node before a route runs (bad URL encoding, over-long path parameters,
 * oversized headers, slow clients, shutdown) answer problem+json like everything else, instead of the
 * frameworks' own plain-JSON bodies.
 */

/** How long a client should wait before retrying against an instance that is shutting down. */
const SHUTDOWN_RETRY_AFTER_S = 2

function frameworkProblem(error: FastifyError): ProblemError {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return new ProblemError(
        400,
        'bad-request',
        'Bad Request',
        'The URL is not valid: a percent-encoded sequence does not decode to UTF-8',
      )
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new ProblemError(414, 'uri-too-long', 'URI Too Long', 'A path parameter is longer than allowed')
    default:
      return new ProblemError(400, 'bad-request', 'Bad Request', error.message)
  }
}

const CLIENT_ERRORS: Record<string, [status: number, slug: string, detail: string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request-timeout', 'The request was not received in time'],
  HPE_HEADER_OVERFLOW: [431, 'headers-too-large', 'The request headers are larger than allowed'],
}

/** Node's clientError: there is no request object yet, so the problem is written to the socket. */
function clientErrorHandler(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const [status, slug, detail] = CLIENT_ERRORS[error.code ?? ''] ?? [
    400,
    'bad-request',
    'The request is not valid HTTP',
  ]
  const title = STATUS_CODES[status] ?? 'Bad Request'
  const body = JSON.stringify({
    type: `${PROBLEM_BASE}${slug}`,
    title,
    status,
    detail,
    requestId: randomUUID(),
  })
  this.log.debug({ err: error }, 'client error')
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    )
  }
  socket.destroy(error)
}

/** Options for the Fastify constructor; pair with registerShutdownRefusal. */
export const frameworkErrorOptions = {
  frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    // No route matched, so the app's onSend hooks do not run for this reply.
    reply.header('x-request-id', request.id)
    sendProblem(reply, request, frameworkProblem(error))
  },
  clientErrorHandler,
  // Fastify's own 503 during close is plain JSON without Retry-After; registerShutdownRefusal answers instead.
  return503OnClosing: false,
}

/** From the moment close() begins, new requests get 503 + Retry-After and `Connection: close`. */
export function registerShutdownRefusal(app: FastifyInstance) {
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return
    reply.header('connection', 'close')
    throw new ServiceUnavailableError('This instance is shutting down; retry', SHUTDOWN_RETRY_AFTER_S)
  })
}
