import { canonicalAddress } from './address.ts'
import { type AllowList, compileAllowList } from './allow-list.ts'

/**
 * Registration-time check of an outgoing URL (webhook endpoints, wiki base URLs): the reason it can
 * never be delivered to, or null. It cannot see what a hostname will resolve to at delivery time —
 * that is checked on every connection by the egress client — so it only refuses what is wrong in
 * the URL itself: not http(s), credentials in the URL, a literal private/loopback address or a
 * `localhost` name (RFC 6761 reserves it for loopback), unless the operator allows it.
 */
export function validateOutgoingUrl(url: string, allow: readonly string[] | AllowList = []): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'is not a valid absolute URL'
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return `scheme ${parsed.protocol.slice(0, -1)} is not allowed (use https or http)`
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return 'must not contain credentials (user:password@); configure credentials separately'
  }
  const policy = Array.isArray(allow) ? compileAllowList(allow) : (allow as AllowList)
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '')
  if (host === '') return 'has no host'
  if (policy.allowsHost(host)) return null
  const address = canonicalAddress(host)
  if (address !== null) {
    const reason = policy.refusal(address)
    return reason === null ? null : `points at ${address} (${reason}), which outgoing calls may not reach`
  }
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return 'points at localhost, which outgoing calls may not reach'
  }
  return null
}
