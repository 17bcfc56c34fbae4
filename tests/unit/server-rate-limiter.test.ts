import { describe, expect, it } from 'vitest'
import { RateLimiter } from '../../server/realtime/rate-limiter.js'

/** A limiter on a hand-driven clock. */
function limiter(limit: number, windowMs: number) {
  let now = 1_000_000
  const instance = new RateLimiter(limit, windowMs, () => now)
  return {
    take: () => instance.take(),
    takeMany: (count: number) => Array.from({ length: count }, () => instance.take()),
    advance(ms: number) {
      now += ms
    },
  }
}

describe('RateLimiter', () => {
  it('allows up to the limit within one window, then refuses', () => {
    const clock = limiter(3, 10_000)
    expect(clock.takeMany(5)).toEqual([true, true, true, false, false])
  })

  it('allows again once the oldest action leaves the window', () => {
    const clock = limiter(2, 10_000)
    clock.takeMany(2)
    clock.advance(9_999)
    expect(clock.take()).toBe(false)
    clock.advance(1)
    expect(clock.takeMany(3)).toEqual([true, true, false])
  })

  it('slides: actions spread over the window free up one by one', () => {
    const clock = limiter(2, 10_000)
    expect(clock.take()).toBe(true) // t = 0
    clock.advance(5_000)
    expect(clock.take()).toBe(true) // t = 5 s
    expect(clock.take()).toBe(false)
    clock.advance(5_000) // t = 10 s: the first one has left the window, the second has not
    expect(clock.takeMany(2)).toEqual([true, false])
    clock.advance(5_000) // t = 15 s: the second one has left
    expect(clock.takeMany(2)).toEqual([true, false])
  })

  it('does not count refused attempts against the caller', () => {
    const clock = limiter(1, 1_000)
    clock.take()
    clock.takeMany(50)
    clock.advance(1_000)
    expect(clock.take()).toBe(true)
  })

  it('forgets everything after a long pause', () => {
    const clock = limiter(20, 10_000)
    expect(clock.takeMany(20).every(Boolean)).toBe(true)
    clock.advance(60_000)
    expect(clock.takeMany(21)).toEqual([...Array.from({ length: 20 }, () => true), false])
  })

  it('refuses everything with a limit of 0', () => {
    const clock = limiter(0, 10_000)
    expect(clock.takeMany(3)).toEqual([false, false, false])
  })

  it('uses the real clock when none is injected', () => {
    const real = new RateLimiter(1, 60_000)
    expect(real.take()).toBe(true)
    expect(real.take()).toBe(false)
  })

  it('keeps separate budgets per instance (one per socket)', () => {
    const first = limiter(1, 10_000)
    const second = limiter(1, 10_000)
    expect(first.take()).toBe(true)
    expect(second.take()).toBe(true)
  })
})
