/**
 * A staff member's inbox socket: the live conversation list of the queues they
 * work, and the live transcript of the conversations they open. Every
 * subscription is checked against the same access rules as the REST API.
 */
import type { WebSocket } from 'ws'
import { canAccessConversation, seesAllQueues } from '../auth/access.js'
import { userFromToken } from '../http/require-user.js'
import type { HubContext } from '../hub-context.js'
import { Conversation, type ConversationDoc } from '../models/conversation.js'
import type { UserDoc } from '../models/user.js'
import { presentMessage, presentUser } from '../presenters/present.js'
import { HEARTBEAT_TTL_SECONDS } from '../routing/presence.js'
import { createRoutingState } from '../routing/routing-state.js'
import type { EventEnvelope } from './event-bus.js'
import { contactRoom } from './event-rooms.js'
import type { Room } from './events.js'
import { type InboxClientFrame, type InboxServerFrame, inboxClientFrameSchema } from './protocol.js'
import { messagesAfter } from './replay.js'
import type { RoomRegistry } from './room-registry.js'
import { SocketSession } from './socket-session.js'

/** How often an open inbox socket renews its agent's heartbeat (well inside HEARTBEAT_TTL_SECONDS). */
const SOCKET_HEARTBEAT_MS = 20_000

export class InboxSession extends SocketSession<InboxClientFrame, InboxServerFrame> {
  private user: UserDoc | null = null
  /** Conversations this socket may see, cached at subscribe time for typing frames. */
  private readonly open = new Map<string, Pick<ConversationDoc, '_id' | 'channel' | 'contactExternalId' | 'contactId'>>()
  private lastTypingAt = 0

  constructor(
    socket: WebSocket,
    rooms: RoomRegistry,
    private readonly context: HubContext,
    cookieToken: string | null,
  ) {
    super({
      socket,
      rooms,
      frameSchema: inboxClientFrameSchema,
      maxFrameBytes: 16 * 1024,
      onError: (error) => context.log.error('inbox frame failed', { error: String(error) }),
    })
    if (cookieToken) this.runInOrder(() => this.authenticate(cookieToken, false))
  }

  private async authenticate(token: string, fromHello: boolean): Promise<void> {
    const user = await userFromToken(this.context, token)
    if (!user) {
      if (fromHello) this.sendError('unauthorized', 'Sign in first: the session is missing, invalid or expired')
      if (fromHello) this.socket.close(4003, 'unauthorized')
      return
    }
    this.user = user
    this.authenticated()
    this.send({ type: 'ready', user: presentUser(user) })
    // Department staff are not routed conversations: no presence to keep.
    if (user.role !== 'department') this.keepPresenceAlive(user._id)
  }

  /**
   * An open inbox socket is proof of life: it renews the agent's presence heartbeat from the
   * server, where timers are not throttled like those of a background browser tab.
   */
  private keepPresenceAlive(agentId: string): void {
    const state = createRoutingState(this.context.redis)
    const beat = () => {
      state.heartbeat(agentId, HEARTBEAT_TTL_SECONDS).catch((error: unknown) => this.context.log.warn('presence heartbeat failed', { error: String(error) }))
    }
    beat()
    const timer = setInterval(beat, SOCKET_HEARTBEAT_MS)
    timer.unref?.()
    this.socket.once('close', () => clearInterval(timer))
  }

  protected async handle(frame: InboxClientFrame): Promise<void> {
    if (frame.type === 'ping') return this.send({ type: 'pong' })
    if (frame.type === 'hello') return this.user ? undefined : this.authenticate(frame.token, true)
    const user = this.user
    if (!user) return this.sendError('unauthorized', 'Sign in first')
    switch (frame.type) {
      case 'subscribe':
        if (frame.topic === 'conversations') return this.subscribeList(user)
        return this.subscribeConversation(user, frame.conversationId, frame.after)
      case 'unsubscribe':
        this.open.delete(frame.conversationId)
        return this.leave(`conversation:${frame.conversationId}`)
      case 'typing':
        return this.typing(user, frame.conversationId, frame.on)
    }
  }

  private subscribeList(user: UserDoc): void {
    const rooms: Room[] =
      user.role === 'department'
        ? user.department
          ? [`department:${user.department}`]
          : []
        : seesAllQueues(user)
          ? ['staff', 'work-orders', `agent:${user._id}`]
          : [...user.queues.map((queue): Room => `queue:${queue}`), 'work-orders', `agent:${user._id}`]
    for (const room of rooms) this.join(room)
  }

  private async subscribeConversation(user: UserDoc, conversationId: string, after: number): Promise<void> {
    const conversation = await Conversation.findById(conversationId).lean<ConversationDoc>()
    if (!conversation || !canAccessConversation(user, conversation)) return this.sendError('not_found', 'Conversation not found')
    this.open.set(conversationId, conversation)
    this.join(`conversation:${conversationId}`)
    for await (const message of messagesAfter(conversationId, after, { includePrivate: true })) {
      this.send({ type: 'message', message: presentMessage(message) })
    }
  }

  private async typing(user: UserDoc, conversationId: string, on: boolean): Promise<void> {
    const conversation = this.open.get(conversationId)
    if (!conversation) return this.sendError('not_found', 'Subscribe to the conversation first')
    const now = Date.now()
    if (on && now - this.lastTypingAt < 1000) return
    this.lastTypingAt = now
    await this.context.events.publish({ type: 'conversation.typing', conversationId, contactId: conversation.contactId, actor: 'agent', name: user.name, on }, [
      contactRoom(conversation.channel, conversation.contactExternalId),
    ])
  }

  deliver({ event }: EventEnvelope, rooms: ReadonlySet<Room>): void {
    const inConversation = (id: string) => rooms.has(`conversation:${id}`)
    switch (event.type) {
      case 'message.created':
        // The list row first, so a client that opens the conversation has its summary.
        if (rooms.size > (inConversation(event.conversation.id) ? 1 : 0)) this.send({ type: 'conversation', conversation: event.conversation })
        if (inConversation(event.conversation.id)) this.send({ type: 'message', message: event.message })
        return
      case 'conversation.updated':
        this.send({ type: 'conversation', conversation: event.conversation })
        return
      case 'message.updated':
        this.send({ type: 'message.updated', message: event.message })
        return
      case 'agent.mentioned':
        this.send({ type: 'mention', conversationId: event.conversationId, messageId: event.messageId, by: event.by })
        return
      case 'agent.presence':
        this.send({ type: 'presence', agentId: event.agentId, name: event.name, presence: event.presence })
        return
      case 'conversation.sla':
        this.send({ type: 'sla', conversationId: event.conversationId, target: event.target, state: event.state, dueAt: event.dueAt })
        return
      case 'conversation.typing':
        if (event.actor === 'contact' || event.name !== this.user?.name) {
          this.send({ type: 'typing', conversationId: event.conversationId, actor: event.actor, on: event.on, ...(event.name ? { name: event.name } : {}) })
        }
        return
      case 'work_order.changed':
        // Only ids and the new state: the client refetches the case through the REST access rules.
        this.send({ type: 'work_order', workOrderId: event.workOrderId, number: event.number, status: event.status, action: event.action })
        return
    }
  }
}
