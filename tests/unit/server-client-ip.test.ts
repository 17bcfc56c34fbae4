import type { Context } from 'hono'
import { describe, expect, it } from 'vitest'
import { clientIp, resolveClientIp } from '../../server/http/client-ip.js'

/** The slice of a Hono context on @hono/node-server that getConnInfo reads. */
function contextWith(env: unknown, headers: Record<string, string> = {}): Context {
  return { env, req: { header: (name: string) => headers[name.toLowerCase()] } } as unknown as Context
}

const socket = (remoteAddress: string | undefined, remoteFamily = 'IPv4') => ({ incoming: { socket: { remoteAddress, remotePort: 51234, remoteFamily } } })

describe('clientIp', () => {
  it('is the address of the peer socket', () => {
    expect(clientIp(contextWith(socket('203.0.113.7')))).toBe('203.0.113.7')
  })

  it('reports IPv6 peers as they are', () => {
    expect(clientIp(contextWith(socket('2001:db8::1', 'IPv6')))).toBe('2001:db8::1')
  })

  it('reads the bindings under env.server when the app is mounted that way', () => {
    expect(clientIp(contextWith({ server: socket('198.51.100.4') }))).toBe('198.51.100.4')
  })

  it('does not trust X-Forwarded-For or X-Real-IP', () => {
    const c = contextWith(socket('10.0.0.5'), { 'x-forwarded-for': '1.2.3.4', 'x-real-ip': '1.2.3.4' })
    expect(clientIp(c)).toBe('10.0.0.5')
  })

  it("is 'unknown' when the socket has no address (it already closed)", () => {
    expect(clientIp(contextWith(socket(undefined)))).toBe('unknown')
  })

  it("is 'unknown' outside the Node server (no incoming request, e.g. app.request in tests)", () => {
    expect(clientIp(contextWith({}))).toBe('unknown')
    expect(clientIp(contextWith(undefined))).toBe('unknown')
  })
})

describe('resolveClientIp behind trusted proxies', () => {
  it('ignores X-Forwarded-For unless proxies are declared (a client could forge it)', () => {
    expect(resolveClientIp('10.0.0.5', '198.51.100.9', 0)).toBe('10.0.0.5')
  })

  it('takes the entry the trusted proxy appended, not what the client wrote before it', () => {
    // The client forged "1.2.3.4"; the one trusted proxy appended the real address.
    expect(resolveClientIp('10.0.0.5', '1.2.3.4, 203.0.113.7', 1)).toBe('203.0.113.7')
    expect(resolveClientIp('10.0.0.5', '1.2.3.4, 203.0.113.7, 10.0.0.9', 2)).toBe('203.0.113.7')
  })

  it('falls back to the peer when there is no header', () => {
    expect(resolveClientIp('10.0.0.5', undefined, 1)).toBe('10.0.0.5')
  })
})
