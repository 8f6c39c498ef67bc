import type { ProblemSlug } from './problem-types.ts'

/**
 * Domain errors, shaped as RFC 9457 problems: each class carries its HTTP status and a catalogued slug
 * (see problem-types.ts) that becomes the problem `type`. Services throw them; src/http/error-handler.ts only renders them.
 */
export const PROBLEM_BASE = '/problems/'

export type FieldError = { pointer: string; detail: string }

export class ProblemError extends Error {
  readonly status: number
  readonly slug: ProblemSlug
  readonly title: string
  readonly extra: Record<string, unknown>
  readonly headers: Record<string, string>

  constructor(
    status: number,
    slug: ProblemSlug,
    title: string,
    detail: string,
    extra: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(detail)
    this.status = status
    this.slug = slug
    this.title = title
    this.extra = extra
    this.headers = headers
  }
}

export class NotFoundError extends ProblemError {
  constructor(what: string) {
    super(404, 'not-found', 'Not Found', `${what} does not exist`)
  }
}

export class ValidationError extends ProblemError {
  constructor(detail: string, errors: FieldError[]) {
    super(400, 'validation-failed', 'Your request is not valid', detail, { errors })
  }
}

export class UnauthorizedError extends ProblemError {
  constructor(detail: string) {
    super(401, 'unauthorized', 'Unauthorized', detail, {}, { 'www-authenticate': 'Bearer' })
  }
}

export class ForbiddenError extends ProblemError {
  constructor(detail: string) {
    super(403, 'forbidden', 'Forbidden', detail)
  }
}

export class PreconditionRequiredError extends ProblemError {
  constructor() {
    super(
      428,
      'precondition-required',
      'If-Match required',
      'This request changes a resource: send If-Match with the ETag you last read, so that nobody else’s change is overwritten',
    )
  }
}

export class PreconditionFailedError extends ProblemError {
  constructor(currentEtag: string) {
    super(
      412,
      'precondition-failed',
      'Stale version',
      'The resource changed since you read it: fetch it again, re-apply your change and retry with the new ETag',
      { currentEtag },
    )
  }
}

export class ConflictError extends ProblemError {
  constructor(slug: ProblemSlug, detail: string, extra: Record<string, unknown> = {}) {
    super(409, slug, 'Conflict', detail, extra)
  }
}

export class UnprocessableError extends ProblemError {
  constructor(slug: ProblemSlug, detail: string, extra: Record<string, unknown> = {}) {
    super(422, slug, 'Unprocessable request', detail, extra)
  }
}

export class ServiceUnavailableError extends ProblemError {
  constructor(detail: string, retryAfterSeconds = 5) {
    super(
      503,
      'service-unavailable',
      'Service Unavailable',
      detail,
      {},
      { 'retry-after': String(retryAfterSeconds) },
    )
  }
}
