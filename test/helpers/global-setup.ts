import { randomBytes } from 'node:crypto'
import net from 'node:net'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../../src/db/client.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Server URL (any database) used to create per-file databases from the template. */
    pgAdminUrl: string
    templateDb: string
  }
}

const LOCAL = 'postgres://postgres@127.0.0.1:5432/postgres'

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1000 })
    socket.once('connect', () => resolve(socket.end() && true))
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => resolve(socket.destroy() && false))
  })
}

/** DATABASE_URL, else a PostgreSQL on 127.0.0.1:5432, else testcontainers when Docker answers. */
async function findPostgres(): Promise<{ url: string; stop?: () => Promise<unknown> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL }
  if (await reachable('127.0.0.1', 5432)) return { url: LOCAL }
  try {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql')
    const container = await new PostgreSqlContainer('postgres:16-alpine').start()
    return { url: container.getConnectionUri(), stop: () => container.stop() }
  } catch (error) {
    throw new Error(
      'Integration tests need PostgreSQL 14+. Set DATABASE_URL=postgres://user@host:5432/db, ' +
        'run one on 127.0.0.1:5432, or start Docker so testcontainers can. ' +
        `(testcontainers said: ${(error as Error).message})`,
    )
  }
}

/** Migrates one template database; each test file clones it (CREATE DATABASE … TEMPLATE). */
export default async function setup(project: TestProject) {
  const { url, stop } = await findPostgres()
  const template = `debrief_tpl_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database ${template}`)
  const templateUrl = new URL(url)
  templateUrl.pathname = `/${template}`
  const database = await openDatabase({ url: templateUrl.toString(), poolSize: 1 })
  await database.migrate()
  await database.close()
  project.provide('pgAdminUrl', url)
  project.provide('templateDb', template)
  return async () => {
    await admin.query(`drop database if exists ${template} with (force)`)
    await admin.end()
    await stop?.()
  }
}
