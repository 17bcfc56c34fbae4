import { describe, expect, it } from 'vitest'
import { issueVisitorToken, newVisitorId, type VisitorTokenOptions, verifyVisitorToken } from './visitor-token.js'

const SECRET = 'a-test-secret-that-is-long-enough-0123456789'
const ISSUED_AT = new Date('2025-03-01T08:00:00.500Z')
const DAY_MS = 86_400_000

function options(overrides: Partial<VisitorTokenOptions> = {}): VisitorTokenOptions {
  return { secret: SECRET, channelId: 'web', now: () => ISSUED_AT, ...overrides }
}

function issue(visitorId: string, ttlDays = 30, overrides: Partial<VisitorTokenOptions> = {}): string {
  return issueVisitorToken({ ...options(overrides), visitorId, ttlDays })
}

function at(date: Date): Partial<VisitorTokenOptions> {
  return { now: () => date }
}

/** Replaces one of the three dot-separated parts of a token. */
function withPart(token: string, index: 0 | 1 | 2, value: string): string {
  const parts = token.split('.')
  parts[index] = value
  return parts.join('.')
}

/** Changes one character, keeping the text the same length and in the same alphabet. */
function flipCharacter(text: string, index: number): string {
  const current = text[index]
  const replacement = current === 'A' ? 'B' : 'A'
  return text.slice(0, index) + replacement + text.slice(index + 1)
}

describe('newVisitorId', () => {
  it('is 22 URL-safe characters (128 random bits)', () => {
    expect(newVisitorId()).toMatch(/^[A-Za-z0-9_-]{22}$/)
  })

  it('never repeats across many draws', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newVisitorId()))
    expect(ids.size).toBe(1000)
  })
})

