/**
 * The widget's connection to /ws/widget and its copy of the conversation.
 *
 * Delivery guarantees it relies on (see server/realtime/protocol.ts):
 * - every (re)connection starts with hello + resume point; the server replays what
 *   came after it, and MessageTimeline drops what we already hold;
 * - a message is re-sent with the SAME clientId until acked, and the server dedupes
 *   by clientId, so a reconnect never doubles a message;
 * - a gap in seq that does not close by itself is repaired by reconnecting, which
 *   replays from the last contiguous seq.
 */
import type { ConversationStatus, MessageDto } from '../../../server/presenters/dto.js'
import type { CLOSE_CODES, WidgetClientFrame, WidgetServerFrame } from '../../../server/realtime/protocol.js'
import { MessageTimeline, type PendingMessage, type TimelineEntry } from '../../../ui-kit/message-timeline.js'
import { type ConnectionState, ReconnectingSocket } from '../../../ui-kit/reconnecting-socket.js'
import { newClientId } from './client-id.js'
import { MAX_MESSAGE_LENGTH } from './limits.js'
import { ReceiptTracker } from './receipt-tracker.js'
import { TypingSignal } from './typing-signal.js'

// Typed against the server's constant (a type-only import keeps zod out of the bundle).
const UNAUTHORIZED: (typeof CLOSE_CODES)['unauthorized'] = 4003

const ACK_TIMEOUT_MS = 20_000
const GAP_GRACE_MS = 2_000
const PING_INTERVAL_MS = 25_000
/** Two pings without any frame back: the connection is dead even if the browser has not noticed. */
const SILENCE_LIMIT_MS = 2 * PING_INTERVAL_MS + 5_000
/** An agent's client that crashes never sends typing off; do not show "typing…" forever. */
const TYPING_EXPIRY_MS = 30_000

/**
 * `ready`: connected and the server answered hello (messages can be sent).
 * `closed`: the server refused the token (close 4003); get a new session and call start() again.
 */
export type ClientState = 'idle' | ConnectionState | 'ready'

export interface ChatError {
  /** The server's code (`rate_limited`, `message_too_long`, `frame_too_large`…), or `timeout` when no ack came. */
  code: string
  /** Set when the error is about one of the visitor's messages (it is marked failed). */
  clientId?: string
}

export interface ChatSnapshot {
  state: ClientState
  entries: TimelineEntry[]
  agentTyping: { name?: string } | null
  conversationStatus: ConversationStatus | null
  /** The citizen's place in line for an agent, while they wait for one. */
  queue: { position: number; expectedWaitSeconds: number | null } | null
  /** Last error the visitor should hear about; cleared by the next send or retry. */
  error: ChatError | null
  unread: number
  /** clientId of the latest message the server acked, to announce "Message sent". */
  lastAcked: string | null
}

export interface ChatClientOptions {
  url: () => string
  language: string
  createWebSocket?: (url: string) => WebSocket
  newClientId?: () => string
  minDelayMs?: number
}

export type SendResult = 'queued' | 'empty' | 'too-long'

/** Citizens never receive private notes: contiguity follows prevVisibleSeq, not seq - 1. */
const newTimeline = (conversationId: string | null) => new MessageTimeline(conversationId, 0, 'public')

export class ChatClient {
  private timeline = newTimeline(null)
  private socket: ReconnectingSocket<WidgetServerFrame> | null = null
  private token = ''
  private maxLength = MAX_MESSAGE_LENGTH
  private ready = false
  private visible = false
  /** Highest seq the server said exists; below it we are behind even without a visible hole. */
  private knownLastSeq = 0
  /** Resume point at which we last forced a resync; never force twice at the same point. */
  private resyncedAt: number | null = null
  private gapTimer: ReturnType<typeof setTimeout> | null = null
  private pingTimer: ReturnType<typeof setInterval> | null = null
  private typingExpiry: ReturnType<typeof setTimeout> | null = null
  private lastFrameAt = 0
  private readonly ackTimers = new Map<string, ReturnType<typeof setTimeout>>()
  private readonly receipts = new ReceiptTracker()
  private readonly typing = new TypingSignal((on) => this.sendFrame({ type: 'typing', on }))
  private readonly listeners = new Set<() => void>()
  private agentTyping: ChatSnapshot['agentTyping'] = null
  private conversationStatus: ConversationStatus | null = null
  private queue: ChatSnapshot['queue'] = null
  private error: ChatSnapshot['error'] = null
  private lastAcked: string | null = null
  private current: ChatSnapshot

