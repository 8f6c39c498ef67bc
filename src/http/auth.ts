import type { FastifyInstance, FastifyRequest } from 'fastify'
import { type Principal, type Scope, scopeAllows } from '../shared/access.ts'
import { ForbiddenError, UnauthorizedError } from '../shared/errors.ts'

/** Resolves a bearer token (src/teams/authenticator.ts in production). */
export type Authenticator = { authenticate(token: string): Promise<Principal | undefined> }

/**
 * What a route needs: `public` (no token), `operator` (the admin token), `operator-or-team-admin`
 * (admin token, or a team key with the admin scope acting on its own team), or a team key scope.
 */
export type AuthRequirement = 'public' | 'operator' | 'operator-or-team-admin' | Scope

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthRequirement
  }
  interface FastifyRequest {
    principal: Principal | null
  }
}

export type TeamCaller = { teamId: string; keyId: string | null }

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (!header) return undefined
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  if (!match) throw new UnauthorizedError('Authorization must be "Bearer <token>"')
  return match[1]
}

/** Every route declares `config.auth`; routes that forget it are refused, never left open. */
export function registerAuth(app: FastifyInstance, authenticator: Authenticator) {
  app.decorateRequest('principal', null)
  app.addHook('onRequest', async (request) => {
    const requirement = request.routeOptions.config?.auth
    if (requirement === 'public' || request.is404) return
    const token = bearer(request)
    if (!token) throw new UnauthorizedError('Send an API key as "Authorization: Bearer <key>"')
    const principal = await authenticator.authenticate(token)
    if (!principal) throw new UnauthorizedError('The token is not valid or has been revoked')
    request.principal = principal
    if (requirement === 'operator' && principal.kind !== 'operator') {
      throw new ForbiddenError('This call needs the operator admin token')
    }
    if (
      requirement === 'operator-or-team-admin' &&
      principal.kind === 'key' &&
      !scopeAllows(principal.scopes, 'admin')
    ) {
      throw new ForbiddenError('This call needs the admin token or a key with the "admin" scope')
    }
    if (requirement === 'read' || requirement === 'write' || requirement === 'admin') {
      if (principal.kind !== 'key')
        throw new ForbiddenError('This call needs a team API key, not the admin token')
      if (!scopeAllows(principal.scopes, requirement)) {
        throw new ForbiddenError(`This call needs a key with the "${requirement}" scope`)
      }
    }
    if (requirement === undefined) throw new ForbiddenError('Route has no access rule')
  })
}

/** The team a team-scoped route acts for. Only valid on routes that require a key scope. */
export function teamCaller(request: FastifyRequest): TeamCaller {
  const p = request.principal
  if (p?.kind !== 'key') throw new ForbiddenError('This call needs a team API key')
  return { teamId: p.teamId, keyId: p.keyId }
}
