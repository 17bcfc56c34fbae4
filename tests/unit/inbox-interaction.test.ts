import { describe, expect, it } from 'vitest'
import { TypingThrottle } from '../../inbox/src/realtime/typing-throttle.js'
import { globalKeyAction } from '../../inbox/src/state/global-keys.js'
import { nextListIndex } from '../../inbox/src/state/list-navigation.js'
import { seqToMarkRead } from '../../inbox/src/state/mark-read.js'

describe('nextListIndex', () => {
  it('moves with arrows and j/k, clamped to the list', () => {
    expect(nextListIndex('ArrowDown', 0, 3)).toBe(1)
    expect(nextListIndex('j', 2, 3)).toBe(2)
    expect(nextListIndex('ArrowUp', 0, 3)).toBe(0)
    expect(nextListIndex('k', 2, 3)).toBe(1)
    expect(nextListIndex('Home', 2, 3)).toBe(0)
    expect(nextListIndex('End', 0, 3)).toBe(2)
  })

  it('ignores other keys and empty lists, and recovers from a stale index', () => {
    expect(nextListIndex('x', 0, 3)).toBeNull()
    expect(nextListIndex('ArrowDown', 0, 0)).toBeNull()
    expect(nextListIndex('ArrowDown', 9, 3)).toBe(2)
  })
})

describe('globalKeyAction', () => {
  const key = (value: string, extra: Partial<Parameters<typeof globalKeyAction>[0]> = {}) => ({
    key: value,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    isComposing: false,
    ...extra,
  })

  it('focuses the reply box on r, but never while typing or with modifiers', () => {
    expect(globalKeyAction(key('r'), false)).toBe('focus-reply')
    expect(globalKeyAction(key('r'), true)).toBeNull()
    expect(globalKeyAction(key('r', { ctrlKey: true }), false)).toBeNull()
    expect(globalKeyAction(key('r', { metaKey: true }), false)).toBeNull()
  })

  it('returns to the list on Esc, even from the reply box, but not mid-IME composition', () => {
    expect(globalKeyAction(key('Escape'), true)).toBe('focus-list')
    expect(globalKeyAction(key('Escape', { isComposing: true }), true)).toBeNull()
  })
})

describe('seqToMarkRead', () => {
  const base = { visible: true, unreadCount: 0, lastSeq: 10, lastInboundSeq: 10, markedSeq: 10 }

  it('does nothing when everything held was already reported', () => {
    expect(seqToMarkRead(base)).toBeNull()
  })

  it('reports the last seq when a new inbound message arrives', () => {
    expect(seqToMarkRead({ ...base, lastSeq: 11, lastInboundSeq: 11 })).toBe(11)
  })

  it('does not report after the agent’s own reply alone', () => {
    expect(seqToMarkRead({ ...base, lastSeq: 11 })).toBeNull()
  })

  it('reports when the server still counts unread messages', () => {
    expect(seqToMarkRead({ ...base, unreadCount: 2, markedSeq: 0 })).toBe(10)
  })

  it('waits while the page is hidden', () => {
    expect(seqToMarkRead({ ...base, visible: false, lastSeq: 11, lastInboundSeq: 11 })).toBeNull()
  })
})

describe('TypingThrottle', () => {
  it('sends one "on" per interval and one "off" when typing stops', () => {
    const throttle = new TypingThrottle(3_000)
    expect(throttle.keystroke(0)).toBe(true)
    expect(throttle.keystroke(1_000)).toBe(false)
    expect(throttle.keystroke(2_999)).toBe(false)
    expect(throttle.keystroke(3_000)).toBe(true)
    expect(throttle.stop()).toBe(true)
    expect(throttle.stop()).toBe(false)
    expect(throttle.keystroke(3_100)).toBe(true)
  })

  it('owes no "off" when nothing was sent', () => {
    expect(new TypingThrottle().stop()).toBe(false)
  })
})
