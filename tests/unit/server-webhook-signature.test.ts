/**
 * The signing scheme as a receiver sees it: the receiver below is written from README.md,
 * "Webhooks", not from the hub's code, and must accept what the hub sends and nothing else.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sendWebhook, webhookHeaders } from '../../server/webhooks/index.js'

const secret = 'oa-shared-secret-0123456789'
const rawBody = JSON.stringify({ id: 'ev-1', type: 'work_order.signed', occurredAt: '2026-11-23T08:00:00.000Z', data: { number: '2026-000123' } })

/** A receiver's check: v1 = hex HMAC-SHA256 of `${timestamp}.${rawBody}`; timestamps older than 5 minutes are refused. */
function verify(headers: Headers, body: string, key: string, nowSeconds: number): 'ok' | 'bad_signature' | 'stale' {
  const timestamp = headers.get('x-switchboard-timestamp') ?? ''
  const signature = headers.get('x-switchboard-signature') ?? ''
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > 300) return 'stale'
  const expected = Buffer.from(`v1=${createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex')}`)
  const given = Buffer.from(signature)
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'bad_signature'
}

const at = new Date('2026-11-23T08:00:05Z')
const seconds = Math.floor(at.getTime() / 1000)

function signed(timestamp = seconds) {
  return new Headers(webhookHeaders({ secret, deliveryId: 'dlv_1', eventType: 'work_order.signed', timestamp, rawBody }))
}

describe('webhook signatures', () => {
  it('sends the delivery id, event type, timestamp and a v1 signature the receiver accepts', () => {
    const headers = signed()
    expect(headers.get('x-switchboard-delivery')).toBe('dlv_1')
    expect(headers.get('x-switchboard-event')).toBe('work_order.signed')
    expect(headers.get('x-switchboard-timestamp')).toBe(String(seconds))
    expect(headers.get('x-switchboard-signature')).toMatch(/^v1=[0-9a-f]{64}$/)
    expect(verify(headers, rawBody, secret, seconds + 10)).toBe('ok')
  })

  it('is rejected for a tampered body, another secret or a changed timestamp', () => {
    expect(verify(signed(), rawBody.replace('2026-000123', '2026-000124'), secret, seconds)).toBe('bad_signature')
    expect(verify(signed(), rawBody, 'another-secret-0123456789', seconds)).toBe('bad_signature')
    const replayed = signed()
    replayed.set('x-switchboard-timestamp', String(seconds + 1))
    expect(verify(replayed, rawBody, secret, seconds)).toBe('bad_signature')
  })

  it('is rejected when the timestamp is older than 5 minutes', () => {
    expect(verify(signed(seconds - 301), rawBody, secret, seconds)).toBe('stale')
    expect(verify(signed(seconds - 299), rawBody, secret, seconds)).toBe('ok')
  })

  it('signs exactly the bytes sendWebhook posts, at the time of the attempt', async () => {
    const requests: { url: string; init: RequestInit }[] = []
    const fetch = (async (url: string, init: RequestInit) => {
      requests.push({ url, init })
      return new Response(null, { status: 204 })
    }) as unknown as typeof globalThis.fetch
    const result = await sendWebhook({
      fetch,
      now: () => at,
      url: 'https://oa.example.gov/hook',
      secret,
      deliveryId: 'dlv_2',
      eventType: 'work_order.signed',
      rawBody,
      timeoutMs: 1000,
    })
    expect(result.outcome).toBe('delivered')
    const sent = requests[0]
    expect(sent?.init.method).toBe('POST')
    expect(sent?.init.body).toBe(rawBody)
    const headers = new Headers(sent?.init.headers)
    expect(headers.get('content-type')).toBe('application/json')
    expect(verify(headers, String(sent?.init.body), secret, seconds)).toBe('ok')
  })
})
