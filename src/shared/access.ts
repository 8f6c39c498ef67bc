/** Who may call: the operator (admin token) or a team's API key with its scopes. */
export const SCOPES = ['read', 'write', 'admin'] as const
export type Scope = (typeof SCOPES)[number]

export type Principal = { kind: 'operator' } | { kind: 'key'; keyId: string; teamId: string; scopes: Scope[] }

/** `write` implies `read`, `admin` implies both: a key with more power never gets a 403 for less. */
export function scopeAllows(granted: readonly string[], required: Scope): boolean {
  const rank = { read: 0, write: 1, admin: 2 } as const
  return granted.some((s) => s in rank && rank[s as Scope] >= rank[required])
}