describe('issueVisitorToken / verifyVisitorToken', () => {
  it('round-trips: the token proves the visitor id it was issued for', () => {
    const visitorId = newVisitorId()
    const token = issue(visitorId)
    expect(verifyVisitorToken(token, options())).toEqual({ ok: true, visitorId, expiresAt: expect.any(Date) })
  })

  it('has the documented shape <visitorId>.<expiresAtSeconds>.<hmac>', () => {
    const visitorId = newVisitorId()
    const [id, expires, signature, ...rest] = issue(visitorId).split('.')
    expect(rest).toEqual([])
    expect(id).toBe(visitorId)
    expect(expires).toMatch(/^\d+$/)
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('expires ttlDays after issue, counted in whole seconds from the injected clock', () => {
    const token = issue(newVisitorId(), 30)
    const check = verifyVisitorToken(token, options())
    expect(check.ok && check.expiresAt.toISOString()).toBe('2025-03-31T08:00:00.000Z')
  })

  it('is the same token for the same visitor, clock and channel (deterministic)', () => {
    const visitorId = newVisitorId()
    expect(issue(visitorId)).toBe(issue(visitorId))
  })

  it('is still valid one second before it expires', () => {
    const token = issue(newVisitorId(), 1)
    const check = verifyVisitorToken(token, options(at(new Date(Date.parse('2025-03-02T08:00:00.000Z') - 1000))))
    expect(check.ok).toBe(true)
  })

  it('is expired at the exact expiry instant and after it', () => {
    const token = issue(newVisitorId(), 1)
    expect(verifyVisitorToken(token, options(at(new Date('2025-03-02T08:00:00.000Z'))))).toEqual({ ok: false, reason: 'expired' })
    expect(verifyVisitorToken(token, options(at(new Date(ISSUED_AT.getTime() + 365 * DAY_MS))))).toEqual({ ok: false, reason: 'expired' })
  })

  it('reports a bad signature rather than expiry for a tampered, expired token', () => {
    const token = issue(newVisitorId(), 1)
    const tampered = withPart(token, 2, flipCharacter(token.split('.')[2] ?? '', 0))
    expect(verifyVisitorToken(tampered, options(at(new Date(ISSUED_AT.getTime() + 10 * DAY_MS))))).toEqual({ ok: false, reason: 'bad_signature' })
  })
})

describe('verifyVisitorToken rejects forgeries', () => {
  it('rejects a token whose visitor id was swapped for another visitor', () => {
    const victim = newVisitorId()
    const attackerToken = issue(newVisitorId())
    expect(verifyVisitorToken(withPart(attackerToken, 0, victim), options())).toEqual({ ok: false, reason: 'bad_signature' })
  })

  it('rejects a token whose visitor id changed by one character', () => {
    const token = issue(newVisitorId())
    const forged = withPart(token, 0, flipCharacter(token.split('.')[0] ?? '', 5))
    expect(verifyVisitorToken(forged, options())).toEqual({ ok: false, reason: 'bad_signature' })
  })

  it('rejects a token whose expiry was extended', () => {
    const token = issue(newVisitorId(), 1)
    const expires = Number(token.split('.')[1])
    const extended = withPart(token, 1, String(expires + 3650 * 86_400))
    expect(verifyVisitorToken(extended, options())).toEqual({ ok: false, reason: 'bad_signature' })
  })

  it('rejects the same expiry written with leading zeros', () => {
    const token = issue(newVisitorId())
    const padded = withPart(token, 1, `00${token.split('.')[1]}`)
    expect(verifyVisitorToken(padded, options())).toEqual({ ok: false, reason: 'bad_signature' })
  })

  it('rejects a token whose hmac changed by one character', () => {
    const token = issue(newVisitorId())
    const signature = token.split('.')[2] ?? ''
    for (const index of [0, 21, signature.length - 1]) {
      expect(verifyVisitorToken(withPart(token, 2, flipCharacter(signature, index)), options())).toEqual({ ok: false, reason: 'bad_signature' })
    }
  })

  it('rejects a truncated, extended or empty hmac without throwing', () => {
    const token = issue(newVisitorId())
    const signature = token.split('.')[2] ?? ''
    for (const bad of [signature.slice(0, -1), `${signature}A`, '', 'é'.repeat(signature.length)]) {
      expect(verifyVisitorToken(withPart(token, 2, bad), options())).toEqual({ ok: false, reason: 'bad_signature' })
    }
  })

  it('rejects a token signed with another secret', () => {
    const token = issue(newVisitorId(), 30, { secret: 'another-secret-that-is-also-long-enough-987' })
    expect(verifyVisitorToken(token, options())).toEqual({ ok: false, reason: 'bad_signature' })
  })

  it('rejects a token issued for another channel with the same secret', () => {
    const token = issue(newVisitorId(), 30, { channelId: 'web-other' })
    expect(verifyVisitorToken(token, options())).toEqual({ ok: false, reason: 'bad_signature' })
    expect(verifyVisitorToken(token, options({ channelId: 'web-other' })).ok).toBe(true)
  })

  it('cannot be forged from an hmac over the bare payload (the channel is part of what is signed)', async () => {
    const { createHmac } = await import('node:crypto')
    const visitorId = newVisitorId()
    const payload = `${visitorId}.${Math.floor(ISSUED_AT.getTime() / 1000) + 86_400}`
    const naive = createHmac('sha256', SECRET).update(payload).digest('base64url')
    expect(verifyVisitorToken(`${payload}.${naive}`, options())).toEqual({ ok: false, reason: 'bad_signature' })
  })
})

describe('verifyVisitorToken rejects malformed tokens', () => {
  const valid = issue('AAAAAAAAAAAAAAAAAAAAAA')
  const [id = '', expires = '', signature = ''] = valid.split('.')

  it.each([
    ['an empty string', ''],
    ['a single part', 'not-a-token'],
    ['two parts', `${id}.${expires}`],
    ['four parts', `${valid}.extra`],
    ['only dots', '..'],
    ['a visitor id that is too short', `${id.slice(1)}.${expires}.${signature}`],
    ['a visitor id that is too long', `${id}A.${expires}.${signature}`],
    ['a visitor id with characters outside base64url', `${id.slice(0, 21)}+.${expires}.${signature}`],
    ['a visitor id padded with whitespace', ` ${id.slice(1)}.${expires}.${signature}`],
    ['a non-numeric expiry', `${id}.soon.${signature}`],
    ['a negative expiry', `${id}.-${expires}.${signature}`],
    ['a fractional expiry', `${id}.${expires}.5.${signature}`],
    ['an expiry with a sign', `${id}.+${expires}.${signature}`],
    ['an empty expiry', `${id}..${signature}`],
    ['an expiry of 13 digits', `${id}.1234567890123.${signature}`],
  ])('rejects %s as malformed', (_label, token) => {
    expect(verifyVisitorToken(token, options())).toEqual({ ok: false, reason: 'malformed' })
  })

  it('accepts the unmodified token used to build the malformed cases', () => {
    expect(verifyVisitorToken(valid, options()).ok).toBe(true)
  })

  it('does not accept a token issued for a visitor id that is not a 22-character id', () => {
    expect(verifyVisitorToken(issue('visitor-1'), options())).toEqual({ ok: false, reason: 'malformed' })
    expect(verifyVisitorToken(issue('has.a.dot.in.it.1234567'), options())).toEqual({ ok: false, reason: 'malformed' })
  })
})
