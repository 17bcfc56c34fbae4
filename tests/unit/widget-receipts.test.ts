import { describe, expect, it } from 'vitest'
import { ReceiptTracker } from '../../widget/src/frame/receipt-tracker.js'
import { messageDto } from '../support/message-fixture.js'

const message = messageDto

describe('ReceiptTracker', () => {
  it('marks agent messages read while visible, each once', () => {
    const tracker = new ReceiptTracker()
    const messages = [message({ seq: 1 }), message({ seq: 2, direction: 'inbound', sender: { type: 'contact' } })]
    const frames = tracker.plan(messages, true)
    expect(frames).toEqual([{ type: 'receipt', status: 'read', messageIds: ['m1'] }])
    for (const frame of frames) tracker.confirm(frame)
    expect(tracker.plan(messages, true)).toEqual([])
  })

  it('marks them delivered while hidden, then read when shown', () => {
    const tracker = new ReceiptTracker()
    const messages = [message({ seq: 1 })]
    const hidden = tracker.plan(messages, false)
    expect(hidden).toEqual([{ type: 'receipt', status: 'delivered', messageIds: ['m1'] }])
    for (const frame of hidden) tracker.confirm(frame)
    expect(tracker.plan(messages, false)).toEqual([])
    expect(tracker.unreadCount(messages)).toBe(1)
    const shown = tracker.plan(messages, true)
    expect(shown).toEqual([{ type: 'receipt', status: 'read', messageIds: ['m1'] }])
    for (const frame of shown) tracker.confirm(frame)
    expect(tracker.unreadCount(messages)).toBe(0)
  })

  it('respects the status the server already holds (a replay sends nothing new)', () => {
    const tracker = new ReceiptTracker()
    expect(tracker.plan([message({ seq: 1, status: 'read' })], true)).toEqual([])
    expect(tracker.plan([message({ seq: 1, status: 'delivered' })], false)).toEqual([])
    expect(tracker.unreadCount([message({ seq: 1, status: 'read' }), message({ seq: 2, status: 'delivered' })])).toBe(1)
  })

  it('plans again what was not confirmed (not sent while offline)', () => {
    const tracker = new ReceiptTracker()
    tracker.plan([message({ seq: 1 })], true)
    expect(tracker.plan([message({ seq: 1 })], true)).toHaveLength(1)
  })

  it('never reports private notes, and splits at 100 ids per frame', () => {
    const tracker = new ReceiptTracker()
    expect(tracker.plan([message({ seq: 1, private: true })], true)).toEqual([])
    const many = Array.from({ length: 205 }, (_, index) => message({ seq: index + 1 }))
    expect(tracker.plan(many, true).map((frame) => frame.messageIds.length)).toEqual([100, 100, 5])
  })
})
