import { execFile, execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const BIN = '/usr/lib/postgresql/15/bin'

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/**
 * A PostgreSQL cluster of the test's own (initdb in a temp dir, own port), so it can be restarted
 * without touching the shared cluster on 5432. PostgreSQL refuses to run as root, so as root the
 * binaries run as the `postgres` user.
 */
export async function startPrivatePostgres() {
  const dir = mkdtempSync(join(tmpdir(), 'debrief-pg-'))
  chmodSync(dir, 0o777)
  const data = join(dir, 'data')
  const port = await freePort()
  const command = (cmd: string, args: string[]): [string, string[]] =>
    process.getuid?.() === 0
      ? ['runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args]]
      : [join(BIN, cmd), args]
  const asPostgres = (cmd: string, args: string[]) =>
    execFileSync(...command(cmd, args), { stdio: 'pipe' }).toString()
  asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'])
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`
  const pgCtl = (...args: string[]) =>
    asPostgres('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), ...args])
  pgCtl('-w', 'start')
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    /**
     * `pg_ctl restart -m <mode>`, run asynchronously so the app keeps serving meanwhile; resolves with the
     * moment PostgreSQL accepts connections again (pg_ctl -w waits for that).
     */
    async restart(mode: 'fast' | 'immediate'): Promise<number> {
      const args = ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-m', mode, 'restart']
      const [file, argv] = command('pg_ctl', args)
      await promisify(execFile)(file, argv)
      return Date.now()
    },
    stop() {
      try {
        pgCtl('-w', '-m', 'immediate', 'stop')
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
