import { resolve } from 'node:path'
import { z } from 'zod'

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
    .refine((v) => v === undefined || v.length >= 16, 'must be at least 16 characters'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  LOG_LEVEL: LogLevel.default('info'),
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
  })
}
