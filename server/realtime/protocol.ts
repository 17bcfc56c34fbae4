/**
 * WebSocket frames between the hub and its two browser clients.
 * Client frames are validated with zod on the server; server frames are plain types.
 *
 * Widget (citizen) socket: /ws/widget?channel=<webchat channel id>
 *   → hello {token, resume?}   ← ready, then every message after resume.seq, then live frames
 *   → message {clientId, text} ← ack {clientId} once durably queued, then message {…} once stored
 * Inbox (staff) socket: /ws/inbox (session cookie, or hello {token} with a bearer token)
 *   → subscribe conversations  ← conversation {…} on every change in the agent's queues
 *   → subscribe conversation {conversationId, after} ← message frames after `after`, then live
 *   Department staff subscribe to the list too: they hear only their department's work orders.
 *
 * Every frame is JSON text. Sequence numbers (`seq`) are strictly increasing per
 * conversation; clients resume from the highest seq they hold without a gap.
 */
import { z } from 'zod'
import type { ConversationDto, MessageDto, UserDto } from '../presenters/dto.js'

export const clientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'clientId must be 8–64 URL-safe characters')

export const widgetClientFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    token: z.string().min(1).max(512),
    resume: z.object({ conversationId: z.string().max(64), seq: z.number().int().min(0) }).optional(),
    language: z.string().max(16).optional(),
  }),
  z.object({ type: z.literal('message'), clientId: clientIdSchema, text: z.string() }),
  z.object({ type: z.literal('typing'), on: z.boolean() }),
  z.object({
    type: z.literal('receipt'),
    status: z.enum(['delivered', 'read']),
    messageIds: z.array(z.string().max(64)).min(1).max(100),
  }),
  z.object({ type: z.literal('ping') }),
])
export type WidgetClientFrame = z.infer<typeof widgetClientFrameSchema>

export type WidgetServerFrame =
  | { type: 'ready'; visitorId: string; conversationId: string | null; lastSeq: number }
  | { type: 'message'; message: MessageDto }
  | { type: 'message.updated'; message: MessageDto }
  | { type: 'ack'; clientId: string }
  | { type: 'typing'; on: boolean; name?: string }
  | { type: 'conversation'; conversationId: string; status: ConversationDto['status'] }
  /** Where the citizen is in line for an agent; position null once an agent has taken the conversation. */
  | { type: 'queue'; position: number | null; expectedWaitSeconds: number | null }
  | { type: 'error'; code: string; message: string; clientId?: string }
  | { type: 'pong' }

// A plain union: two `subscribe` variants share a discriminator value, which discriminatedUnion refuses.
export const inboxClientFrameSchema = z.union([
  z.object({ type: z.literal('hello'), token: z.string().min(1).max(512) }),
  z.object({ type: z.literal('subscribe'), topic: z.literal('conversations') }),
  z.object({
    type: z.literal('subscribe'),
    topic: z.literal('conversation'),
    conversationId: z.string().max(64),
    after: z.number().int().min(0).default(0),
  }),
  z.object({ type: z.literal('unsubscribe'), topic: z.literal('conversation'), conversationId: z.string().max(64) }),
  z.object({ type: z.literal('typing'), conversationId: z.string().max(64), on: z.boolean() }),
  z.object({ type: z.literal('ping') }),
])
export type InboxClientFrame = z.infer<typeof inboxClientFrameSchema>

export type InboxServerFrame =
  | { type: 'ready'; user: UserDto }
  | { type: 'conversation'; conversation: ConversationDto }
  | { type: 'message'; message: MessageDto }
  | { type: 'message.updated'; message: MessageDto }
  | { type: 'typing'; conversationId: string; actor: 'contact' | 'agent'; name?: string; on: boolean }
  | { type: 'error'; code: string; message: string }
  | { type: 'pong' }
  /** A colleague named you in an internal note. */
  | { type: 'mention'; conversationId: string; messageId: string; by: string }
  /** A colleague went online, away or offline. */
  | { type: 'presence'; agentId: string; name: string; presence: 'online' | 'away' | 'offline' }
  /** An SLA target of a visible conversation became at risk or breached. */
  | { type: 'sla'; conversationId: string; target: 'firstResponse' | 'resolution'; state: string; dueAt: string }
  /** A work order the user may see moved (hotline staff: any; department staff: their department's); refetch it. */
  | { type: 'work_order'; workOrderId: string; number: string; status: string; action: string }

/** Close codes (4000–4999 are application-defined). */
export const CLOSE_CODES = {
  authTimeout: 4001,
  unauthorized: 4003,
  /** The client reads too slowly; it should reconnect and resume from its last seq. */
  slowConsumer: 4013,
} as const
