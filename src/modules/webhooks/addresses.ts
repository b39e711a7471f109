import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'

/** Loopback, private, link-local, shared and unspecified ranges: refused unless WEBHOOK_ALLOW_PRIVATE. */
const privateRanges = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  privateRanges.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  privateRanges.addSubnet(net, prefix, 'ipv6')

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return privateRanges.check(mapped[1]!, 'ipv4')
  const family = isIP(address)
  if (family === 0) return true
  return privateRanges.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

/** Why a webhook URL is refused, or null: http(s) only, and no private address unless allowed. */
export function urlRefusal(raw: string, allowPrivate: boolean): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'is not an absolute URL'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL'
  if (url.username || url.password) return 'must not carry credentials'
  if (allowPrivate) return null
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (host === 'localhost' || host.endsWith('.localhost')) return 'names a loopback host'
  if (isIP(host) && isPrivateAddress(host)) return 'is a loopback or private address'
  return null
}

/** At delivery: the host must still resolve to public addresses only (unless allowed). */
export async function resolvesPrivate(raw: string, allowPrivate: boolean): Promise<boolean> {
  if (allowPrivate) return false
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '')
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true })
  return addresses.some((a) => isPrivateAddress(a.address))
}
