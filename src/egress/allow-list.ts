import { isIP } from 'node:net'
import ipaddr from 'ipaddr.js'
import { addressInRange, addressRefusal, canonicalAddress } from './address.ts'

/**
 * The operator's explicit exceptions (DEBRIEF_EGRESS_ALLOW): hosts, IP addresses and CIDR ranges
 * that outgoing calls may reach even though they are private or loopback.
 */
export type AllowList = {
  /** True when `hostname` (normalised, no brackets) is allowed by name: every address it resolves to is then allowed. */
  allowsHost(hostname: string): boolean
  /** Why connecting to `ip` is refused, or null when it is public or explicitly allowed. */
  refusal(ip: string): string | null
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number]

/**
 * Normalises a host the way the WHATWG URL parser does (lower case, punycode, legacy IPv4
 * notations such as 2130706433 or 0x7f.1 → 127.0.0.1, IPv6 without brackets), or null when invalid.
 */
export function normaliseHost(host: string): string | null {
  if (host === '' || /[/?#@\s]/.test(host)) return null
  try {
    const { hostname } = new URL(`http://${isIP(host) === 6 ? `[${host}]` : host}`)
    const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname
    return bare.endsWith('.') ? bare.slice(0, -1) : bare
  } catch {
    return null
  }
}

function parseEntry(entry: string): { host: string } | { range: Range; exact: string | null } {
  const slash = entry.lastIndexOf('/')
  if (slash !== -1 && !entry.startsWith('*')) {
    const address = canonicalAddress(normaliseHost(entry.slice(0, slash)) ?? '')
    const prefix = entry.slice(slash + 1)
    const full = address?.includes(':') ? 128 : 32
    if (address === null || !/^\d{1,3}$/.test(prefix) || Number(prefix) > full) {
      throw new Error(`not a CIDR range: "${entry}"`)
    }
    const range = ipaddr.parseCIDR(`${address}/${prefix}`)
    return { range, exact: range[1] === full ? address : null }
  }
  const wildcard = entry.startsWith('*.')
  const host = normaliseHost(wildcard ? entry.slice(2) : entry)
  if (host === null) throw new Error(`not a host, IP address or CIDR range: "${entry}"`)
  const address = canonicalAddress(host)
  if (address !== null) {
    if (wildcard) throw new Error(`a wildcard cannot apply to an IP address: "${entry}"`)
    return { range: ipaddr.parseCIDR(`${address}/${address.includes(':') ? 128 : 32}`), exact: address }
  }
  return { host: wildcard ? `*.${host}` : host }
}

/** Compiles allow entries (as returned by parseEgressAllow); throws on an invalid entry. */
export function compileAllowList(entries: readonly string[]): AllowList {
  const hosts = new Set<string>()
  const suffixes: string[] = []
  const ranges: Range[] = []
  const exact = new Set<string>()
  for (const entry of entries) {
    const parsed = parseEntry(entry.trim())
    if ('host' in parsed) {
      if (parsed.host.startsWith('*.')) suffixes.push(parsed.host.slice(1))
      else hosts.add(parsed.host)
      continue
    }
    ranges.push(parsed.range)
    if (parsed.exact) exact.add(canonicalAddress(ipaddr.process(parsed.exact).toString())!)
  }
  return {
    allowsHost(hostname) {
      const host = hostname.toLowerCase().replace(/\.$/, '')
      return hosts.has(host) || suffixes.some((suffix) => host.endsWith(suffix))
    },
    refusal(ip) {
      const reason = addressRefusal(ip)
      if (reason === null) return null
      const canonical = canonicalAddress(ip)
      if (canonical === null) return reason
      // A metadata endpoint must be named on its own: allowing 169.254.0.0/16 for a link-local
      // appliance must not silently open the cloud credentials endpoint as well.
      if (reason.endsWith('metadata')) {
        const unmapped = canonicalAddress(ipaddr.process(canonical).toString())!
        return exact.has(canonical) || exact.has(unmapped) ? null : reason
      }
      return ranges.some((range) => addressInRange(canonical, range)) ? null : reason
    },
  }
}

/**
 * Parses DEBRIEF_EGRESS_ALLOW: comma-separated hosts (`wiki.internal`, `*.corp.example`),
 * IP addresses in any notation, and CIDR ranges (`10.0.0.0/8`, `fd00::/8`). Returns the trimmed,
 * non-empty entries; throws an Error naming the first invalid entry.
 */
export function parseEgressAllow(value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '')
  compileAllowList(entries)
  return entries
}
