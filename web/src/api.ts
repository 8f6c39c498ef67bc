// The only way the page talks to Debrief: the public /v1 API with the team's key as bearer token.
const KEY = 'debrief.apiKey'

export type Problem = {
  status: number
  title?: string
  detail?: string
  errors?: { pointer: string; detail: string }[]
  blockers?: { id: string; label: string }[]
  currentEtag?: string
}

export class ApiError extends Error {
  readonly problem: Problem
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`)
    this.problem = problem
  }
  get status() {
    return this.problem.status
  }
}

export const session = {
  get key(): string | null {
    return sessionStorage.getItem(KEY)
  },
  set(key: string) {
    sessionStorage.setItem(KEY, key)
  },
  clear() {
    sessionStorage.removeItem(KEY)
  },
}

/** Called on 401 anywhere: the key was revoked or mistyped; the page goes back to sign-in. */
let onUnauthorized: (message: string) => void = () => {}
export const setUnauthorizedHandler = (fn: (message: string) => void) => {
  onUnauthorized = fn
}

type Options = { body?: unknown; ifMatch?: string; key?: string; text?: boolean }
export type Reply<T> = { data: T; etag: string | null }

export async function api<T>(method: string, path: string, options: Options = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { accept: options.text ? 'text/markdown' : 'application/json' }
  const key = options.key ?? session.key
  if (key) headers.authorization = `Bearer ${key}`
  if (options.ifMatch) headers['if-match'] = options.ifMatch
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(path, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  })
  const etag = response.headers.get('etag')
  if (!response.ok) {
    let problem: Problem = { status: response.status }
    try {
      problem = { ...(await response.json()), status: response.status }
    } catch {
      // not problem+json (a proxy's page): the status says enough
    }
    if (response.status === 401 && !options.key) onUnauthorized(describe(problem))
    throw new ApiError(problem)
  }
  if (response.status === 204) return { data: undefined as T, etag }
  const data = (options.text ? await response.text() : await response.json()) as T
  return { data, etag }
}

/** A sentence for people: the problem's detail plus where it applies. */
export function describe(problem: Problem): string {
  const where = (problem.errors ?? []).map((e) => e.detail).join('; ')
  return [problem.detail ?? problem.title ?? `Request failed (${problem.status})`, where]
    .filter(Boolean)
    .join(' — ')
}

export const errorText = (error: unknown) =>
  error instanceof ApiError ? describe(error.problem) : error instanceof Error ? error.message : String(error)
