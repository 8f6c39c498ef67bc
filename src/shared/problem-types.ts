/**
 * The one catalogue of RFC 9457 problem types Debrief answers with. Each `type` URI
 * (`/problems/<slug>`) resolves to a page rendered from this entry, and ProblemError only accepts
 * slugs listed here, so a new error cannot ship without its explanation.
 */
export type ProblemType = {
  title: string
  status: number
  /** What happened and what the caller should do about it (Markdown, one or two paragraphs). */
  explanation: string
}

export const PROBLEM_TYPES = {
  'validation-failed': {
    title: 'Your request is not valid',
    status: 400,
    explanation:
      'A field in the body, query string, path or a header does not match the documented schema. ' +
      '`errors` lists each bad field with `in` (body, query, path, header), a JSON `pointer` and a `detail`. ' +
      'Fix those fields and send the request again; nothing was changed.',
  },
  'bad-request': {
    title: 'Bad Request',
    status: 400,
    explanation:
      'The request could not be read at all (for example a malformed header). `detail` says what was wrong. Nothing was changed.',
  },
  unauthorized: {
    title: 'Unauthorized',
    status: 401,
    explanation:
      'No bearer token was sent, or it is not a valid, unrevoked API key or the operator admin token. ' +
      'Send `Authorization: Bearer <key>`.',
  },
  forbidden: {
    title: 'Forbidden',
    status: 403,
    explanation:
      'The token is valid but lacks what this call needs: a team key with the `read`, `write` or `admin` scope, ' +
      'or the operator admin token. `detail` names the requirement.',
  },
  'not-found': {
    title: 'Not Found',
    status: 404,
    explanation:
      'No such resource exists in your team (resources of other teams are reported the same way), or no route has this path.',
  },
  'method-not-allowed': {
    title: 'Method Not Allowed',
    status: 405,
    explanation:
      'The path exists but does not answer to this method. The `Allow` header lists the methods it does.',
  },
  conflict: {
    title: 'Conflict',
    status: 409,
    explanation:
      'A resource with the same unique value already exists. Choose another value or update the existing one.',
  },
  'invalid-transition': {
    title: 'Conflict',
    status: 409,
    explanation:
      'The review is not in a status that allows this step: only a draft can be submitted, only a review in review ' +
      'can be published. Editing a published review moves it back to draft.',
  },
  'review-published': {
    title: 'Conflict',
    status: 409,
    explanation:
      'Published reviews are kept for the record and cannot be deleted. Edit the review to start a new version instead.',
  },
  'incident-has-review': {
    title: 'Conflict',
    status: 409,
    explanation:
      'This incident (source and external id) already has a review: a team keeps one review per incident. ' +
      'The `Location` header and `reviewId` name the existing review; update it instead of creating another.',
  },
  'delivery-succeeded': {
    title: 'Conflict',
    status: 409,
    explanation: 'This delivery already reached its destination; there is nothing to retry.',
  },
  'precondition-failed': {
    title: 'Stale version',
    status: 412,
    explanation:
      'The resource changed since you read it: the `If-Match` you sent is not its current ETag (given as `currentEtag`). ' +
      'Fetch it again, re-apply your change and retry with the new ETag.',
  },
  'payload-too-large': {
    title: 'Payload Too Large',
    status: 413,
    explanation:
      'The request body is larger than this server accepts (`DEBRIEF_BODY_LIMIT`), or a text is longer than the documented limit.',
  },
  'unsupported-media-type': {
    title: 'Unsupported Media Type',
    status: 415,
    explanation: 'Request bodies must be `application/json` (UTF-8).',
  },
  'reference-invalid': {
    title: 'Unprocessable request',
    status: 422,
    explanation:
      'The request refers to a resource that does not exist (for example a timeline event id in a contributing factor).',
  },
  'idempotency-key-reused': {
    title: 'Unprocessable request',
    status: 422,
    explanation:
      'This `Idempotency-Key` was already used with a different method, path or body. Use a new key for a new request; ' +
      'retry with the same key only with the identical request.',
  },
  'publish-blocked': {
    title: 'Unprocessable request',
    status: 422,
    explanation:
      'The review is not ready to publish: `blockers` lists what is missing (unanswered questions, open blame-language ' +
      'findings, missing action items…). `GET /v1/reviews/{id}/guide` shows the same list with what to do next.',
  },
  'precondition-required': {
    title: 'If-Match required',
    status: 428,
    explanation:
      'This request changes a resource: send `If-Match` with the ETag you last read, so that nobody else’s change is overwritten.',
  },
  'request-timeout': {
    title: 'Request Timeout',
    status: 408,
    explanation:
      'The client did not send its headers (`HTTP_HEADERS_TIMEOUT_MS`) or its whole request (`HTTP_REQUEST_TIMEOUT_MS`) in time; the connection is closed. Send the request again.',
  },
  'uri-too-long': {
    title: 'URI Too Long',
    status: 414,
    explanation: 'A path parameter is longer than any Debrief id (100 characters). Check the URL.',
  },
  'too-many-requests': {
    title: 'Too Many Requests',
    status: 429,
    explanation:
      'This key went over `RATE_LIMIT_PER_MINUTE`, or this address sent too many requests with invalid credentials (`AUTH_FAILURES_PER_MINUTE`). ' +
      'Wait the number of seconds in `Retry-After`; `RateLimit` and `RateLimit-Policy` show the quota and what is left. Nothing was changed.',
  },
  'headers-too-large': {
    title: 'Request Header Fields Too Large',
    status: 431,
    explanation: 'The request headers are larger than the server accepts (16 KB). Send smaller headers.',
  },
  'service-unavailable': {
    title: 'Service Unavailable',
    status: 503,
    explanation:
      'The database is unavailable or too slow right now, the instance is overloaded (load shedding) or shutting down. Retry after the number of seconds in `Retry-After`.',
  },
  internal: {
    title: 'Internal Server Error',
    status: 500,
    explanation:
      'Something went wrong on our side. The error is logged with the `requestId` of this answer; quote it when you report it.',
  },
} as const satisfies Record<string, ProblemType>

export type ProblemSlug = keyof typeof PROBLEM_TYPES

export const isProblemSlug = (slug: string): slug is ProblemSlug => Object.hasOwn(PROBLEM_TYPES, slug)
