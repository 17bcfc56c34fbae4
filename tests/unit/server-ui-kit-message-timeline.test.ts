import { describe, expect, it } from 'vitest'
import type { MessageDto } from '../../server/presenters/dto.js'
import { MessageTimeline, type PendingMessage, type TimelineEntry } from '../../ui-kit/message-timeline.js'

function message(seq: number, overrides: Partial<MessageDto> = {}): MessageDto {
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    direction: 'inbound',
    sender: { type: 'contact', name: 'Visitor K3F9' },
    type: 'text',
    body: `message ${seq}`,
    attachments: [],
    status: 'delivered',
    private: false,
    createdAt: '2025-01-01T08:00:00.000Z',
    ...overrides,
  }
}

/** A message a citizen can see, after the visible message `prev` (private notes in between are not sent to them). */
const visible = (seq: number, prev: number, overrides: Partial<MessageDto> = {}) => message(seq, { prevVisibleSeq: prev, ...overrides })

function pending(clientId: string, overrides: Partial<PendingMessage> = {}): PendingMessage {
  return { clientId, body: `draft ${clientId}`, createdAt: '2025-01-01T08:00:00.000Z', state: 'sending', ...overrides }
}

const seqs = (entries: TimelineEntry[]) => entries.map((entry) => (entry.kind === 'message' ? entry.message.seq : entry.pending.clientId))

describe("MessageTimeline ('all' mode, the inbox)", () => {
  it('starts empty at the given resume point', () => {
    const timeline = new MessageTimeline('c1', 7)
    expect(timeline.conversationId).toBe('c1')
    expect(timeline.resumeSeq).toBe(7)
    expect(timeline.hasGap).toBe(false)
    expect(timeline.size).toBe(0)
    expect(timeline.entries()).toEqual([])
  })

  it('defaults to resuming after seq 0', () => {
    expect(new MessageTimeline(null).resumeSeq).toBe(0)
  })

  it('advances the resume point over consecutive seqs', () => {
    const timeline = new MessageTimeline('c1')
    for (const seq of [1, 2, 3]) timeline.upsert(message(seq))
    expect(timeline.resumeSeq).toBe(3)
    expect(timeline.hasGap).toBe(false)
  })

  it('stops at a missing seq and reports the gap', () => {
    const timeline = new MessageTimeline('c1')
    timeline.upsert(message(1))
    timeline.upsert(message(3))
    timeline.upsert(message(4))
    expect(timeline.resumeSeq).toBe(1)
    expect(timeline.hasGap).toBe(true)
  })

  it('closes the gap when the missing message arrives, jumping over everything held after it', () => {
    const timeline = new MessageTimeline('c1')
    for (const seq of [1, 3, 4]) timeline.upsert(message(seq))
    timeline.upsert(message(2))
    expect(timeline.resumeSeq).toBe(4)
    expect(timeline.hasGap).toBe(false)
  })

  it('handles messages arriving in reverse order', () => {
    const timeline = new MessageTimeline('c1')
    for (const seq of [5, 4, 3, 2]) timeline.upsert(message(seq))
    expect(timeline.resumeSeq).toBe(0)
    timeline.upsert(message(1))
    expect(timeline.resumeSeq).toBe(5)
  })

  it('does not count a gap that starts at seq 1 as held', () => {
    const timeline = new MessageTimeline('c1')
    timeline.upsert(message(2))
    expect(timeline.resumeSeq).toBe(0)
    expect(timeline.hasGap).toBe(true)
  })

  it('continues from the start point, and older messages (loaded earlier) do not move it', () => {
    const timeline = new MessageTimeline('c1', 10)
    timeline.upsert(message(11))
    timeline.upsert(message(5))
    expect(timeline.resumeSeq).toBe(11)
    expect(timeline.hasGap).toBe(false)
    expect(timeline.has(5)).toBe(true)
  })

  it('ignores prevVisibleSeq: a private note is still a message staff must hold', () => {
    const timeline = new MessageTimeline('c1')
    timeline.upsert(visible(1, 0))
    timeline.upsert(visible(3, 1))
    expect(timeline.resumeSeq).toBe(1)
    expect(timeline.hasGap).toBe(true)
  })

  it('lists messages by seq whatever order they arrived in', () => {
    const timeline = new MessageTimeline('c1')
    for (const seq of [3, 1, 4, 2]) timeline.upsert(message(seq))
    expect(seqs(timeline.entries())).toEqual([1, 2, 3, 4])
  })
})

describe('MessageTimeline: duplicates and updates', () => {
  it('reports an identical copy (live push + replay) as no change and keeps one', () => {
    const timeline = new MessageTimeline('c1')
    expect(timeline.upsert(message(1))).toBe(true)
    expect(timeline.upsert(message(1))).toBe(false)
    expect(timeline.size).toBe(1)
    expect(seqs(timeline.entries())).toEqual([1])
  })

  it('replaces a message whose status changed', () => {
    const timeline = new MessageTimeline('c1')
    timeline.upsert(message(1, { status: 'sent' }))
    expect(timeline.upsert(message(1, { status: 'read' }))).toBe(true)
    expect(timeline.entries()).toEqual([{ kind: 'message', message: message(1, { status: 'read' }) }])
  })

  it('replaces a message whose body changed', () => {
    const timeline = new MessageTimeline('c1')
    timeline.upsert(message(1))
    expect(timeline.upsert(message(1, { body: 'edited' }))).toBe(true)
    expect(timeline.entries()).toEqual([{ kind: 'message', message: message(1, { body: 'edited' }) }])
  })

  it('records a failure reported after sent', () => {
    const timeline = new MessageTimeline('c1')
    timeline.upsert(message(1, { status: 'sent' }))
    timeline.upsert(message(1, { status: 'failed', statusReason: 'user blocked the account' }))
    const [entry] = timeline.entries()
    expect(entry?.kind === 'message' && entry.message.status).toBe('failed')
  })

  it('keeps the furthest delivery status when an older copy of a message arrives late', () => {
    // e.g. the inbox fills a gap over REST (page read while the message was 'sent'),
    // and the live 'message.updated' to 'read' lands before the page does.
    const timeline = new MessageTimeline('c1')
    timeline.upsert(message(1, { status: 'read' }))
    timeline.upsert(message(1, { status: 'sent' }))
    const [entry] = timeline.entries()
    expect(entry?.kind === 'message' && entry.message.status).toBe('read')
  })
})

