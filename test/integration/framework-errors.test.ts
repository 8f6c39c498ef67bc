import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { openDatabase } from '../../src/db/client.ts'
import { createTestDatabase, type Res, setupApp, testConfig } from '../helpers/app.ts'
import { expectProblem } from '../helpers/problems.ts'

const t = await setupApp()

/** Sends raw bytes over TCP and returns the parsed response (status, headers, JSON body). */
function rawHttp(port: number, request: string): Promise<Res> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let data = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk) => {
      data += chunk
    })
    socket.on('error', () => {}) // the server destroys the socket after answering
    socket.on('close', () => {
      const [head = '', text = ''] = data.split('\r\n\r\n')
      const [statusLine = '', ...lines] = head.split('\r\n')
      const headers: Record<string, string> = {}
      for (const line of lines) {
        const i = line.indexOf(':')
        headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim()
      }
      const status = Number(statusLine.split(' ')[1])
      if (!status) return reject(new Error(`no response: ${JSON.stringify(data)}`))
      resolve({ status, headers, body: JSON.parse(text), text })
    })
    socket.write(request)
  })
}

/** A problem written by the client-error path carries no x-request-id header, only the body's requestId. */
function expectRawProblem(res: Res, status: number, slug: string) {
  expect(res.status, res.text).toBe(status)
  expect(res.headers['content-type']).toBe('application/problem+json')
  expect(res.body).toMatchObject({ type: `/problems/${slug}`, status, detail: expect.any(String) })
}

describe('framework-level errors answer problem+json', () => {
  it('bad percent-encoding in the URL → 400', async () => {
    const team = await t.team()
    expectProblem(await team.call('GET', '/v1/reviews/%E0%A4%A'), 400, 'bad-request')
  })

  it('a path parameter over the length limit → 414', async () => {
    const team = await t.team()
    expectProblem(await team.call('GET', `/v1/reviews/${'a'.repeat(500)}`), 414, 'uri-too-long')
  })

  it('headers over the size limit → 431, and garbage that is not HTTP → 400', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 })
    const { port } = t.app.server.address() as { port: number }
    const big = await rawHttp(port, `GET /livez HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`)
    expectRawProblem(big, 431, 'headers-too-large')
    expectRawProblem(await rawHttp(port, 'NOT HTTP AT ALL\r\n\r\n'), 400, 'bad-request')
  })

  it('a client that does not finish its headers in time → 408', async () => {
    const { url, drop } = await createTestDatabase()
    const database = await openDatabase({ url, poolSize: 2 })
    const app = await buildApp({ config: testConfig({ HTTP_HEADERS_TIMEOUT_MS: '500' }), database })
    try {
      await app.listen({ host: '127.0.0.1', port: 0 })
      const { port } = app.server.address() as { port: number }
      // Headers never end: the server must give up and say so, not hold the connection open.
      expectRawProblem(await rawHttp(port, 'GET /livez HTTP/1.1\r\nHost: x\r\n'), 408, 'request-timeout')
    } finally {
      await app.close()
      await database.close()
      await drop()
    }
  })

  it('requests arriving while the instance shuts down → 503 with Retry-After', async () => {
    const { url, drop } = await createTestDatabase()
    const database = await openDatabase({ url, poolSize: 2 })
    const app = await buildApp({ config: testConfig(), database })
    let release!: () => void
    let entered!: () => void
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const closing = new Promise<void>((resolve) => {
      entered = resolve
    })
    // A preClose hook that waits keeps the instance closing, but still listening, while we call it.
    app.addHook('preClose', () => {
      entered()
      return held
    })
    await app.listen({ host: '127.0.0.1', port: 0 })
    const { port } = app.server.address() as { port: number }
    const closed = app.close()
    await closing
    const res = await fetch(`http://127.0.0.1:${port}/livez`)
    release()
    await closed
    await database.close()
    await drop()
    const headers = Object.fromEntries(res.headers)
    const parsed = { status: res.status, headers, body: await res.json(), text: '' }
    expectProblem(parsed, 503, 'service-unavailable')
    expect(headers['retry-after']).toMatch(/^\d+$/)
    expect(headers.connection).toBe('close')
  })
})
