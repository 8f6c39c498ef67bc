import type { Principal, Scope } from '../shared/access.ts'
import { generateKey, hashKey, sameSecret } from './keys.ts'
import type { TeamsRepository } from './teams.repository.ts'

const ADMIN_TOKEN_SETTING = 'admin_token_sha256'
// Verified keys are remembered briefly so a read is one database round trip, not two.
// Revocation is immediate on the instance that revoked, and within KEY_CACHE_MS elsewhere.
export const KEY_CACHE_MS = 5_000

type Deps = { teams: Pick<TeamsRepository, 'findActiveKeyByHash' | 'getSetting' | 'insertSettingOnce'> }

/** Resolves a bearer token to the operator or a team key. */
export function createAuthenticator(
  deps: Deps,
  options: { adminToken: string | undefined; now?: () => number },
) {
  const now = options.now ?? Date.now
  const cache = new Map<string, { principal: Principal; expires: number }>()
  let storedAdminHash: string | undefined

  async function isOperator(token: string): Promise<boolean> {
    if (options.adminToken) return sameSecret(token, options.adminToken)
    storedAdminHash ??= await deps.teams.getSetting(ADMIN_TOKEN_SETTING)
    return storedAdminHash !== undefined && sameSecret(hashKey(token), storedAdminHash)
  }

  return {
    async authenticate(token: string): Promise<Principal | undefined> {
      const hash = hashKey(token)
      const hit = cache.get(hash)
      if (hit && hit.expires > now()) return hit.principal
      if (token.startsWith('dbk_')) {
        const key = await deps.teams.findActiveKeyByHash(hash)
        if (!key) return undefined
        const principal: Principal = {
          kind: 'key',
          keyId: key.id,
          teamId: key.teamId,
          scopes: key.scopes as Scope[],
        }
        if (cache.size > 10_000) cache.clear()
        cache.set(hash, { principal, expires: now() + KEY_CACHE_MS })
        return principal
      }
      return (await isOperator(token)) ? { kind: 'operator' } : undefined
    },
    forget(keyId: string) {
      for (const [hash, entry] of cache) {
        if (entry.principal.kind === 'key' && entry.principal.keyId === keyId) cache.delete(hash)
      }
    },
    /**
     * On the first start of an empty database, makes the operator token and returns it once.
     * Returns undefined when DEBRIEF_ADMIN_TOKEN is set or a token was made before.
     */
    async bootstrapAdminToken(): Promise<string | undefined> {
      if (options.adminToken) return undefined
      const token = generateKey('dba')
      const stored = await deps.teams.insertSettingOnce(ADMIN_TOKEN_SETTING, hashKey(token))
      storedAdminHash = undefined
      return stored ? token : undefined
    },
  }
}

export type Authenticator = ReturnType<typeof createAuthenticator>
