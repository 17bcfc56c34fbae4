import mongoose, { Schema } from 'mongoose'
import type { ConversationStatus, Priority } from '../presenters/dto.js'
import type { ConversationSla } from '../sla/sla-targets.js'

export interface ConversationDoc {
  _id: string
  contactId: string
  /** Denormalized so lists never join (no $lookup on FerretDB). */
  contactName: string
  /** The citizen's id on this conversation's channel (where replies go). */
  contactExternalId: string
  channel: string
  channelType: string
  status: ConversationStatus
  snoozedUntil?: Date | null
  assigneeId: string | null
  assigneeName: string | null
  queue: string
  priority: Priority
  labels: string[]
  /** Highest message seq allocated in this conversation. */
  lastSeq: number
  /** Highest seq of a message the citizen can see (not a private note). */
  lastVisibleSeq: number
  unread: { agent: number; contact: number }
  lastMessage: { preview: string; direction: 'inbound' | 'outbound'; at: Date } | null
  /** Oldest citizen message not yet answered by an agent. */
  waitingSince: Date | null
  /** When the citizen last wrote (reply windows such as WeChat's 48 h count from here). */
  lastInboundAt: Date | null
  /** The citizen's last message: what a reply on a threading channel (email) answers. */
  lastInboundMessageId?: string | null
  /** Skills the assignee needs (set by a routing rule). */
  requiredSkills?: string[]
  /** The routing rule that placed it, for the record and for routing:explain. */
  routedBy?: string | null
  /** When the current assignee got it (reassignment after no answer counts from here). */
  assignedAt?: Date | null
  /** Who had it before an automatic reassignment (not offered it straight back). */
  previousAssigneeId?: string | null
  /** Service-level targets (first response, resolution) and where they stand. */
  sla?: ConversationSla | null
  createdAt: Date
  updatedAt: Date
  firstResponseAt: Date | null
  lastMessageAt: Date | null
  resolvedAt: Date | null
}

const conversationSchema = new Schema<ConversationDoc>(
  {
    _id: { type: String, required: true },
    contactId: { type: String, required: true },
    contactName: { type: String, required: true },
    contactExternalId: { type: String, required: true },
    channel: { type: String, required: true },
    channelType: { type: String, required: true },
    status: { type: String, enum: ['open', 'pending', 'snoozed', 'resolved'], required: true },
    snoozedUntil: { type: Date, default: null },
    assigneeId: { type: String, default: null },
    assigneeName: { type: String, default: null },
    queue: { type: String, required: true },
    priority: { type: String, enum: ['low', 'normal', 'high', 'urgent'], default: 'normal' },
    labels: { type: [String], default: [] },
    lastSeq: { type: Number, default: 0 },
    lastVisibleSeq: { type: Number, default: 0 },
    unread: { agent: { type: Number, default: 0 }, contact: { type: Number, default: 0 } },
    lastMessage: { type: new Schema({ preview: String, direction: String, at: Date }, { _id: false }), default: null },
    waitingSince: { type: Date, default: null },
    lastInboundAt: { type: Date, default: null },
    lastInboundMessageId: { type: String, default: null },
    requiredSkills: { type: [String], default: [] },
    routedBy: { type: String, default: null },
    assignedAt: { type: Date, default: null },
    previousAssigneeId: { type: String, default: null },
    sla: { type: Schema.Types.Mixed, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    firstResponseAt: { type: Date, default: null },
    lastMessageAt: { type: Date, default: null },
    resolvedAt: { type: Date, default: null },
  },
  { versionKey: false, collection: 'conversations' },
)
// The inbox list: equality on status (and queue/assignee), newest activity first.
conversationSchema.index({ status: 1, lastMessageAt: -1 })
conversationSchema.index({ queue: 1, status: 1, lastMessageAt: -1 })
conversationSchema.index({ assigneeId: 1, status: 1, lastMessageAt: -1 })
conversationSchema.index({ contactId: 1, createdAt: -1 })

export const Conversation = mongoose.model<ConversationDoc>('Conversation', conversationSchema)

/**
 * `_id` = `<contactId>:<channelId>` → the conversation a citizen's next message on that
 * channel goes to. A primary-key lookup on every backend, so ingest never scans.
 */
export interface ActiveConversationDoc {
  _id: string
  conversationId: string
}
const activeConversationSchema = new Schema<ActiveConversationDoc>(
  { _id: { type: String, required: true }, conversationId: { type: String, required: true } },
  { versionKey: false, collection: 'active_conversations' },
)
export const ActiveConversation = mongoose.model<ActiveConversationDoc>('ActiveConversation', activeConversationSchema)
