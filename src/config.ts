import { resolve } from 'node:path'
import { z } from 'zod'
import { parseEgressAllow } from './egress/allow-list.ts'
import { parseSecretKey } from './shared/secrets.ts'

const isSecretKey = (value: string) => {
  try {
    parseSecretKey(value)
    return true
  } catch {
    return false
  }
}

const ms = (fallback: number) => z.coerce.number().int().min(1).max(3_600_000).default(fallback)

// Tokens copied from examples or left as placeholders (`change-me…`, `<your token>`, `xxxx…`) must
// not open the admin API: refusing them at start is cheaper than discovering them in an audit.
const PLACEHOLDER_TOKEN =
  /change-?me|replace-?me|your[-_ ]?(admin[-_ ]?)?token|placeholder|example|^<.*>$|^(.)\2+$/i
const isPlaceholderToken = (value: string) => PLACEHOLDER_TOKEN.test(value) || new Set(value).size < 6

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])

/** The environment Debrief reads, parsed once at start. Unknown variables are ignored. */
const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// URL'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DEBRIEF_DATA_DIR: z.string().default('./data'),
  DEBRIEF_ADMIN_TOKEN: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || v.length >= 16, 'must be at least 16 characters')
    .refine(
      (v) => v === undefined || v.length < 16 || !isPlaceholderToken(v),
      'looks like a placeholder; use a long random value (e.g. `openssl rand -base64 32`)',
    ),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  LOG_LEVEL: LogLevel.default('info'),
  DEBRIEF_SECRET_KEY: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || isSecretKey(v), 'must be 32 bytes, as 64 hex characters or base64'),
  DEBRIEF_EGRESS_ALLOW: z
    .string()
    .default('')
    .transform((value, ctx) => {
      try {
        return parseEgressAllow(value)
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message })
        return z.NEVER
      }
    }),
  DEBRIEF_PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .transform((v) => v?.replace(/\/+$/, '')),
  DEBRIEF_WORKERS: z.enum(['true', 'false']).default('true'),
  // The timeout ladder (README "Limits"): each rung is shorter than the one after it.
  DATABASE_STATEMENT_TIMEOUT_MS: ms(5_000),
  DATABASE_QUERY_TIMEOUT_MS: ms(6_000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: ms(10_000),
  HTTP_HANDLER_TIMEOUT_MS: ms(7_000),
  HTTP_HEADERS_TIMEOUT_MS: ms(10_000),
  HTTP_REQUEST_TIMEOUT_MS: ms(15_000),
  HTTP_CONNECTION_TIMEOUT_MS: ms(60_000),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).default(1_000),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  LOAD_SHED_EVENT_LOOP_DELAY_MS: ms(1_000),
  LOAD_SHED_POOL_WAITING: z.coerce.number().int().min(1).default(50),
  IDEMPOTENCY_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(24),
})

export type Config = Readonly<{
  databaseUrl: string | undefined
  host: string
  port: number
  dataDir: string
  adminToken: string | undefined
  poolSize: number
  bodyLimit: number
  logLevel: z.infer<typeof LogLevel>
  /** Key for credentials at rest (base64/hex, 32 bytes); unset: generated into dataDir/secret.key. */
  secretKey: string | undefined
  /** Hosts / IPs / CIDRs outgoing calls may reach although private or loopback. */
  egressAllow: string[]
  /** Base URL of this service, for links in webhook payloads. */
  publicUrl: string | undefined
  /** Whether this instance performs deliveries (all instances may; the queue shares the work). */
  workers: boolean
  limits: Limits
}>

