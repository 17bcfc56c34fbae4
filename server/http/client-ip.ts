import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

/**
 * The client's address, for sign-in throttling and the audit log. Behind reverse proxies
 * (TRUSTED_PROXY_HOPS = how many), the address is taken from X-Forwarded-For, counting that many
 * entries from the right: entries further left were written by the client and cannot be trusted.
 */
export function resolveClientIp(peer: string, forwardedFor: string | undefined, trustedHops: number): string {
  if (trustedHops <= 0 || !forwardedFor) return peer
  const chain = forwardedFor
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  // The last proxy appended the address it saw; with n proxies, the client is n entries from the right.
  return chain[chain.length - trustedHops] ?? chain[0] ?? peer
}

let trustedProxyHops = 0

/** Set once at boot from TRUSTED_PROXY_HOPS. */
export function configureTrustedProxies(hops: number): void {
  trustedProxyHops = hops
}

export function clientIp(c: Context): string {
  let peer = 'unknown'
  try {
    peer = getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    // Not a Node request (tests with app.request): no peer address.
  }
  return resolveClientIp(peer, c.req.header('x-forwarded-for'), trustedProxyHops)
}
