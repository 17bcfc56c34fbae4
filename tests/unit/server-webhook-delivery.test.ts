/** One attempt's outcome from the receiver's answer, with an injected HTTP client and clock. */
import { describe, expect, it } from 'vitest'
import { retryDelayMs } from '../../server/webhooks/delivery-retry.js'
import { deliveryIdFor, outcomeOf, sendWebhook } from '../../server/webhooks/index.js'

const base = { url: 'https://oa.example.gov/hook', secret: 'oa-shared-secret-0123456789', deliveryId: 'dlv_1', eventType: 'work_order.created', rawBody: '{}' }

function clock(stepMs: number) {
  let time = Date.parse('2026-11-23T08:00:00Z')
  return () => {
    const now = new Date(time)
    time += stepMs
    return now
  }
}

const answering = (status: number) => (async () => new Response('body', { status })) as unknown as typeof globalThis.fetch

describe('sendWebhook', () => {
  it('counts any 2xx as delivered, 410 as gone, anything else as a retry', () => {
    expect([200, 201, 202, 204, 299].map(outcomeOf)).toEqual(Array(5).fill('delivered'))
    expect(outcomeOf(410)).toBe('gone')
    expect([301, 302, 400, 401, 404, 429, 500, 503].map(outcomeOf)).toEqual(Array(8).fill('retry'))
  })

  it('records the status and the duration by the injected clock', async () => {
    const result = await sendWebhook({ ...base, fetch: answering(500), now: clock(40), timeoutMs: 1000 })
    expect(result).toEqual({ outcome: 'retry', attempt: { at: new Date('2026-11-23T08:00:00Z'), statusCode: 500, durationMs: 40 } })
    expect((await sendWebhook({ ...base, fetch: answering(410), now: clock(0), timeoutMs: 1000 })).outcome).toBe('gone')
  })

  it('does not follow redirects', async () => {
    let redirect: RequestRedirect | undefined
    const fetch = (async (_url: string, init: RequestInit) => {
      redirect = init.redirect
      return new Response(null, { status: 302, headers: { location: 'https://elsewhere.example' } })
    }) as unknown as typeof globalThis.fetch
    expect((await sendWebhook({ ...base, fetch, now: clock(0), timeoutMs: 1000 })).outcome).toBe('retry')
    expect(redirect).toBe('manual')
  })

  it('turns a network error into a retry with the reason', async () => {
    const fetch = (async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) })
    }) as unknown as typeof globalThis.fetch
    const result = await sendWebhook({ ...base, fetch, now: clock(0), timeoutMs: 1000 })
    expect(result.outcome).toBe('retry')
    expect(result.attempt).toMatchObject({ error: 'network error: ECONNREFUSED' })
    expect(result.attempt.statusCode).toBeUndefined()
  })

  it('gives up on an attempt after the timeout, through the abort signal', async () => {
    const fetch = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)))) as unknown as typeof globalThis.fetch
    const result = await sendWebhook({ ...base, fetch, now: clock(0), timeoutMs: 100 })
    expect(result).toMatchObject({ outcome: 'retry', attempt: { error: 'timeout after 100 ms' } })
  })
})

describe('delivery ids and retry delays', () => {
  it('derives the same delivery id from the same event and endpoint, another for any other pair', () => {
    expect(deliveryIdFor('ev-1', 'oa')).toBe(deliveryIdFor('ev-1', 'oa'))
    expect(deliveryIdFor('ev-1', 'oa')).toMatch(/^dlv_[0-9a-f]{32}$/)
    expect(new Set([deliveryIdFor('ev-1', 'oa'), deliveryIdFor('ev-2', 'oa'), deliveryIdFor('ev-1', 'oa2'), deliveryIdFor('ev-1\noa', '')]).size).toBe(4)
  })

  it('doubles the wait after each failed attempt, as BullMQ does', () => {
    expect([1, 2, 3, 7].map((attempt) => retryDelayMs({ attempts: 8, initialDelayMs: 10_000 }, attempt))).toEqual([10_000, 20_000, 40_000, 640_000])
  })
})
