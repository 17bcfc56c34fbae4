/**
 * A citizen's widget socket. Messages and receipts take exactly the webhook
 * path (connector.verify → durable queue → ack), so the widget is just another
 * channel; typing is ephemeral and goes straight to the event bus.
 */

import type { WebSocket } from 'ws'
import { VISITOR_LANGUAGE_HEADER, VISITOR_TOKEN_HEADER, type WebchatConnector } from '../../connectors/webchat/index.js'
import type { ChannelEntry } from '../channels/channel-registry.js'
import type { HubContext } from '../hub-context.js'
import { type ContactIdentityDoc, ContactIdentityModel, identityKey } from '../models/contact.js'
import type { ConversationDoc } from '../models/conversation.js'
import { findActiveConversation } from '../pipeline/resolve-conversation.js'
import { presentMessageForContact } from '../presenters/present.js'
import type { EventEnvelope } from './event-bus.js'
import { contactRoom } from './event-rooms.js'
import { type WidgetClientFrame, type WidgetServerFrame, widgetClientFrameSchema } from './protocol.js'
import { RateLimiter } from './rate-limiter.js'
import { messagesAfter } from './replay.js'
import type { RoomRegistry } from './room-registry.js'
import { SocketSession } from './socket-session.js'

export class WidgetSession extends SocketSession<WidgetClientFrame, WidgetServerFrame> {
  private visitor: { id: string; token: string; language?: string } | null = null
  private conversationId: string | null = null
  private contactId = ''
  private readonly sendLimiter = new RateLimiter(20, 10_000)
  private lastTypingAt = 0

  constructor(
    socket: WebSocket,
    rooms: RoomRegistry,
    private readonly context: HubContext,
    private readonly channel: ChannelEntry & { connector: WebchatConnector },
  ) {
    super({
      socket,
      rooms,
      frameSchema: widgetClientFrameSchema,
      maxFrameBytes: context.env.WIDGET_MAX_FRAME_BYTES,
      onError: (error) => context.log.error('widget frame failed', { error: String(error) }),
    })
  }

  protected async handle(frame: WidgetClientFrame): Promise<void> {
    if (frame.type === 'ping') return this.send({ type: 'pong' })
    if (frame.type === 'hello') return this.hello(frame)
    if (!this.visitor) return this.sendError('not_authenticated', 'Send hello with a visitor token first')
    switch (frame.type) {
      case 'message':
        if (!this.sendLimiter.take()) return this.sendError('rate_limited', 'Too many messages; wait a few seconds', { clientId: frame.clientId })
        return this.accept(frame, frame.clientId)
      case 'receipt':
        return this.accept(frame)
      case 'typing':
        return this.typing(frame.on)
    }
  }

  private async hello(frame: Extract<WidgetClientFrame, { type: 'hello' }>): Promise<void> {
    if (this.visitor) return this.sendError('already_authenticated', 'hello was already sent on this socket')
    const check = this.channel.connector.verifyVisitorToken(frame.token)
    if (!check.ok) {
      this.sendError(`visitor_token_${check.reason}`, 'The visitor token is invalid or expired; open a new session')
      this.socket.close(4003, 'invalid visitor token')
      return
    }
    this.authenticated()
    this.visitor = { id: check.visitorId, token: frame.token, ...(frame.language ? { language: frame.language } : {}) }
    // Join before reading, so nothing published during the replay is missed (duplicates are deduped by seq).
    this.join(contactRoom(this.channel.config.id, check.visitorId))
    const conversation = await this.currentConversation(check.visitorId)
    this.conversationId = conversation?._id ?? null
    this.contactId = conversation?.contactId ?? ''
    this.send({ type: 'ready', visitorId: check.visitorId, conversationId: this.conversationId, lastSeq: conversation?.lastVisibleSeq ?? 0 })
    if (!conversation) return
    const after = frame.resume?.conversationId === conversation._id ? frame.resume.seq : 0
    for await (const message of messagesAfter(conversation._id, after, { includePrivate: false })) {
      this.send({ type: 'message', message: presentMessageForContact(message) })
    }
  }

  private async currentConversation(visitorId: string): Promise<ConversationDoc | null> {
    const identity = await ContactIdentityModel.findById(identityKey(this.channel.config.id, visitorId)).lean<ContactIdentityDoc>()
    return identity ? findActiveConversation(identity.contactId, this.channel.config.id) : null
  }

  /** Same path as a webhook: verify, durably enqueue, then acknowledge. */
  private async accept(frame: Extract<WidgetClientFrame, { type: 'message' | 'receipt' }>, clientId?: string): Promise<void> {
    const visitor = this.visitor
    if (!visitor) return
    const request = {
      method: 'WS',
      url: '/ws/widget',
      headers: { [VISITOR_TOKEN_HEADER]: visitor.token, ...(visitor.language ? { [VISITOR_LANGUAGE_HEADER]: visitor.language } : {}) },
      body: JSON.stringify(frame),
      receivedAt: this.context.now(),
    }
    const verdict = await this.channel.connector.verify(request)
    if (!verdict.ok) return this.sendError(verdict.code, verdict.message, clientId ? { clientId } : {})
    await this.context.queues.enqueueInbound(this.channel.config.id, request)
    if (clientId) this.send({ type: 'ack', clientId })
  }

  private async typing(on: boolean): Promise<void> {
    const now = Date.now()
    if (on && now - this.lastTypingAt < 1000) return
    this.lastTypingAt = now
    const conversationId = this.conversationId
    if (!conversationId || !this.visitor) return
    await this.context.events.publish({ type: 'conversation.typing', conversationId, contactId: this.contactId, actor: 'contact', on })
  }

  deliver({ event }: EventEnvelope): void {
    switch (event.type) {
      case 'message.created': {
        // Defense in depth: contact rooms are never sent private notes, whoever published.
        if (event.message.private) return
        if (event.conversation.id !== this.conversationId) {
          this.conversationId = event.conversation.id
          this.contactId = event.conversation.contact.id
          this.send({ type: 'conversation', conversationId: event.conversation.id, status: event.conversation.status })
        }
        const { id: _agentId, ...sender } = event.message.sender
        this.send({ type: 'message', message: { ...event.message, sender } })
        return
      }
      case 'conversation.updated':
        if (event.conversation.id === this.conversationId) {
          this.send({ type: 'conversation', conversationId: event.conversation.id, status: event.conversation.status })
        }
        return
      case 'conversation.typing':
        if (event.actor === 'agent' && event.conversationId === this.conversationId)
          this.send({ type: 'typing', on: event.on, ...(event.name ? { name: event.name } : {}) })
        return
      case 'conversation.queue_position':
        if (event.conversationId === this.conversationId) this.send({ type: 'queue', position: event.position, expectedWaitSeconds: event.expectedWaitSeconds })
        return
      case 'message.updated':
        return
    }
  }
}