  constructor(private readonly options: ChatClientOptions) {
    this.current = this.buildSnapshot()
  }

  /**
   * Connects with `token`; calling it again (after a new session) replaces the connection.
   * `maxLength` is the channel's limit from the session, never above the widget's own.
   */
  start(token: string, maxLength = MAX_MESSAGE_LENGTH): void {
    this.token = token
    this.maxLength = Math.min(maxLength, MAX_MESSAGE_LENGTH)
    this.closeSocket()
    const socket: ReconnectingSocket<WidgetServerFrame> = new ReconnectingSocket<WidgetServerFrame>({
      url: this.options.url,
      createWebSocket: this.options.createWebSocket,
      minDelayMs: this.options.minDelayMs,
      fatalCloseCodes: [UNAUTHORIZED],
      onOpen: () => this.socket === socket && this.hello(),
      onFrame: (frame) => this.socket === socket && this.handle(frame),
      onStateChange: (state) => this.socket === socket && this.onStateChange(state),
    })
    this.socket = socket
    this.pingTimer ??= setInterval(() => this.keepAlive(), PING_INTERVAL_MS)
    this.emit()
  }

  stop(): void {
    this.typing.stop()
    this.closeSocket()
    if (this.pingTimer) clearInterval(this.pingTimer)
    this.pingTimer = null
    this.emit()
  }

  get state(): ClientState {
    if (!this.socket) return 'idle'
    return this.socket.state === 'open' && this.ready ? 'ready' : this.socket.state
  }

