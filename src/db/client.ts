import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import type { ExtractTablesWithRelations } from 'drizzle-orm'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import pg from 'pg'
import * as schema from './schema/index.ts'

export type Schema = typeof schema
/** The drizzle handle both drivers share; repositories only ever see this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>
/** Anything a repository can run a query on: the database or an open transaction. */
export type Executor = Db | Tx

export type Database = {
  db: Db
  kind: 'postgres' | 'pglite'
  /** The driver underneath, for libraries that bring their own SQL (pg-boss). */
  raw: { kind: 'postgres'; url: string } | { kind: 'pglite'; client: PGlite }
  /** Applies pending migrations from drizzle/ (serialised across instances on PostgreSQL). */
  migrate(): Promise<void>
  /** Throws when the database cannot answer a trivial query. */
  ping(): Promise<void>
  /** Requests waiting for a pooled connection right now (load shedding reads it; PGlite: 0). */
  waiting(): number
  close(): Promise<void>
}

const MIGRATIONS = new URL('../../drizzle', import.meta.url).pathname
// Any constant works; it only has to be the same in every instance of Debrief.
const MIGRATION_LOCK_KEY = 0x64627266 // "dbrf"

/** The database rungs of the timeout ladder (README "Limits"), in milliseconds. */
export type DatabaseTimeouts = { statementMs: number; queryMs: number; idleInTransactionMs: number }

export type OpenDatabaseOptions =
  | { url: string; poolSize?: number; timeouts?: DatabaseTimeouts }
  // undefined dataDir = in-memory PGlite. `seed`: a PGlite data-directory tarball (dumpDataDir) that
  // a new data directory starts from instead of running initdb, which takes half of a first start.
  | { dataDir: string | undefined; seed?: URL }

/** Opens node-postgres for a URL, otherwise an embedded PGlite (file-backed, or in memory). */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return 'url' in options
    ? openPostgres(options.url, options.poolSize ?? 10, options.timeouts)
    : openPglite(options.dataDir, options.seed)
}

function openPostgres(url: string, poolSize: number, timeouts: DatabaseTimeouts | undefined): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    // statement_timeout: PostgreSQL cancels a slow statement (57014 → 503). query_timeout: the client
    // stops waiting for an answer that will never come (a dead network). idle_in_transaction: a session
    // that stopped talking inside a transaction does not hold its locks forever.
    ...(timeouts && {
      statement_timeout: timeouts.statementMs,
      query_timeout: timeouts.queryMs,
      idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    }),
  })
  // A client losing its connection (PostgreSQL restart, 57P01) emits 'error'. pg-pool listens only
  // while the client is idle and detaches its listener on checkout, so a client held by a transaction
  // would crash the process with an unhandled 'error' event. Every client gets a listener of its own
  // for its whole life: the statement in flight still rejects (→ 503), and pg-pool discards the broken
  // client on release because it is no longer queryable.
  pool.on('connect', (client) => client.on('error', () => {}))
  pool.on('error', () => {})
  const db = drizzlePg(pool, { schema, casing: 'snake_case' }) as unknown as Db
  return {
    db,
    kind: 'postgres',
    raw: { kind: 'postgres', url },
    async migrate() {
      const client = await pool.connect()
      try {
        // A migration may legitimately run longer than a request's statement_timeout.
        await client.query('set statement_timeout = 0')
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
        await migratePg(drizzlePg(client, { schema, casing: 'snake_case' }), { migrationsFolder: MIGRATIONS })
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {})
        client.release()
      }
    },
    async ping() {
      await pool.query('select 1')
    },
    waiting: () => pool.waitingCount,
    close: () => pool.end(),
  }
}

async function openPglite(dataDir: string | undefined, seed: URL | undefined): Promise<Database> {
  let path: string | undefined
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true })
    path = join(dataDir, 'pglite')
  }
  const fresh = !path || !existsSync(join(path, 'PG_VERSION'))
  const loadDataDir = fresh && seed && existsSync(seed) ? new Blob([readFileSync(seed)]) : undefined
  const client = await PGlite.create(path, {
    extensions: { pg_trgm },
    ...(loadDataDir ? { loadDataDir } : {}),
  })
  const db = drizzlePglite(client, { schema, casing: 'snake_case' })
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    raw: { kind: 'pglite', client },
    // PGlite has a single connection inside this process, so no lock is needed.
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS }),
    async ping() {
      await client.query('select 1')
    },
    waiting: () => 0,
    close: () => client.close(),
  }
}
