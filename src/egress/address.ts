import { isIP } from 'node:net'
import ipaddr from 'ipaddr.js'

/**
 * Pure classification of IP addresses for egress. Everything that is not plain public unicast is
 * refused: ipaddr.js names the special ranges (IANA special-purpose registries), so an address it
 * calls anything but 'unicast' — private, loopback, link-local, CGNAT, unique-local, multicast,
 * broadcast, documentation, benchmarking, reserved — is never reachable without an explicit allow.
 */

/** Cloud metadata endpoints; refused even inside an allowed CIDR unless allowed by exact address. */
export const METADATA_ADDRESSES: ReadonlySet<string> = new Set([
  '169.254.169.254', // AWS, GCP, Azure, OpenStack, DigitalOcean
  'fd00:ec2::254', // AWS IMDS over IPv6
  '100.100.100.200', // Alibaba Cloud
])

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parse('2000::')

/**
 * Canonical text of an IP address (IPv4 dotted quad, IPv6 RFC 5952), or null when `value` is not an
 * IP literal. Accepts brackets. Only strict notations are parsed here; legacy IPv4 notations
 * (2130706433, 0x7f.1, 0177.0.0.1, 127.1) are normalised earlier by the WHATWG URL parser, which
 * is exactly what undici and every browser use to decide where a URL points.
 */
export function canonicalAddress(value: string): string | null {
  const bare = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value
  if (isIP(bare) === 0) return null
  const parsed = ipaddr.parse(bare)
  return parsed.kind() === 'ipv6' ? (parsed as ipaddr.IPv6).toRFC5952String() : parsed.toString()
}

/**
 * The IPv4 address an IPv6 address forwards to, when it is one of the forms that embed one
 * (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16); null otherwise.
 * These reach the embedded IPv4 host, so they are judged as that host.
 */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = address.parts
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff])
  if (address.isIPv4MappedAddress()) return address.toIPv4Address()
  if (address.match(ipaddr.IPv6.parse('64:ff9b::'), 96)) return v4(p[6]!, p[7]!)
  if (address.match(ipaddr.IPv6.parse('2002::'), 16)) return v4(p[1]!, p[2]!)
  return null
}

/**
 * Why `ip` must not be reached (e.g. 'loopback', 'private', 'metadata', 'ipv4Mapped → loopback'),
 * or null when it is public unicast. `ip` must be an IP literal; anything else is refused.
 */
export function addressRefusal(ip: string): string | null {
  const canonical = canonicalAddress(ip)
  if (canonical === null) return 'not an IP address'
  if (METADATA_ADDRESSES.has(canonical)) return 'metadata'
  const parsed = ipaddr.parse(canonical)
  if (parsed.kind() === 'ipv4') {
    const range = (parsed as ipaddr.IPv4).range()
    return range === 'unicast' ? null : range
  }
  const v6 = parsed as ipaddr.IPv6
  const inner = embeddedIPv4(v6)
  if (inner) {
    const innerReason = addressRefusal(inner.toString())
    return innerReason === null ? null : `${v6.range()} → ${innerReason}`
  }
  const range = v6.range()
  if (range !== 'unicast') return range
  // Only 2000::/3 is allocated as global unicast; outside it are ranges ipaddr.js still calls
  // 'unicast' (e.g. the deprecated IPv4-compatible ::7f00:1), so they are refused outright.
  return v6.match(GLOBAL_UNICAST_V6, 3) ? null : 'not global unicast (outside 2000::/3)'
}

/** True when `ip` is inside `cidr` ([address, prefix] from ipaddr.parseCIDR), across IPv4-mapped forms. */
export function addressInRange(ip: string, range: [ipaddr.IPv4 | ipaddr.IPv6, number]): boolean {
  const address = ipaddr.process(ip)
  const [base, prefix] = range
  if (address.kind() !== base.kind()) return false
  return address.kind() === 'ipv4'
    ? (address as ipaddr.IPv4).match(base as ipaddr.IPv4, prefix)
    : (address as ipaddr.IPv6).match(base as ipaddr.IPv6, prefix)
}
