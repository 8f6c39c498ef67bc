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
}>

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
  })
}
