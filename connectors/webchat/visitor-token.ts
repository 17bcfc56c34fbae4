/**
 * Visitor tokens: `<visitorId>.<expiresAtSeconds>.<hmac>`.
 *
 * The visitor id is 128 random bits, and the token is bound to one channel by
 * the HMAC, so a token can neither be guessed nor replayed against another
 * channel. Verification needs no database read.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export interface VisitorTokenOptions {
  secret: string
  channelId: string
  now: () => Date
}

export type VisitorTokenCheck = { ok: true; visitorId: string; expiresAt: Date } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' }

const VISITOR_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/

export function newVisitorId(): string {
  return randomBytes(16).toString('base64url')
}

export function issueVisitorToken(options: VisitorTokenOptions & { visitorId: string; ttlDays: number }): string {
  const expiresAt = Math.floor(options.now().getTime() / 1000) + options.ttlDays * 86_400
  const payload = `${options.visitorId}.${expiresAt}`
  return `${payload}.${sign(options, payload)}`
}

export function verifyVisitorToken(token: string, options: VisitorTokenOptions): VisitorTokenCheck {
  const parts = token.split('.')
  if (parts.length !== 3) return { ok: false, reason: 'malformed' }
  const [visitorId, expiresText, signature] = parts as [string, string, string]
  if (!VISITOR_ID_PATTERN.test(visitorId) || !/^\d{1,12}$/.test(expiresText)) return { ok: false, reason: 'malformed' }
  const expected = Buffer.from(sign(options, `${visitorId}.${expiresText}`))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' }
  const expiresAt = new Date(Number(expiresText) * 1000)
  if (expiresAt.getTime() <= options.now().getTime()) return { ok: false, reason: 'expired' }
  return { ok: true, visitorId, expiresAt }
}

function sign(options: VisitorTokenOptions, payload: string): string {
  return createHmac('sha256', options.secret).update(`${options.channelId}\n${payload}`).digest('base64url')
}
