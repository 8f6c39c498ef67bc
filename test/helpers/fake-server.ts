import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A real HTTP server on 127.0.0.1 for the fake peers (fake-confluence.ts, fake-notion.ts): it records
 * every request and can be told to misbehave the ways real peers do, so the publishers are tested
 * against sockets and status codes rather than mocked functions.
 */

export type RecordedRequest = {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  /** Parsed JSON body (undefined when empty or not JSON). */
  body: unknown
}

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> }
export type Handler = (request: RecordedRequest) => Reply

/**
 * How to misbehave on a matching request:
 * - `status`: answer with this status instead of handling the request (nothing is stored);
 * - `hang` / `reset`: never answer / destroy the socket, before handling (nothing is stored);
 * - `hang-after` / `reset-after`: handle the request (the page IS stored), then hang / destroy the
 *   socket — the "unknown outcome" a retry must not turn into a second page.
 */
export type Fault =
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'hang' | 'reset' | 'hang-after' | 'reset-after' }

export type FaultRule = Fault & {
  method?: string
  /** Matched against the path without the query string. */
  path?: RegExp
  /** How many matching requests misbehave (default 1). */
  times?: number
}

export type FakeServer = {
  url: string
  requests: RecordedRequest[]
  inject(rule: FaultRule): void
  close(): Promise<void>
}

export async function startFakeServer(handler: Handler): Promise<FakeServer> {
  const requests: RecordedRequest[] = []
  const faults: (FaultRule & { left: number })[] = []

  const takeFault = (request: RecordedRequest): Fault | undefined => {
    const rule = faults.find(
      (f) =>
        f.left > 0 && (!f.method || f.method === request.method) && (!f.path || f.path.test(request.path)),
    )
    if (rule) rule.left--
    return rule
  }

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    const url = new URL(req.url ?? '/', 'http://fake')
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: parse(raw),
    }
    requests.push(request)

    const fault = takeFault(request)
    if (fault?.kind === 'hang') return
    if (fault?.kind === 'reset') return void req.socket.destroy()
    let reply: Reply
    if (fault?.kind === 'status') reply = fault
    else {
      try {
        reply = handler(request)
      } catch (error) {
        reply = { status: 500, body: { message: String(error) } }
      }
    }
    if (fault?.kind === 'hang-after') return
    if (fault?.kind === 'reset-after') return void req.socket.destroy()

    const text = reply.body === undefined ? '' : JSON.stringify(reply.body)
    res.writeHead(reply.status, {
      ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      ...reply.headers,
    })
    res.end(text)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    inject(rule) {
      faults.push({ ...rule, left: rule.times ?? 1 })
    },
    async close() {
      // Hung requests would keep close() waiting forever.
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function parse(raw: string): unknown {
  if (!raw) return undefined
  try {
    return JSON.parse(raw)
  } catch {
    return raw
  }
}

/** Sequential numeric ids like Confluence's (as strings). */
export function counter(start: number): () => string {
  let n = start
  return () => String(n++)
}
