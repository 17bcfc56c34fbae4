import { describe, expect, it } from 'vitest'
import { CLOSING_WARNING_MS, replyWindow } from '../../inbox/src/state/reply-window.js'
import { splitDuration } from '../../inbox/src/state/waiting-time.js'

const HOUR = 3_600_000
const NOW = Date.parse('2025-03-10T12:00:00Z')
const hoursAgo = (hours: number) => new Date(NOW - hours * HOUR).toISOString()

describe('replyWindow', () => {
  it('warns about nothing on channels without a window, or when the hub does not say', () => {
    expect(replyWindow(hoursAgo(100), null, NOW)).toEqual({ state: 'none' })
    expect(replyWindow(hoursAgo(100), undefined, NOW)).toEqual({ state: 'none' })
    expect(replyWindow(undefined, 48, NOW)).toEqual({ state: 'none' })
    expect(replyWindow('not a date', 48, NOW)).toEqual({ state: 'none' })
  })

  it('is open well inside the window', () => {
    expect(replyWindow(hoursAgo(1), 48, NOW)).toEqual({ state: 'open', closesAtMs: NOW + 47 * HOUR })
    expect(replyWindow(hoursAgo(43.9), 48, NOW).state).toBe('open')
  })

  it('counts down the last four hours', () => {
    expect(CLOSING_WARNING_MS).toBe(4 * HOUR)
    expect(replyWindow(hoursAgo(44), 48, NOW)).toEqual({ state: 'closing', closesAtMs: NOW + 4 * HOUR, remainingMs: 4 * HOUR })
    expect(replyWindow(hoursAgo(47.5), 48, NOW)).toEqual({ state: 'closing', closesAtMs: NOW + 0.5 * HOUR, remainingMs: 0.5 * HOUR })
  })

  it('is closed once the window has passed, or when the citizen never wrote', () => {
    expect(replyWindow(hoursAgo(48), 48, NOW)).toEqual({ state: 'closed' })
    expect(replyWindow(hoursAgo(72), 48, NOW)).toEqual({ state: 'closed' })
    expect(replyWindow(null, 48, NOW)).toEqual({ state: 'closed' })
  })

  it('follows the injected clock', () => {
    const lastInboundAt = hoursAgo(0)
    expect(replyWindow(lastInboundAt, 48, NOW + 43 * HOUR).state).toBe('open')
    expect(replyWindow(lastInboundAt, 48, NOW + 45 * HOUR).state).toBe('closing')
    expect(replyWindow(lastInboundAt, 48, NOW + 49 * HOUR).state).toBe('closed')
  })
})

describe('splitDuration', () => {
  it('splits into whole days, hours and minutes, never negative', () => {
    expect(splitDuration(3 * HOUR + 12 * 60_000 + 59_000)).toEqual({ days: 0, hours: 3, minutes: 12 })
    expect(splitDuration(26 * HOUR)).toEqual({ days: 1, hours: 2, minutes: 0 })
    expect(splitDuration(-5)).toEqual({ days: 0, hours: 0, minutes: 0 })
  })
})