/** Timeouts (milliseconds) and abuse limits; see README "Limits" for the ladder they form. */
export type Limits = Readonly<{
  /** PostgreSQL cancels a statement running longer (SQLSTATE 57014 → 503). */
  statementTimeoutMs: number
  /** The client gives up on a query whose answer never arrives (a dead network, not a slow query). */
  queryTimeoutMs: number
  /** PostgreSQL ends a session left idle inside a transaction. */
  idleInTransactionTimeoutMs: number
  /** Fastify answers 503 when a handler has not replied by then. */
  handlerTimeoutMs: number
  /** Node answers 408 when a client has not sent all headers by then… */
  headersTimeoutMs: number
  /** …or the whole request. */
  requestTimeoutMs: number
  /** Node closes a connection idle for this long. */
  connectionTimeoutMs: number
  maxConnections: number
  /** Requests per minute per API key (or admin token), per instance. */
  ratePerMinute: number
  /** Requests with a bad or revoked token per minute per client IP, per instance. */
  authFailuresPerMinute: number
  /** Load shedding: 503 when the event loop lags more than this… */
  shedEventLoopDelayMs: number
  /** …or more than this many requests wait for a database connection. */
  shedPoolWaiting: number
  /** How long an Idempotency-Key is remembered. */
  idempotencyTtlMs: number
}>

/** The database rungs of the ladder, as openDatabase takes them. */
export const databaseTimeouts = (limits: Limits) => ({
  statementMs: limits.statementTimeoutMs,
  queryMs: limits.queryTimeoutMs,
  idleInTransactionMs: limits.idleInTransactionTimeoutMs,
})

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Parses the environment into a frozen Config; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  const ladder = [
    ['DATABASE_STATEMENT_TIMEOUT_MS', e.DATABASE_STATEMENT_TIMEOUT_MS],
    ['DATABASE_QUERY_TIMEOUT_MS', e.DATABASE_QUERY_TIMEOUT_MS],
    ['HTTP_HANDLER_TIMEOUT_MS', e.HTTP_HANDLER_TIMEOUT_MS],
    ['HTTP_REQUEST_TIMEOUT_MS', e.HTTP_REQUEST_TIMEOUT_MS],
    ['HTTP_CONNECTION_TIMEOUT_MS', e.HTTP_CONNECTION_TIMEOUT_MS],
  ] as const
  for (let i = 1; i < ladder.length; i++) {
    const [lower, a] = ladder[i - 1]!
    const [upper, b] = ladder[i]!
    if (a >= b)
      throw new ConfigError(`Invalid configuration:\n  ${lower} (${a}) must be less than ${upper} (${b})`)
  }
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError(
      `Invalid configuration:\n  HTTP_HEADERS_TIMEOUT_MS (${e.HTTP_HEADERS_TIMEOUT_MS}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${e.HTTP_REQUEST_TIMEOUT_MS})`,
    )
  }
  return Object.freeze({
    databaseUrl: e.DATABASE_URL,
    host: e.HOST,
    port: e.PORT,
    dataDir: resolve(e.DEBRIEF_DATA_DIR),
    adminToken: e.DEBRIEF_ADMIN_TOKEN,
    poolSize: e.DATABASE_POOL_SIZE,
    bodyLimit: e.BODY_LIMIT_BYTES,
    logLevel: e.LOG_LEVEL,
    secretKey: e.DEBRIEF_SECRET_KEY,
    egressAllow: e.DEBRIEF_EGRESS_ALLOW,
    publicUrl: e.DEBRIEF_PUBLIC_URL,
    workers: e.DEBRIEF_WORKERS === 'true',
    limits: Object.freeze({
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
      queryTimeoutMs: e.DATABASE_QUERY_TIMEOUT_MS,
      idleInTransactionTimeoutMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      handlerTimeoutMs: e.HTTP_HANDLER_TIMEOUT_MS,
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      connectionTimeoutMs: e.HTTP_CONNECTION_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
      ratePerMinute: e.RATE_LIMIT_PER_MINUTE,
      authFailuresPerMinute: e.AUTH_FAILURES_PER_MINUTE,
      shedEventLoopDelayMs: e.LOAD_SHED_EVENT_LOOP_DELAY_MS,
      shedPoolWaiting: e.LOAD_SHED_POOL_WAITING,
      idempotencyTtlMs: e.IDEMPOTENCY_TTL_HOURS * 3_600_000,
    }),
  })
}
