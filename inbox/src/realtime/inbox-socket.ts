/**
 * The inbox's one WebSocket, shared by the list and the open conversation.
 *
 * ReconnectingSocket handles reconnecting; this class owns what must happen on
 * every connection: subscribe to the list, resubscribe to the open conversation
 * from the timeline's resume seq, and tell listeners so they refetch what they
 * may have missed while disconnected.
 *
 * Only types come from the protocol module: importing its values would pull zod
 * into the browser bundle.
 */
import type { CLOSE_CODES, InboxClientFrame, InboxServerFrame } from '../../../server/realtime/protocol.js'
import { type ConnectionState, ReconnectingSocket } from '../../../ui-kit/reconnecting-socket.js'

/** Typed against the server's table, so a renumbered code fails typechecking here. */
const UNAUTHORIZED: (typeof CLOSE_CODES)['unauthorized'] = 4003

/** A connection that has been silent this long is presumed dead (NAT and proxies drop idle sockets silently). */
const PING_EVERY_MS = 20_000
const SILENCE_LIMIT_MS = 45_000

type Listener<Value> = (value: Value) => void

interface WatchedConversation {
  conversationId: string
  resumeSeq: () => number
}

export function inboxSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/inbox`
}

export class InboxSocket {
  private readonly frameListeners = new Set<Listener<InboxServerFrame>>()
  private readonly openListeners = new Set<Listener<void>>()
  private readonly stateListeners = new Set<Listener<ConnectionState>>()
  private watched: WatchedConversation | null = null
  private lastHeardAt = Date.now()
  private readonly heartbeat: ReturnType<typeof setInterval>
  private readonly socket: ReconnectingSocket<InboxServerFrame>

  constructor(url: string = inboxSocketUrl(globalThis.location)) {
    this.socket = new ReconnectingSocket<InboxServerFrame>({
      url: () => url,
      onOpen: () => this.handleOpen(),
      onFrame: (frame) => this.handleFrame(frame),
      onStateChange: (state) => {
        for (const listener of this.stateListeners) listener(state)
      },
      fatalCloseCodes: [UNAUTHORIZED],
    })
    this.heartbeat = setInterval(() => this.checkHeartbeat(), PING_EVERY_MS)
  }

  get state(): ConnectionState {
    return this.socket.state
  }

  onFrame(listener: Listener<InboxServerFrame>): () => void {
    this.frameListeners.add(listener)
    return () => this.frameListeners.delete(listener)
  }

  /** Runs after every (re)connection, once subscriptions have been sent. */
  onOpen(listener: Listener<void>): () => void {
    this.openListeners.add(listener)
    return () => this.openListeners.delete(listener)
  }

  onStateChange(listener: Listener<ConnectionState>): () => void {
    this.stateListeners.add(listener)
    return () => this.stateListeners.delete(listener)
  }

  /** Follows one conversation; `resumeSeq` is read on every connection so replays start where the timeline is. */
  watchConversation(conversationId: string, resumeSeq: () => number): void {
    if (this.watched && this.watched.conversationId !== conversationId) this.unwatchConversation(this.watched.conversationId)
    this.watched = { conversationId, resumeSeq }
    this.sendSubscribe(this.watched)
  }

  unwatchConversation(conversationId: string): void {
    if (this.watched?.conversationId !== conversationId) return
    this.watched = null
    this.send({ type: 'unsubscribe', topic: 'conversation', conversationId })
  }

  sendTyping(conversationId: string, on: boolean): void {
    this.send({ type: 'typing', conversationId, on })
  }

  dropConnection(): void {
    this.socket.dropConnection()
  }

  close(): void {
    clearInterval(this.heartbeat)
    this.socket.close()
    this.frameListeners.clear()
    this.openListeners.clear()
    this.stateListeners.clear()
  }

  private send(frame: InboxClientFrame): boolean {
    return this.socket.send(frame)
  }

  private sendSubscribe(watched: WatchedConversation): void {
    this.send({ type: 'subscribe', topic: 'conversation', conversationId: watched.conversationId, after: watched.resumeSeq() })
  }

  private handleOpen(): void {
    this.lastHeardAt = Date.now()
    this.send({ type: 'subscribe', topic: 'conversations' })
    if (this.watched) this.sendSubscribe(this.watched)
    for (const listener of this.openListeners) listener()
  }

  private handleFrame(frame: InboxServerFrame): void {
    this.lastHeardAt = Date.now()
    if (frame.type === 'pong') return
    for (const listener of this.frameListeners) listener(frame)
  }

  private checkHeartbeat(): void {
    if (this.socket.state !== 'open') return
    if (Date.now() - this.lastHeardAt > SILENCE_LIMIT_MS) this.socket.dropConnection()
    else this.send({ type: 'ping' })
  }
}
