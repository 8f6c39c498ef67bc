import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import type { LookupFunction, Socket } from 'node:net'
import { buildConnector } from 'undici'
import { canonicalAddress } from './address.ts'
import type { AllowList } from './allow-list.ts'
import { EgressBlockedError } from './errors.ts'

/** Resolves a hostname to every address it has (tests inject one; production uses dns.lookup). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, order: 'verbatim' }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    )
  })

/**
 * Refuses a resolution if ANY candidate is blocked, not only the first: with happy eyeballs Node
 * may try any of them, and a name that mixes public and private answers is a rebinding attempt.
 */
export function resolvedRefusal(
  hostname: string,
  addresses: readonly LookupAddress[],
  allow: AllowList,
): EgressBlockedError | null {
  if (addresses.length === 0) return new EgressBlockedError(hostname, undefined, 'not resolvable')
  if (allow.allowsHost(hostname)) return null
  for (const { address } of addresses) {
    const reason = allow.refusal(address)
    if (reason !== null) return new EgressBlockedError(hostname, address, reason)
  }
  return null
}

/**
 * A net.connect `lookup` that checks what it returns: the socket connects to exactly the
 * addresses checked here, so there is no window between check and use for DNS rebinding.
 */
function guardedLookup(allow: AllowList, resolver: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolver(hostname).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : undefined
        const candidates = wanted ? addresses.filter((a) => a.family === wanted) : addresses
        const refusal = resolvedRefusal(hostname, candidates, allow)
        if (refusal) return callback(refusal, '', 0)
        if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, candidates)
        callback(null, candidates[0]!.address, candidates[0]!.family)
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    )
  }
}

type ConnectorOptions = { allow: AllowList; resolver: Resolver; connectTimeoutMs: number }

/**
 * The undici connector for every egress connection. IP-literal hosts are checked before any packet
 * is sent; hostnames are checked inside the DNS lookup the socket itself uses; and after the
 * connection is up, the peer's actual address is checked once more (defence in depth against a
 * lookup path we did not anticipate), destroying the socket before any request bytes are written.
 */
export function createGuardedConnector({ allow, resolver, connectTimeoutMs }: ConnectorOptions) {
  const connect = buildConnector({ timeout: connectTimeoutMs, lookup: guardedLookup(allow, resolver) })
  return ((options, callback) => {
    const host = options.hostname.replace(/^\[(.*)\]$/, '$1')
    const literal = canonicalAddress(host)
    const hostAllowed = literal === null && allow.allowsHost(host)
    if (literal !== null) {
      const reason = allow.refusal(literal)
      if (reason !== null) return callback(new EgressBlockedError(host, literal, reason), null)
    }
    connect(options, (err, socket) => {
      if (err) return callback(err, null)
      const peer = (socket as Socket).remoteAddress
      const reason = hostAllowed ? null : peer ? allow.refusal(peer) : 'of unknown address'
      if (reason !== null) {
        socket.destroy()
        return callback(new EgressBlockedError(host, peer, reason), null)
      }
      callback(null, socket)
    })
  }) satisfies buildConnector.connector
}
