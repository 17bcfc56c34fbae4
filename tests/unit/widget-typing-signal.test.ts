import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TypingSignal } from '../../widget/src/frame/typing-signal.js'

describe('TypingSignal', () => {
  let sent: boolean[]
  let signal: TypingSignal

  beforeEach(() => {
    vi.useFakeTimers()
    sent = []
    signal = new TypingSignal((on) => sent.push(on))
  })
  afterEach(() => vi.useRealTimers())

  it('sends on at most once every 3 s while typing', () => {
    for (let i = 0; i < 10; i++) {
      signal.input()
      vi.advanceTimersByTime(500)
    }
    // 0 s, 3 s: two `on` frames in 5 s of typing, and no `off` (never 4 s idle)
    expect(sent).toEqual([true, true])
  })

  it('sends off after 4 s without input', () => {
    signal.input()
    vi.advanceTimersByTime(3_999)
    expect(sent).toEqual([true])
    vi.advanceTimersByTime(1)
    expect(sent).toEqual([true, false])
  })

  it('sends off at once on send, and on again with the next keystroke', () => {
    signal.input()
    signal.stop()
    expect(sent).toEqual([true, false])
    signal.input()
    expect(sent).toEqual([true, false, true])
  })

  it('never sends off without a preceding on', () => {
    signal.stop()
    vi.advanceTimersByTime(10_000)
    expect(sent).toEqual([])
  })
})
