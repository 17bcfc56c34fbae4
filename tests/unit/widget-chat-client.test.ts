import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WidgetServerFrame } from '../../server/realtime/protocol.js'
import { ChatClient } from '../../widget/src/frame/chat-client.js'
import { messageDto } from '../support/message-fixture.js'

const message = messageDto

/** Just enough of a WebSocket for ReconnectingSocket; the test plays the server. */
class FakeSocket {
  readyState = 0
  sent: Record<string, unknown>[] = []
  onopen: (() => void) | null = null
  onmessage: ((event: { data: string }) => void) | null = null
  onclose: ((event: { code: number }) => void) | null = null
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data))
  }
  close(code = 1006) {
    if (this.readyState === 3) return
    this.readyState = 3
    this.onclose?.({ code })
  }
  open() {
    this.readyState = 1
    this.onopen?.()
  }
  receive(frame: WidgetServerFrame) {
    this.onmessage?.({ data: JSON.stringify(frame) })
  }
  sentOfType(type: string) {
    return this.sent.filter((frame) => frame.type === type)
  }
}

describe('ChatClient', () => {
  let sockets: FakeSocket[]
  let ids: number
  let client: ChatClient
  const last = () => sockets[sockets.length - 1] as FakeSocket

  /** Drops the connection and lets the backoff timer open a new one. */
  const reconnect = () => {
    last().close()
    vi.advanceTimersByTime(1_000)
    last().open()
    return last()
  }

  beforeEach(() => {
    vi.useFakeTimers()
    // Node 20 has no global WebSocket; ReconnectingSocket only reads WebSocket.OPEN from it.
    vi.stubGlobal('WebSocket', { OPEN: 1 })
    sockets = []
    ids = 0
    client = new ChatClient({
      url: () => 'ws://hub.test/ws/widget',
      language: 'zh-CN',
      minDelayMs: 100,
      newClientId: () => `client-${++ids}-abc`,
      createWebSocket: (url) => {
        const socket = new FakeSocket(url)
        sockets.push(socket)
        return socket as unknown as WebSocket
      },
    })
    client.start('tok')
  })

  afterEach(() => {
    client.stop()
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  it('says hello without resume first, then resumes from the highest contiguous seq', () => {
    const first = last()
    first.open()
    expect(first.sent[0]).toEqual({ type: 'hello', token: 'tok', language: 'zh-CN' })
    expect(client.state).toBe('open')
    first.receive({ type: 'ready', visitorId: 'v1', conversationId: 'c1', lastSeq: 2 })
    expect(client.state).toBe('ready')
    first.receive({ type: 'message', message: message({ seq: 1 }) })
    first.receive({ type: 'message', message: message({ seq: 2 }) })
    const second = reconnect()
    expect(second.sent[0]).toEqual({ type: 'hello', token: 'tok', language: 'zh-CN', resume: { conversationId: 'c1', seq: 2 } })
  })

  it('ignores replayed duplicates', () => {
    last().open()
    last().receive({ type: 'ready', visitorId: 'v1', conversationId: 'c1', lastSeq: 1 })
    last().receive({ type: 'message', message: message({ seq: 1 }) })
    const second = reconnect()
    second.receive({ type: 'ready', visitorId: 'v1', conversationId: 'c1', lastSeq: 1 })
    second.receive({ type: 'message', message: message({ seq: 1 }) })
    expect(client.snapshot().entries).toHaveLength(1)
  })

  it('queues a message until ready, re-sends it after a reconnect with the same clientId, and shows it once', () => {
    expect(client.send('你好')).toBe('queued')
    expect(client.snapshot().entries).toMatchObject([{ kind: 'pending', pending: { state: 'sending', body: '你好' } }])
    const first = last()
    first.open()
    expect(first.sentOfType('message')).toEqual([])
    first.receive({ type: 'ready', visitorId: 'v1', conversationId: null, lastSeq: 0 })
    expect(first.sentOfType('message')).toEqual([{ type: 'message', clientId: 'client-1-abc', text: '你好' }])

    // The network drops before the ack: the same clientId goes out again, so the server can dedupe.
    const second = reconnect()
    second.receive({ type: 'ready', visitorId: 'v1', conversationId: null, lastSeq: 0 })
    expect(second.sentOfType('message')).toEqual([{ type: 'message', clientId: 'client-1-abc', text: '你好' }])

    second.receive({ type: 'ack', clientId: 'client-1-abc' })
    expect(client.snapshot().entries).toMatchObject([{ kind: 'pending', pending: { state: 'sent' } }])
    expect(client.snapshot().lastAcked).toBe('client-1-abc')
    const stored = message({ seq: 1, direction: 'inbound', sender: { type: 'contact' }, clientId: 'client-1-abc', body: '你好' })
    second.receive({ type: 'message', message: stored })
    second.receive({ type: 'message', message: stored })
    expect(client.snapshot().entries).toEqual([{ kind: 'message', message: stored }])
  })

  it('does not re-send messages the server already acked', () => {
    last().open()
    last().receive({ type: 'ready', visitorId: 'v1', conversationId: 'c1', lastSeq: 0 })
    client.send('hi')
    last().receive({ type: 'ack', clientId: 'client-1-abc' })
    const second = reconnect()
    second.receive({ type: 'ready', visitorId: 'v1', conversationId: 'c1', lastSeq: 0 })
    expect(second.sentOfType('message')).toEqual([])
  })

  it('starts a fresh timeline when the server reports another conversation, keeping unsent messages', () => {
    last().open()
    last().receive({ type: 'ready', visitorId: 'v1', conversationId: 'c1', lastSeq: 1 })
    last().receive({ type: 'message', message: message({ seq: 1 }) })
    client.send('still mine')
    const second = reconnect()
    second.receive({ type: 'ready', visitorId: 'v1', conversationId: 'c2', lastSeq: 0 })
    expect(client.snapshot().entries).toMatchObject([{ kind: 'pending', pending: { body: 'still mine' } }])
    const third = reconnect()
    expect(third.sent[0]).toMatchObject({ type: 'hello', resume: { conversationId: 'c2', seq: 0 } })
  })

  it('forces one resync when a gap does not close within 2 s', () => {
    const first = last()
    first.open()
    first.receive({ type: 'ready', visitorId: 'v1', conversationId: 'c1', lastSeq: 0 })
    first.receive({ type: 'message', message: message({ seq: 1 }) })
    first.receive({ type: 'message', message: message({ seq: 3 }) })
    vi.advanceTimersByTime(1_900)
    expect(first.readyState).toBe(1)
    vi.advanceTimersByTime(200)
    expect(first.readyState).toBe(3)
    vi.advanceTimersByTime(1_000)
    const second = last()
    second.open()
    expect(second.sent[0]).toMatchObject({ resume: { conversationId: 'c1', seq: 1 } })
    // The server has nothing to fill seq 2 with: do not loop on it.
    second.receive({ type: 'ready', visitorId: 'v1', conversationId: 'c1', lastSeq: 3 })
    second.receive({ type: 'message', message: message({ seq: 3 }) })
    vi.advanceTimersByTime(5_000)
    expect(second.readyState).toBe(1)
  })

  it('does not resync when the gap closes in time', () => {
    const first = last()
    first.open()
    first.receive({ type: 'ready', visitorId: 'v1', conversationId: 'c1', lastSeq: 0 })
    first.receive({ type: 'message', message: message({ seq: 2 }) })
    vi.advanceTimersByTime(1_000)
    first.receive({ type: 'message', message: message({ seq: 1 }) })
    vi.advanceTimersByTime(5_000)
    expect(first.readyState).toBe(1)
  })

  it('marks a message failed on an error frame and retries it with the same clientId', () => {
    last().open()
    last().receive({ type: 'ready', visitorId: 'v1', conversationId: 'c1', lastSeq: 0 })
    client.send('hi')
    last().receive({ type: 'error', code: 'rate_limited', message: 'slow down', clientId: 'client-1-abc' })
    expect(client.snapshot().entries).toMatchObject([{ kind: 'pending', pending: { state: 'failed' } }])
    expect(client.snapshot().error).toEqual({ code: 'rate_limited', clientId: 'client-1-abc' })
    client.retry('client-1-abc')
    expect(last().sentOfType('message')).toEqual([
      { type: 'message', clientId: 'client-1-abc', text: 'hi' },
      { type: 'message', clientId: 'client-1-abc', text: 'hi' },
    ])
    expect(client.snapshot().error).toBeNull()
  })

  it('fails a message that is never acked, instead of spinning forever', () => {
    last().open()
    last().receive({ type: 'ready', visitorId: 'v1', conversationId: 'c1', lastSeq: 0 })
    client.send('hi')
    vi.advanceTimersByTime(20_000)
    expect(client.snapshot().entries).toMatchObject([{ kind: 'pending', pending: { state: 'failed' } }])
    expect(client.snapshot().error).toEqual({ code: 'timeout', clientId: 'client-1-abc' })
  })

  it('fails the oversized message on frame_too_large, which the server cannot attribute', () => {
    last().open()
    last().receive({ type: 'ready', visitorId: 'v1', conversationId: 'c1', lastSeq: 0 })
    client.send('short')
    client.send('长'.repeat(3000))
    last().receive({ type: 'error', code: 'frame_too_large', message: 'Frames are limited to 4096 bytes' })
    const states = client.snapshot().entries.map((entry) => (entry.kind === 'pending' ? entry.pending.state : null))
    expect(states).toEqual(['sending', 'failed'])
    expect(client.snapshot().error).toEqual({ code: 'frame_too_large', clientId: 'client-2-abc' })
  })

  it('renews the session when the token expires while connected, keeping the message queued', () => {
    last().open()
    last().receive({ type: 'ready', visitorId: 'v1', conversationId: 'c1', lastSeq: 0 })
    client.send('hi')
    last().receive({ type: 'error', code: 'visitor_token_expired', message: 'expired', clientId: 'client-1-abc' })
    expect(client.state).toBe('closed')
    expect(client.snapshot().error).toBeNull()
    client.start('tok-2')
    last().open()
    last().receive({ type: 'ready', visitorId: 'v1', conversationId: 'c1', lastSeq: 0 })
    expect(last().sentOfType('message')).toEqual([{ type: 'message', clientId: 'client-1-abc', text: 'hi' }])
  })

  it('treats holes left by private notes as no gap (prevVisibleSeq), so it does not resync', () => {
    const first = last()
    first.open()
    first.receive({ type: 'ready', visitorId: 'v1', conversationId: 'c1', lastSeq: 4 })
    first.receive({ type: 'message', message: message({ seq: 1, prevVisibleSeq: 0 }) })
    first.receive({ type: 'message', message: message({ seq: 4, prevVisibleSeq: 1 }) })
    vi.advanceTimersByTime(5_000)
    expect(first.readyState).toBe(1)
    const second = reconnect()
    expect(second.sent[0]).toMatchObject({ resume: { conversationId: 'c1', seq: 4 } })
  })

  it('refuses empty and over-long messages, counting the trimmed text like the server', () => {
    expect(client.send('  \n ')).toBe('empty')
    expect(client.send('字'.repeat(4001))).toBe('too-long')
    expect(client.send(` ${'字'.repeat(4000)}\n`)).toBe('queued')
    client.start('tok', 10)
    expect(client.send('x'.repeat(11))).toBe('too-long')
    client.start('tok', 20_000)
    expect(client.send('x'.repeat(4001))).toBe('too-long')
  })

  it('sends read receipts while visible and delivered while hidden; counts unread', () => {
    last().open()
    last().receive({ type: 'ready', visitorId: 'v1', conversationId: 'c1', lastSeq: 0 })
    last().receive({ type: 'message', message: message({ seq: 1 }) })
    expect(last().sentOfType('receipt')).toEqual([{ type: 'receipt', status: 'delivered', messageIds: ['m1'] }])
    expect(client.snapshot().unread).toBe(1)
    client.setVisible(true)
    expect(last().sentOfType('receipt')).toEqual([
      { type: 'receipt', status: 'delivered', messageIds: ['m1'] },
      { type: 'receipt', status: 'read', messageIds: ['m1'] },
    ])
    expect(client.snapshot().unread).toBe(0)
  })

  it('shows the agent typing until off, their message, or expiry', () => {
    last().open()
    last().receive({ type: 'ready', visitorId: 'v1', conversationId: 'c1', lastSeq: 0 })
    last().receive({ type: 'typing', on: true, name: 'Li' })
    expect(client.snapshot().agentTyping).toEqual({ name: 'Li' })
    last().receive({ type: 'message', message: message({ seq: 1 }) })
    expect(client.snapshot().agentTyping).toBeNull()
    last().receive({ type: 'typing', on: true })
    vi.advanceTimersByTime(30_000)
    expect(client.snapshot().agentTyping).toBeNull()
  })

  it('pings every 25 s and drops a connection that stays silent', () => {
    const first = last()
    first.open()
    first.receive({ type: 'ready', visitorId: 'v1', conversationId: null, lastSeq: 0 })
    vi.advanceTimersByTime(25_000)
    expect(first.sentOfType('ping')).toHaveLength(1)
    first.receive({ type: 'pong' })
    vi.advanceTimersByTime(50_000)
    expect(first.sentOfType('ping')).toHaveLength(3)
    vi.advanceTimersByTime(25_000)
    expect(first.readyState).toBe(3)
  })

  it('sends typing frames only when ready, throttled', () => {
    last().open()
    last().receive({ type: 'ready', visitorId: 'v1', conversationId: null, lastSeq: 0 })
    client.noteTyping(true)
    client.noteTyping(true)
    client.send('x')
    expect(last().sentOfType('typing')).toEqual([
      { type: 'typing', on: true },
      { type: 'typing', on: false },
    ])
  })

  it('reports closed when the server refuses the token, and a new start() connects again', () => {
    last().open()
    last().close(4003)
    expect(client.state).toBe('closed')
    client.start('tok-2')
    last().open()
    expect(last().sent[0]).toMatchObject({ type: 'hello', token: 'tok-2' })
  })

  it('never keeps private notes, even if the server sends one', () => {
    last().open()
    last().receive({ type: 'ready', visitorId: 'v1', conversationId: 'c1', lastSeq: 0 })
    last().receive({ type: 'message', message: message({ seq: 1, private: true }) })
    expect(client.snapshot().entries).toEqual([])
  })
})
