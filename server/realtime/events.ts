/**
 * Domain events published on Redis and fanned out by the realtime gateway.
 * Names are `noun.verb`; every payload is a presenter DTO so REST and sockets agree.
 */
import type { ConversationDto, MessageDto } from '../presenters/dto.js'

export type HubEvent =
  | { type: 'message.created'; conversation: ConversationDto; message: MessageDto }
  | { type: 'message.updated'; conversationId: string; message: MessageDto }
  | { type: 'conversation.updated'; conversation: ConversationDto }
  | { type: 'conversation.typing'; conversationId: string; contactId: string; actor: 'contact' | 'agent'; name?: string; on: boolean }
  /** An SLA target of a conversation became at risk or breached (reports and automation listen). */
  | { type: 'conversation.sla'; conversationId: string; queue: string; target: 'firstResponse' | 'resolution'; state: string; dueAt: string }
  /** The citizen's place in line and the expected wait (null: not known yet); position null: out of the line (an agent took it). */
  | { type: 'conversation.queue_position'; conversationId: string; position: number | null; expectedWaitSeconds: number | null }
  /** A colleague named the agent in an internal note. */
  | { type: 'agent.mentioned'; agentId: string; conversationId: string; messageId: string; by: string }
  /** An agent went online, away or offline (the wallboard and supervisors' views). */
  | { type: 'agent.presence'; agentId: string; name: string; presence: 'online' | 'away' | 'offline' }
  /** A work order moved (or a deadline of it turned at risk or overdue): hotline staff and its departments refresh it. */
  | { type: 'work_order.changed'; workOrderId: string; number: string; status: string; action: string; departments: string[] }

/** Redis channel prefix; one pattern subscription per gateway process receives them all. */
export const EVENT_CHANNEL_PREFIX = 'sb:events:'

/** Rooms a socket can be in. Contact rooms reach the citizen, the others reach staff. */
export type Room = `conversation:${string}` | `contact:${string}` | `queue:${string}` | `agent:${string}` | 'staff' | 'work-orders' | `department:${string}`