  snapshot(): ChatSnapshot {
    return this.current
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Queues a message; it is shown at once and sent as soon as the connection is ready.
   * Trimmed like the server trims it, so the optimistic copy looks exactly like the stored one.
   */
  send(text: string): SendResult {
    const body = text.trim()
    if (!body) return 'empty'
    if (body.length > this.maxLength) return 'too-long'
    const pending: PendingMessage = {
      clientId: (this.options.newClientId ?? newClientId)(),
      body,
      createdAt: new Date().toISOString(),
      state: 'sending',
    }
    this.timeline.addPending(pending)
    this.typing.stop()
    this.error = null
    this.transmit(pending)
    this.emit()
    return 'queued'
  }

  /** Sends a failed message again with its original clientId, so it cannot arrive twice. */
  retry(clientId: string): void {
    const pending = this.findPending(clientId)
    if (!pending) return
    this.timeline.updatePending(clientId, { state: 'sending', error: undefined })
    this.error = null
    this.transmit(pending)
    this.emit()
  }

  /** Call on input events; `hasText` false (box cleared) ends the typing signal at once. */
  noteTyping(hasText: boolean): void {
    if (hasText) this.typing.input()
    else this.typing.stop()
  }

  /** Whether the visitor can see the transcript now (panel open and tab visible). */
  setVisible(visible: boolean): void {
    if (this.visible === visible) return
    this.visible = visible
    if (!visible) this.typing.stop()
    this.flushReceipts()
    this.emit()
  }

  /** Simulates a network failure (test hook); the socket reconnects and resumes by itself. */
  dropConnection(): void {
    // Not ready from this moment, although the browser reports the close a little later.
    this.ready = false
    this.socket?.dropConnection()
    this.emit()
  }

  private closeSocket(): void {
    const socket = this.socket
    // Detach first, so the old socket's 'closed' state is not mistaken for a refused token.
    this.socket = null
    this.ready = false
    socket?.close()
    this.clearTimers()
  }

  private hello(): void {
    this.ready = false
    this.lastFrameAt = Date.now()
    const hello: Extract<WidgetClientFrame, { type: 'hello' }> = { type: 'hello', token: this.token, language: this.options.language }
    if (this.timeline.conversationId) {
      hello.resume = { conversationId: this.timeline.conversationId, seq: this.timeline.resumeSeq }
    }
    this.socket?.send(hello)
  }

  private handle(frame: WidgetServerFrame): void {
    this.lastFrameAt = Date.now()
    switch (frame.type) {
      case 'ready':
        this.ready = true
        // A problem with the connection is over once it works again; a failed message keeps its error.
        if (!this.error?.clientId) this.error = null
        this.adopt(frame.conversationId)
        this.knownLastSeq = Math.max(this.knownLastSeq, frame.lastSeq)
        for (const pending of this.timeline.unconfirmed()) if (pending.state === 'sending') this.transmit(pending)
        break
      case 'message':
      case 'message.updated':
        this.receive(frame.message)
        break
      case 'ack':
        this.clearAckTimer(frame.clientId)
        if (this.findPending(frame.clientId)) this.lastAcked = frame.clientId
        this.timeline.updatePending(frame.clientId, { state: 'sent', error: undefined })
        break
      case 'typing':
        this.setAgentTyping(frame.on ? { name: frame.name } : null)
        break
      case 'conversation':
        this.adopt(frame.conversationId)
        this.conversationStatus = frame.status
        break
      case 'queue':
        this.queue = frame.position === null ? null : { position: frame.position, expectedWaitSeconds: frame.expectedWaitSeconds }
        break
      case 'error':
        this.handleError(frame.code, frame.clientId)
        break
      case 'pong':
        break
    }
    this.flushReceipts()
    this.watchGap()
    this.emit()
  }

  private handleError(code: string, clientId: string | undefined): void {
    if (code.startsWith('visitor_token_')) {
      // The token expired (at hello, or while connected): state 'closed' makes the owner renew the
      // session and call start() again; the message stays queued and is re-sent after the new hello.
      if (clientId) this.clearAckTimer(clientId)
      this.socket?.close()
      return
    }
    // The size check runs before the frame is parsed, so this error cannot name its clientId.
    const failed = clientId ?? (code === 'frame_too_large' ? this.largestInFlight() : undefined)
    if (failed) {
      this.clearAckTimer(failed)
      this.timeline.updatePending(failed, { state: 'failed', error: code })
    }
    this.error = failed ? { code, clientId: failed } : { code }
  }

  /**
   * Of the messages sent on this connection and not yet acked, the one with the biggest frame:
   * frames the server accepted are below its limit, so a rejected one is always the biggest.
   */
  private largestInFlight(): string | undefined {
    let largest: { clientId: string; bytes: number } | undefined
    for (const clientId of this.ackTimers.keys()) {
      const pending = this.findPending(clientId)
      const bytes = pending ? new TextEncoder().encode(JSON.stringify(pending.body)).length : 0
      if (pending && (!largest || bytes > largest.bytes)) largest = { clientId, bytes }
    }
    return largest?.clientId
  }

  private receive(message: MessageDto): void {
    // Internal notes never belong in a citizen's browser, even if a server bug sends one.
    if (message.private) return
    this.adopt(message.conversationId)
    this.knownLastSeq = Math.max(this.knownLastSeq, message.seq)
    if (message.clientId) this.clearAckTimer(message.clientId)
    this.timeline.upsert(message)
    if (message.direction === 'outbound' && message.sender.type === 'agent') this.setAgentTyping(null)
  }

  /** A different conversation (first message, or a new one after the last was resolved): start afresh. */
  private adopt(conversationId: string | null): void {
    if (conversationId === this.timeline.conversationId) return
    const unsent = this.timeline.entries().flatMap((entry) => (entry.kind === 'pending' ? [entry.pending] : []))
    this.timeline = newTimeline(conversationId)
    // Unsent messages are not tied to a conversation (the server files them), so they carry over.
    for (const pending of unsent) this.timeline.addPending(pending)
    this.knownLastSeq = 0
    this.resyncedAt = null
    this.conversationStatus = null
    this.queue = null
  }

  private transmit(pending: PendingMessage): void {
    if (!this.ready) return // sent on the next `ready`
    if (!this.sendFrame({ type: 'message', clientId: pending.clientId, text: pending.body })) return
    this.clearAckTimer(pending.clientId)
    this.ackTimers.set(
      pending.clientId,
      setTimeout(() => {
        this.ackTimers.delete(pending.clientId)
        if (this.findPending(pending.clientId)?.state !== 'sending') return
        this.timeline.updatePending(pending.clientId, { state: 'failed', error: 'timeout' })
        this.error = { code: 'timeout', clientId: pending.clientId }
        this.emit()
      }, ACK_TIMEOUT_MS),
    )
  }

  private sendFrame(frame: WidgetClientFrame): boolean {
    return this.ready && (this.socket?.send(frame) ?? false)
  }

  private flushReceipts(): void {
    if (!this.ready) return
    for (const frame of this.receipts.plan(this.storedMessages(), this.visible)) {
      if (this.sendFrame(frame)) this.receipts.confirm(frame)
    }
  }

  /** A hole in seq, or fewer messages than the server said exist, for longer than the grace period → resync. */
  private watchGap(): void {
    const behind = () => this.timeline.hasGap || this.timeline.resumeSeq < this.knownLastSeq
    if (!this.ready || !behind() || this.resyncedAt === this.timeline.resumeSeq) {
      if (this.gapTimer) clearTimeout(this.gapTimer)
      this.gapTimer = null
      return
    }
    this.gapTimer ??= setTimeout(() => {
      this.gapTimer = null
      if (!this.ready || !behind() || this.resyncedAt === this.timeline.resumeSeq) return
      this.resyncedAt = this.timeline.resumeSeq
      this.dropConnection()
    }, GAP_GRACE_MS)
  }

  private keepAlive(): void {
    if (!this.ready) return
    if (Date.now() - this.lastFrameAt > SILENCE_LIMIT_MS) this.dropConnection()
    else this.sendFrame({ type: 'ping' })
  }

  private onStateChange(state: ConnectionState): void {
    if (state !== 'open') {
      this.ready = false
      this.clearTimers()
      this.agentTyping = null
    }
    this.emit()
  }

  private setAgentTyping(typing: ChatSnapshot['agentTyping']): void {
    this.agentTyping = typing
    if (this.typingExpiry) clearTimeout(this.typingExpiry)
    this.typingExpiry = typing
      ? setTimeout(() => {
          this.agentTyping = null
          this.emit()
        }, TYPING_EXPIRY_MS)
      : null
  }

  private clearAckTimer(clientId: string): void {
    const timer = this.ackTimers.get(clientId)
    if (timer) clearTimeout(timer)
    this.ackTimers.delete(clientId)
  }

  /** Timers that only make sense on a live connection; `ready` restarts what is needed. */
  private clearTimers(): void {
    for (const timer of this.ackTimers.values()) clearTimeout(timer)
    this.ackTimers.clear()
    if (this.gapTimer) clearTimeout(this.gapTimer)
    this.gapTimer = null
    if (this.typingExpiry) clearTimeout(this.typingExpiry)
    this.typingExpiry = null
  }

  private findPending(clientId: string): PendingMessage | undefined {
    for (const entry of this.timeline.entries()) if (entry.kind === 'pending' && entry.pending.clientId === clientId) return entry.pending
    return undefined
  }

  private storedMessages(): MessageDto[] {
    return this.timeline.entries().flatMap((entry) => (entry.kind === 'message' ? [entry.message] : []))
  }

  private buildSnapshot(): ChatSnapshot {
    return {
      state: this.state,
      entries: this.timeline.entries(),
      agentTyping: this.agentTyping,
      conversationStatus: this.conversationStatus,
      queue: this.queue,
      error: this.error,
      unread: this.receipts.unreadCount(this.storedMessages()),
      lastAcked: this.lastAcked,
    }
  }

  private emit(): void {
    this.current = this.buildSnapshot()
    for (const listener of this.listeners) listener()
  }
}
