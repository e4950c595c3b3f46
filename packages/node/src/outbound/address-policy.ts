import { BlockList, isIP } from 'node:net'

/** Which non-public destinations the operator lets the node reach. */
export interface OutboundPolicy {
  /** 127.0.0.0/8 and ::1 (tests, and nodes on one machine). */
  readonly allowLoopback?: boolean
  /** RFC 1918, unique-local, link-local, CGNAT and other non-global ranges (a private network). */
  readonly allowPrivate?: boolean
}

const loopback = new BlockList()
loopback.addSubnet('127.0.0.0', 8, 'ipv4')
loopback.addAddress('::1', 'ipv6')

// Not globally reachable (IANA special-purpose registries, RFC 6890): private networks, link-local
// (cloud metadata at 169.254.169.254), shared CGNAT space, benchmarking, multicast, reserved.
const nonPublic = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  nonPublic.addSubnet(net, prefix, 'ipv4')
}
for (const [net, prefix] of [
  ['::', 128],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  nonPublic.addSubnet(net, prefix, 'ipv6')
}

/** An IPv4 address hidden in an IPv4-mapped IPv6 address (::ffff:a.b.c.d), if it is one. */
function mappedIpv4(address: string): string | undefined {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return match?.[1]
}

/**
 * Why the node may not connect to `address` under `policy`, or undefined when it may. Checked on
 * the address DNS resolved to, not on the name, so a name that resolves to 127.0.0.1 is refused.
 */
export function refusalOf(address: string, policy: OutboundPolicy): string | undefined {
  const inner = mappedIpv4(address)
  if (inner) return refusalOf(inner, policy)
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4'
  if (isIP(address) === 0) return `${address} is not an IP address`
  if (loopback.check(address, family)) {
    return policy.allowLoopback ? undefined : `${address} is a loopback address`
  }
  if (nonPublic.check(address, family)) {
    return policy.allowPrivate ? undefined : `${address} is not a public address`
  }
  return undefined
}
