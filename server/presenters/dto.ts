/**
 * Shapes the API and the realtime gateway send to browsers. The widget and the
 * inbox import these types (type-only), so a change here is checked everywhere.
 */
import type { Attachment, DeliveryStatus, Location, MessageType } from '../../connectors/spec.js'

/** Hotline staff (admin, supervisor, agent) work conversations; department staff work the cases dispatched to their department. */
export type Role = 'admin' | 'supervisor' | 'agent' | 'department'
export type ConversationStatus = 'open' | 'pending' | 'snoozed' | 'resolved'
export type Priority = 'low' | 'normal' | 'high' | 'urgent'
export type SenderType = 'contact' | 'agent' | 'system' | 'bot'

export interface UserDto {
  id: string
  email: string
  name: string
  role: Role
  queues: string[]
  language: string
  /** The department a department user works for. */
  department?: string
}

export interface ContactDto {
  id: string
  name: string
  /** Masked (138****5678) for roles that do not need the full value. */
  phone?: string
  email?: string
  language?: string
  identities: { channel: string; externalId: string }[]
  /** Labels staff gave the citizen (routing rules can match them). */
  tags: string[]
}

export interface MessageDto {
  id: string
  conversationId: string
  seq: number
  /** Seq of the previous message a citizen can see (private notes leave holes in their view). */
  prevVisibleSeq?: number
  direction: 'inbound' | 'outbound'
  sender: { type: SenderType; id?: string; name?: string }
  type: MessageType
  body: string
  attachments: Attachment[]
  location?: Location
  status: DeliveryStatus
  statusReason?: string
  /** Sent as a provider template (e.g. a WeChat template message outside the 48-hour window). */
  sentAsTemplate?: boolean
  /** For `event` messages: what happened (`call.queued`, `intent`…) and the call queue it concerns, when any. */
  event?: { name: string; queue?: string; details?: Record<string, string> }
  /** For email: the subject, and the citizen's HTML as the hub sanitized it (no scripts, no remote images unless allowed). */
  mail?: { subject?: string; html?: string }
  private: boolean
  /** Idempotency key the author's client chose, echoed so it can match its optimistic copy. */
  clientId?: string
  createdAt: string
}

export interface ConversationDto {
  id: string
  channel: string
  channelType: string
  status: ConversationStatus
  queue: string
  priority: Priority
  labels: string[]
  assignee: { id: string; name: string } | null
  contact: { id: string; name: string }
  lastMessage: { preview: string; direction: 'inbound' | 'outbound'; at: string } | null
  lastSeq: number
  unreadCount: number
  /** When the citizen's oldest unanswered message arrived; null when nothing waits. */
  waitingSince: string | null
  createdAt: string
  firstResponseAt: string | null
  lastMessageAt: string | null
  /** The citizen's last message: channels with a reply window (WeChat: 48 h) count from here. */
  lastInboundAt: string | null
  resolvedAt: string | null
  /** When a snoozed conversation opens again by itself. */
  snoozedUntil?: string
  /** Service-level targets and where they stand (running, at_risk, breached, met, missed). */
  sla?: { firstResponse?: SlaTargetDto; resolution?: SlaTargetDto }
  /** Skills the assignee needs, from routing rules. */
  requiredSkills?: string[]
}

export interface SlaTargetDto {
  dueAt: string
  state: 'running' | 'at_risk' | 'breached' | 'met' | 'missed'
}

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown }
}

export type WorkOrderDeadlineState = 'running' | 'at_risk' | 'overdue' | 'met' | 'missed'

export interface WorkOrderDto {
  id: string
  number: string
  status: string
  type: string
  category: string
  urgency: string
  title: string
  description: string
  address?: string
  district?: string
  location?: { latitude: number; longitude: number } | null
  anonymous: boolean
  confidential: boolean
  fields: Record<string, unknown>
  attachments: { url: string; mimeType: string; name?: string; size?: number }[]
  /** Withheld (null) from departments for anonymous and confidential cases; the phone is masked for agents. */
  citizen: { name?: string; phone?: string; email?: string; channel?: string | null } | null
  conversationId: string | null
  source: string
  leadDepartment: string | null
  coDepartments: string[]
  dispatchOverride: { suggested: string | null; reason: string } | null
  dispatchCount: number
  returnCount: number
  designated: boolean
  extension: { state: string; requestedDueAt: string; reason: string; requestedBy: string; decidedBy?: string } | null
  supervision: { kind: string; at: string; by: string; comment: string }[]
  replies: { id: string; at: string; by: string; department?: string; text: string; attachments: { url: string; mimeType: string; name?: string }[] }[]
  /** Co-handling departments' parts (协办意见). */
  contributions: { id: string; at: string; by: string; department?: string; text: string }[]
  deadlines: Partial<Record<'sign' | 'return' | 'resolve', { dueAt: string; atRiskAt: string; state: WorkOrderDeadlineState; closedAt: string | null }>>
  followUp: { askedAt: string | null; answeredAt: string | null; rating: string | null; reason: string | null } | null
  redoCount: number
  masterId: string | null
  mergedIds: string[]
  closingNote: string | null
  history: {
    id: string
    action: string
    from: string
    to: string
    actor: { type: string; name: string; department?: string }
    at: string
    comment?: string
    details?: Record<string, unknown>
  }[]
  /** What the viewer may do now (buttons in the inbox). */
  actions: string[]
  createdAt: string
  updatedAt: string
}
