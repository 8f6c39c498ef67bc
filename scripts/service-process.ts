// Starts Debrief as a child process the way an operator would and waits until /readyz answers;
// shared by the image-layout test, the README walk-through test and the startup benchmark.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import net from 'node:net'

export type ServiceProcess = {
  url: string
  child: ChildProcess
  /** Everything written to stdout and stderr so far. */
  output(): string
  /** SIGTERM, then waits for the exit (SIGKILL after 10 s). */
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as net.AddressInfo
  server.close()
  return port
}

export async function startService(options: {
  cwd: string
  command: readonly string[]
  env?: Record<string, string | undefined>
  timeoutMs?: number
}): Promise<ServiceProcess> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const [file, ...args] = options.command
  if (!file) throw new Error('empty command')
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: { ...process.env, LOG_LEVEL: 'warn', ...options.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const exited = once(child, 'exit')
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.kill('SIGTERM')
    await exited
    clearTimeout(kill)
  }
  const deadline = Date.now() + (options.timeoutMs ?? 120_000)
  while (true) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}:\n${output}`)
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ready) return { url, child, output: () => output, stop }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`service not ready after ${options.timeoutMs ?? 120_000} ms:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
