import { DeliveryError, failureFrom, type HttpFetch } from '../shared/outgoing-http.ts'

/**
 * Small HTTP helpers shared by the Confluence publishers. The injected fetch is the egress client in
 * production (it already throws classified DeliveryErrors); the per-call timeout here is a second,
 * publisher-level bound so a peer that hangs can never stall a delivery worker, whatever fetch is used.
 */

export type WikiHttpOptions = { fetch: HttpFetch; headers: Record<string, string>; timeoutMs: number }

/** Sends one request; network failures and timeouts become retryable DeliveryErrors. */
export async function send(
  http: WikiHttpOptions,
  method: string,
  url: string,
  body?: unknown,
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...http.headers }
  if (body !== undefined) headers['content-type'] = 'application/json'
  try {
    return await http.fetch(url, {
      method,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(http.timeoutMs),
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    })
  } catch (error) {
    throw networkFailure(error, `${method} ${url}`)
  }
}

/** Reads a JSON body; a reset or timeout mid-body is as retryable as one before the headers. */
export async function readJson<T>(response: Response, what: string): Promise<T> {
  try {
    return (await response.json()) as T
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new DeliveryError(`${what}: the peer answered with invalid JSON`, {
        retryable: true,
        cause: error,
      })
    }
    throw networkFailure(error, what)
  }
}

/** Throws the classified failure unless the response is a 2xx. */
export async function expectOk(response: Response, what: string): Promise<Response> {
  if (response.ok) return response
  throw await failureFrom(response, what)
}

/** Drops a body we do not read, so the connection is released now rather than at garbage collection. */
export async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => {})
}

/**
 * Anything thrown by fetch that is not already classified is a network-level failure (reset, refused,
 * DNS, timeout): the outcome is unknown, so it is retryable and the retry's lookup makes it safe.
 */
export function networkFailure(error: unknown, what: string): DeliveryError {
  if (error instanceof DeliveryError) return error
  const timeout = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
  const reason = timeout ? 'timed out' : error instanceof Error ? error.message : String(error)
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause?.code
  return new DeliveryError(`${what}: ${reason}${cause ? ` (${cause})` : ''}`, {
    retryable: true,
    cause: error,
  })
}
