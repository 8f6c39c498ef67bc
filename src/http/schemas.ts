import { z } from 'zod'

/** Shared request/response pieces; every body schema is strict so unknown fields are refused. */
export const IdParams = z.strictObject({ id: z.uuid() })
export const ReviewPartParams = z.strictObject({ id: z.uuid(), partId: z.uuid() })

// Value schemas have their home in shared/ (domain code uses them too); routes get every piece here.
export { DateOnly, HttpUrl, Timestamp, text } from '../shared/schemas.ts'

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ in: z.string().optional(), pointer: z.string(), detail: z.string() }))
      .optional()
      .describe('For validation errors: one entry per bad field, with a JSON pointer'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' })

/** An error response documented as application/problem+json. */
export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
})
const problemResponse = problem

/** Error responses every authenticated route can give, documented once. */
export const commonErrors = {
  400: problemResponse('Validation failed; `errors` points at each bad field'),
  401: problemResponse('Missing or invalid bearer token'),
  403: problemResponse('The key lacks the scope this call needs'),
  429: problemResponse(
    'Over the per-key rate limit, or too many bad credentials from this address; retry after Retry-After seconds',
  ),
  503: problemResponse(
    'The database is unavailable, the instance is overloaded or shutting down; retry after Retry-After seconds',
  ),
} as const

export const notFound = { 404: problemResponse('No such resource in your team') } as const
export const preconditionErrors = {
  412: problemResponse('If-Match does not match the current ETag'),
  428: problemResponse('If-Match is required'),
} as const

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .optional()
    .describe('Retries with the same key and body replay the first response and create nothing new'),
})
export const IfMatchHeaders = z.object({
  'if-match': z.string().optional().describe('The ETag you last read (required; 428 without it)'),
})

/** A query parameter holding one value or a comma-separated list of them, e.g. `status=draft,in_review`. */
export const csvEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(values.join(',').length + values.length * 2)
    .transform((s) => s.split(',').map((x) => x.trim()))
    .pipe(z.array(z.enum(values)).max(values.length))
    .describe(`One value or a comma-separated list of: ${values.join(', ')}`)

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` to get the next page; null on the last page'),
  })

export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
}
