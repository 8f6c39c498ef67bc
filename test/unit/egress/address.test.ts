import { describe, expect, it } from 'vitest'
import { addressRefusal, canonicalAddress } from '../../../src/egress/address.ts'
import { compileAllowList, parseEgressAllow } from '../../../src/egress/allow-list.ts'
import { resolvedRefusal } from '../../../src/egress/connector.ts'

// Pure classification only: no test ever sends traffic to these addresses.
const refused: Array<[string, RegExp]> = [
  ['127.0.0.1', /loopback/],
  ['127.255.0.9', /loopback/],
  ['10.1.2.3', /private/],
  ['172.16.0.1', /private/],
  ['172.31.255.255', /private/],
  ['192.168.1.1', /private/],
  ['169.254.1.1', /linkLocal/],
  ['169.254.169.254', /metadata/],
  ['100.100.100.200', /metadata/],
  ['fd00:ec2::254', /metadata/],
  ['100.64.0.1', /carrierGradeNat/],
  ['0.0.0.0', /unspecified/],
  ['255.255.255.255', /broadcast/],
  ['224.0.0.1', /multicast/],
  ['240.0.0.1', /reserved/],
  ['192.0.2.1', /reserved/],
  ['::1', /loopback/],
  ['::', /unspecified/],
  ['fe80::1', /linkLocal/],
  ['fc00::1', /uniqueLocal/],
  ['fd12:3456::1', /uniqueLocal/],
  ['ff02::1', /multicast/],
  ['::ffff:127.0.0.1', /ipv4Mapped → loopback/],
  ['::ffff:7f00:1', /ipv4Mapped → loopback/],
  ['[::ffff:169.254.169.254]', /metadata/],
  ['::ffff:10.0.0.1', /private/],
  ['::7f00:1', /not global unicast/], // IPv4-compatible, deprecated
  ['::ffff:0:7f00:1', /rfc6145|not global/], // SIIT
  ['64:ff9b::7f00:1', /rfc6052 → loopback/], // NAT64 of 127.0.0.1
  ['64:ff9b::a9fe:a9fe', /metadata/], // NAT64 of 169.254.169.254
  ['64:ff9b:1::1', /rfc6052|not global/], // local-use NAT64
  ['2002:7f00:1::', /6to4 → loopback/],
  ['2002:a00:1::', /6to4 → private/],
  ['2001::1', /teredo/],
  ['2001:db8::1', /reserved/],
  ['100::1', /discard|not global/],
  ['localhost', /not an IP/],
]

describe('addressRefusal', () => {
  it.each(refused)('refuses %s', (ip, reason) => {
    expect(addressRefusal(ip)).toMatch(reason)
  })

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.215.14',
    '2606:4700::1111',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808', // NAT64 of a public address: how IPv6-only hosts with DNS64 reach the world
  ])('lets public %s through', (ip) => {
    expect(addressRefusal(ip)).toBeNull()
  })
})

describe('canonicalAddress', () => {
  it('canonicalises IPv6 and rejects non-literals', () => {
    expect(canonicalAddress('[0:0:0:0:0:0:0:1]')).toBe('::1')
    expect(canonicalAddress('::FFFF:127.0.0.1')).toBe('::ffff:7f00:1')
    expect(canonicalAddress('example.com')).toBeNull()
  })
})

describe('parseEgressAllow', () => {
  it('splits, trims and drops empty entries', () => {
    expect(parseEgressAllow(undefined)).toEqual([])
    expect(parseEgressAllow(' , ')).toEqual([])
    expect(parseEgressAllow(' 127.0.0.1 , 10.0.0.0/8,wiki.internal,*.corp.example,[::1], fd00::/8')).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      'wiki.internal',
      '*.corp.example',
      '[::1]',
      'fd00::/8',
    ])
  })

  it.each(['http://x.example', '10.0.0.0/33', '10.0.0.0/', 'not a host', '*.10.0.0.1', 'a/b/c'])(
    'names the invalid entry %s',
    (entry) => {
      expect(() => parseEgressAllow(`127.0.0.1,${entry}`)).toThrow(entry)
    },
  )
})

describe('compileAllowList', () => {
  it('allows exact addresses in any notation, including their IPv4-mapped form', () => {
    const allow = compileAllowList(['0x7f.1'])
    expect(allow.refusal('127.0.0.1')).toBeNull()
    expect(allow.refusal('::ffff:127.0.0.1')).toBeNull()
    expect(allow.refusal('127.0.0.2')).toMatch(/loopback/)
    expect(allow.refusal('::1')).toMatch(/loopback/)
  })

  it('allows CIDR ranges', () => {
    const allow = compileAllowList(['10.0.0.0/8', 'fd00::/8'])
    expect(allow.refusal('10.20.30.40')).toBeNull()
    expect(allow.refusal('fd00::5')).toBeNull()
    expect(allow.refusal('192.168.0.1')).toMatch(/private/)
  })

  it('keeps metadata endpoints refused inside an allowed range unless named exactly', () => {
    expect(compileAllowList(['169.254.0.0/16']).refusal('169.254.169.254')).toMatch(/metadata/)
    expect(compileAllowList(['169.254.0.0/16']).refusal('169.254.1.1')).toBeNull()
    expect(compileAllowList(['fd00::/8']).refusal('fd00:ec2::254')).toMatch(/metadata/)
    expect(compileAllowList(['169.254.169.254']).refusal('169.254.169.254')).toBeNull()
  })

  it('matches hosts exactly or by wildcard suffix, case-insensitively', () => {
    const allow = compileAllowList(['Wiki.Internal', '*.corp.example'])
    expect(allow.allowsHost('wiki.internal')).toBe(true)
    expect(allow.allowsHost('WIKI.internal.')).toBe(true)
    expect(allow.allowsHost('a.b.corp.example')).toBe(true)
    expect(allow.allowsHost('corp.example')).toBe(false)
    expect(allow.allowsHost('evilcorp.example')).toBe(false)
    expect(allow.allowsHost('other.internal')).toBe(false)
  })
})

describe('resolvedRefusal', () => {
  const none = compileAllowList([])

  it('refuses a name when any of its addresses is blocked (rebinding with mixed answers)', () => {
    const refusal = resolvedRefusal(
      'rebind.example',
      [
        { address: '93.184.215.14', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ],
      none,
    )
    expect(refusal?.message).toMatch(/rebind\.example \(127\.0\.0\.1\)/)
    expect(refusal?.retryable).toBe(false)
  })

  it('accepts public answers, and any answer for an allowed host', () => {
    expect(resolvedRefusal('example.com', [{ address: '93.184.215.14', family: 4 }], none)).toBeNull()
    const allow = compileAllowList(['wiki.internal'])
    expect(resolvedRefusal('wiki.internal', [{ address: '10.0.0.5', family: 4 }], allow)).toBeNull()
  })

  it('refuses a name with no addresses', () => {
    expect(resolvedRefusal('empty.example', [], none)).not.toBeNull()
  })
})