describe('MessageTimeline: pending (optimistic) messages', () => {
  it('lists pending messages after stored ones, in the order they were written', () => {
    const timeline = new MessageTimeline('c1')
    timeline.addPending(pending('client-b'))
    timeline.addPending(pending('client-a'))
    timeline.upsert(message(1))
    expect(seqs(timeline.entries())).toEqual([1, 'client-b', 'client-a'])
  })

  it('drops the optimistic copy once the stored message with its client id arrives', () => {
    const timeline = new MessageTimeline('c1')
    timeline.addPending(pending('client-a'))
    timeline.upsert(message(1, { clientId: 'client-a' }))
    expect(timeline.entries()).toEqual([{ kind: 'message', message: message(1, { clientId: 'client-a' }) }])
    expect(timeline.unconfirmed()).toEqual([])
  })

  it('keeps pending messages whose client id does not match', () => {
    const timeline = new MessageTimeline('c1')
    timeline.addPending(pending('client-a'))
    timeline.upsert(message(1, { clientId: 'client-b' }))
    expect(timeline.unconfirmed().map((entry) => entry.clientId)).toEqual(['client-a'])
  })

  it('updates a pending message in place', () => {
    const timeline = new MessageTimeline('c1')
    timeline.addPending(pending('client-a'))
    timeline.addPending(pending('client-b'))
    timeline.updatePending('client-a', { state: 'sent' })
    expect(timeline.entries()).toEqual([
      { kind: 'pending', pending: pending('client-a', { state: 'sent' }) },
      { kind: 'pending', pending: pending('client-b') },
    ])
  })

  it('ignores an update for a client id it does not hold', () => {
    const timeline = new MessageTimeline('c1')
    timeline.updatePending('client-z', { state: 'failed' })
    expect(timeline.entries()).toEqual([])
  })

  it('offers for resending every unconfirmed message except failed ones', () => {
    const timeline = new MessageTimeline('c1')
    timeline.addPending(pending('client-a'))
    timeline.addPending(pending('client-b', { state: 'sent' }))
    timeline.addPending(pending('client-c', { state: 'failed', error: 'too long' }))
    expect(timeline.unconfirmed().map((entry) => entry.clientId)).toEqual(['client-a', 'client-b'])
  })

  it('does not count pending messages as held seqs', () => {
    const timeline = new MessageTimeline('c1')
    timeline.addPending(pending('client-a'))
    expect(timeline.size).toBe(0)
    expect(timeline.hasGap).toBe(false)
  })
})

describe("MessageTimeline ('public' mode, the widget)", () => {
  it('treats private-note holes as contiguous by following prevVisibleSeq', () => {
    const timeline = new MessageTimeline('c1', 0, 'public')
    timeline.upsert(visible(1, 0))
    timeline.upsert(visible(4, 1))
    timeline.upsert(visible(5, 4))
    expect(timeline.resumeSeq).toBe(5)
    expect(timeline.hasGap).toBe(false)
  })

  it('accepts a first visible message that follows private notes', () => {
    const timeline = new MessageTimeline('c1', 0, 'public')
    timeline.upsert(visible(3, 0))
    expect(timeline.resumeSeq).toBe(3)
  })

  it('reports a gap when the previous visible message is missing', () => {
    const timeline = new MessageTimeline('c1', 0, 'public')
    timeline.upsert(visible(1, 0))
    timeline.upsert(visible(6, 4))
    expect(timeline.resumeSeq).toBe(1)
    expect(timeline.hasGap).toBe(true)
    timeline.upsert(visible(4, 1))
    expect(timeline.resumeSeq).toBe(6)
    expect(timeline.hasGap).toBe(false)
  })

  it('handles visible messages arriving out of order', () => {
    const timeline = new MessageTimeline('c1', 0, 'public')
    timeline.upsert(visible(9, 7))
    timeline.upsert(visible(7, 2))
    expect(timeline.resumeSeq).toBe(0)
    timeline.upsert(visible(2, 0))
    expect(timeline.resumeSeq).toBe(9)
    expect(seqs(timeline.entries())).toEqual([2, 7, 9])
  })

  it('falls back to seq - 1 for a message without prevVisibleSeq', () => {
    const timeline = new MessageTimeline('c1', 0, 'public')
    timeline.upsert(message(1))
    timeline.upsert(message(2))
    expect(timeline.resumeSeq).toBe(2)
    timeline.upsert(message(4))
    expect(timeline.resumeSeq).toBe(2)
    expect(timeline.hasGap).toBe(true)
  })

  it('resumes from a given visible seq', () => {
    const timeline = new MessageTimeline('c1', 5, 'public')
    timeline.upsert(visible(8, 5))
    expect(timeline.resumeSeq).toBe(8)
  })

  it('dedupes a replayed copy like the inbox does', () => {
    const timeline = new MessageTimeline('c1', 0, 'public')
    expect(timeline.upsert(visible(3, 0))).toBe(true)
    expect(timeline.upsert(visible(3, 0))).toBe(false)
    expect(timeline.size).toBe(1)
  })
})
