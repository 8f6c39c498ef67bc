import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AllowList } from '../../../src/egress/allow-list.ts'
import { createGuardedConnector } from '../../../src/egress/connector.ts'
import { EgressBlockedError } from '../../../src/egress/errors.ts'
import { startTcpServer, type TestHttpServer } from './servers.ts'

let server: TestHttpServer
let bytesReceived = 0
beforeAll(async () => {
  server = await startTcpServer((socket) => {
    socket.on('data', (chunk: Buffer) => {
      bytesReceived += chunk.length
    })
  })
})
afterAll(async () => {
  await server.close()
})

function connect(allow: AllowList, hostname: string): Promise<unknown> {
  const connector = createGuardedConnector({
    allow,
    resolver: async () => [{ address: '127.0.0.1', family: 4 }],
    connectTimeoutMs: 1_000,
  })
  return new Promise((resolve) => {
    connector({ hostname, protocol: 'http:', port: String(server.port) }, (error, socket) => {
      socket?.destroy()
      resolve(error ?? socket)
    })
  })
}

describe('guarded connector', () => {
  it('checks the peer address after connecting, before any request byte is written', async () => {
    // An allow list that lets the pre-connect check pass and refuses afterwards stands in for a
    // lookup path the pre-connect checks did not anticipate.
    let calls = 0
    const flaky: AllowList = {
      allowsHost: () => false,
      refusal: () => (calls++ === 0 ? null : 'loopback'),
    }
    const error = await connect(flaky, '127.0.0.1')
    expect(error).toBeInstanceOf(EgressBlockedError)
    expect((error as EgressBlockedError).address).toBe('127.0.0.1')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(bytesReceived).toBe(0)
  })

  it('skips address checks for a host the operator allows by name', async () => {
    const byName: AllowList = { allowsHost: (h) => h === 'wiki.internal', refusal: () => 'loopback' }
    const socket = await connect(byName, 'wiki.internal')
    expect(socket).not.toBeInstanceOf(Error)
    await expect(connect(byName, 'other.internal')).resolves.toBeInstanceOf(EgressBlockedError)
  })
})
