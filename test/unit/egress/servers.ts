import { createServer as createHttpServer, type RequestListener } from 'node:http'
import { createServer as createNetServer, type Server, type Socket } from 'node:net'

/** Local test servers. They listen on loopback only: no test sends traffic anywhere else. */

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve((server.address() as { port: number }).port)
    })
  })
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()))
}

export type Canaries = {
  /** The port both canaries listen on (127.0.0.1 and ::1). */
  port: number
  /** Connections accepted so far, on either address. */
  connections(): number
  close(): Promise<void>
}

/**
 * TCP listeners on 127.0.0.1 and ::1 sharing one port that count every accepted connection; a test
 * asserting zero connections proves that no packet reached loopback, whatever URL notation was used.
 */
export async function startCanaries(): Promise<Canaries> {
  let count = 0
  const accept = (socket: Socket) => {
    count++
    socket.destroy()
  }
  for (let attempt = 0; ; attempt++) {
    const v4 = createNetServer(accept)
    const v6 = createNetServer(accept)
    const port = await listen(v4, 0, '127.0.0.1')
    try {
      await listen(v6, port, '::1')
    } catch (error) {
      await close(v4)
      if (attempt < 5) continue
      throw error
    }
    return {
      port,
      connections: () => count,
      close: async () => {
        await Promise.all([close(v4), close(v6)])
      },
    }
  }
}

export type TestHttpServer = { port: number; url: string; sockets: Set<Socket>; close(): Promise<void> }

/** An HTTP server on 127.0.0.1 with the given handler; close() also drops open connections. */
export async function startHttpServer(handler: RequestListener): Promise<TestHttpServer> {
  const server = createHttpServer(handler)
  const sockets = new Set<Socket>()
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const port = await listen(server, 0, '127.0.0.1')
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    sockets,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await close(server)
    },
  }
}

/** A raw TCP server on 127.0.0.1 for misbehaving peers (never answers, resets the connection). */
export async function startTcpServer(onSocket: (socket: Socket) => void): Promise<TestHttpServer> {
  const sockets = new Set<Socket>()
  const server = createNetServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => {})
    onSocket(socket)
  })
  const port = await listen(server, 0, '127.0.0.1')
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    sockets,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await close(server)
    },
  }
}
