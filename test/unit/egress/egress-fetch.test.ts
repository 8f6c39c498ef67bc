import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  createEgressFetch,
  EgressBlockedError,
  EgressResponseTooLargeError,
} from '../../../src/egress/index.ts'
import { DeliveryError } from '../../../src/shared/outgoing-http.ts'
import {
  type Canaries,
  startCanaries,
  startHttpServer,
  startTcpServer,
  type TestHttpServer,
} from './servers.ts'

let canaries: Canaries
beforeAll(async () => {
  canaries = await startCanaries()
})
afterAll(async () => {
  await canaries.close()
})

const servers: TestHttpServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})
async function track(server: Promise<TestHttpServer>): Promise<TestHttpServer> {
  const started = await server
  servers.push(started)
  return started
}

describe('egress client without an allow list', () => {
  // Names resolve through an injected resolver, so a "public-looking" name can point at loopback
  // without any real DNS; a name missing here is unresolvable.
  const names: Record<string, Array<{ address: string; family: number }>> = {
    'rebind.example': [{ address: '127.0.0.1', family: 4 }],
    'rebind6.example': [{ address: '::1', family: 6 }],
    'mapped.example': [{ address: '::ffff:127.0.0.1', family: 6 }],
  }
  const egress = createEgressFetch({
    allow: [],
    resolver: async (hostname) => names[hostname] ?? [],
  })
  const system = createEgressFetch({ allow: [] })

  const targets = (port: number) => [
    `http://127.0.0.1:${port}/`,
    `http://127.0.0.2:${port}/`,
    `http://[::1]:${port}/`,
    `http://2130706433:${port}/`,
    `http://0x7f.1:${port}/`,
    `http://0x7f000001:${port}/`,
    `http://0177.0.0.1:${port}/`,
    `http://127.1:${port}/`,
    `http://[::ffff:127.0.0.1]:${port}/`,
    `http://[::ffff:7f00:1]:${port}/`,
    `http://[0:0:0:0:0:0:0:1]:${port}/`,
    `http://0.0.0.0:${port}/`, // Linux delivers 0.0.0.0 to the local host
    `http://0:${port}/`,
    `http://[::]:${port}/`,
    `https://127.0.0.1:${port}/`,
    `http://rebind.example:${port}/`,
    `http://rebind6.example:${port}/`,
    `http://mapped.example:${port}/`,
  ]

  it('never connects to loopback, whatever the notation', async () => {
    for (const url of targets(canaries.port)) {
      await expect(egress(url), url).rejects.toBeInstanceOf(EgressBlockedError)
    }
    expect(canaries.connections()).toBe(0)
  })

  it('refuses localhost through the system resolver', async () => {
    const error = await system(`http://localhost:${canaries.port}/`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EgressBlockedError)
    expect((error as EgressBlockedError).retryable).toBe(false)
    expect((error as EgressBlockedError).message).toMatch(/localhost \((127\.0\.0\.1|::1)\) \(loopback\)/)
    expect(canaries.connections()).toBe(0)
  })
})

describe('egress client with allow: [127.0.0.1]', () => {
  const egress = createEgressFetch({ allow: ['127.0.0.1'], totalTimeoutMs: 1_000, maxResponseBytes: 1024 })

  it('reaches an allowed local server and returns a standard Response', async () => {
    const server = await track(
      startHttpServer((req, res) => {
        res.setHeader('content-type', 'application/json')
        res.end(JSON.stringify({ method: req.method, path: req.url }))
      }),
    )
    const response = await egress(`${server.url}/hello`, { method: 'POST', body: '{}' })
    expect(response).toBeInstanceOf(Response)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ method: 'POST', path: '/hello' })
  })

  it('still refuses loopback addresses that are not allowed', async () => {
    await expect(egress(`http://[::1]:${canaries.port}/`)).rejects.toBeInstanceOf(EgressBlockedError)
    await expect(egress(`http://127.0.0.2:${canaries.port}/`)).rejects.toBeInstanceOf(EgressBlockedError)
    expect(canaries.connections()).toBe(0)
  })

  it('returns a redirect as-is and never follows it', async () => {
    for (const status of [301, 302, 303, 307, 308]) {
      const server = await track(
        startHttpServer((_req, res) => {
          res.writeHead(status, { location: `http://127.0.0.1:${canaries.port}/stolen` }).end()
        }),
      )
      const response = await egress(server.url, { method: 'POST', body: 'x', redirect: 'follow' })
      expect(response.status).toBe(status)
      expect(response.headers.get('location')).toBe(`http://127.0.0.1:${canaries.port}/stolen`)
    }
    expect(canaries.connections()).toBe(0)
  })

  it('gives up on a server that never answers after the total timeout (retryable)', async () => {
    const server = await track(startTcpServer(() => {}))
    const started = Date.now()
    const error = await egress(server.url).catch((e: unknown) => e)
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(error).toBeInstanceOf(DeliveryError)
    expect((error as DeliveryError).retryable).toBe(true)
    expect((error as DeliveryError).message).toMatch(/within 1000 ms/)
  })

  it('times out a body that stalls after the headers', async () => {
    const server = await track(
      startHttpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' })
        res.write('partial')
      }),
    )
    const response = await egress(server.url)
    const error = await response.text().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeliveryError)
    expect((error as DeliveryError).retryable).toBe(true)
  })

  it('cuts off a streamed body larger than the cap and closes the connection', async () => {
    let closed = false
    const server = await track(
      startHttpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' })
        const timer = setInterval(() => res.write('x'.repeat(256)), 5)
        res.on('close', () => {
          closed = true
          clearInterval(timer)
        })
      }),
    )
    const response = await egress(server.url)
    const error = await response.text().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EgressResponseTooLargeError)
    expect((error as Error).message).toMatch(/1024-byte limit/)
    await expect.poll(() => closed).toBe(true)
  })

  it('refuses a declared Content-Length over the cap before reading', async () => {
    const server = await track(
      startHttpServer((_req, res) => {
        res.writeHead(200, { 'content-length': '4096' }).end('y'.repeat(4096))
      }),
    )
    await expect(egress(server.url)).rejects.toBeInstanceOf(EgressResponseTooLargeError)
  })

  it('reports a connection reset as a retryable DeliveryError', async () => {
    const server = await track(
      startTcpServer((socket) => socket.once('data', () => socket.resetAndDestroy())),
    )
    const error = await egress(server.url).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeliveryError)
    expect(error).not.toBeInstanceOf(EgressBlockedError)
    expect((error as DeliveryError).retryable).toBe(true)
  })

  it('reports a refused connection as retryable', async () => {
    const server = await startHttpServer(() => {})
    const { url } = server
    await server.close()
    const error = await egress(url).catch((e: unknown) => e)
    expect((error as DeliveryError).retryable).toBe(true)
    expect((error as Error).message).toMatch(/ECONNREFUSED/)
  })

  it("passes the caller's own abort through unchanged", async () => {
    const server = await track(startTcpServer(() => {}))
    const controller = new AbortController()
    const reason = new Error('shutting down')
    setTimeout(() => controller.abort(reason), 20)
    await expect(egress(server.url, { signal: controller.signal })).rejects.toBe(reason)
  })
})

describe('canary positive control (runs last)', () => {
  it('counts a connection when the client is allowed to reach it', async () => {
    const egress = createEgressFetch({ allow: ['127.0.0.1'] })
    await expect(egress(`http://127.0.0.1:${canaries.port}/`)).rejects.toBeInstanceOf(DeliveryError)
    expect(canaries.connections()).toBe(1)
  })
})
