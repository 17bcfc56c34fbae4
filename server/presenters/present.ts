/** Database documents → DTOs. The same functions feed REST and sockets, so both always agree. */
import type { ContactDoc } from '../models/contact.js'
import type { ConversationDoc } from '../models/conversation.js'
import type { MessageDoc } from '../models/message.js'
import type { UserDoc } from '../models/user.js'
import type { ContactDto, ConversationDto, MessageDto, Role, UserDto } from './dto.js'
import { maskEmail, maskPhone } from './mask-pii.js'

const iso = (date: Date | null | undefined): string | null => (date ? new Date(date).toISOString() : null)

export function presentConversation(doc: ConversationDoc): ConversationDto {
  return {
    id: doc._id,
    channel: doc.channel,
    channelType: doc.channelType,
    status: doc.status,
    queue: doc.queue,
    priority: doc.priority,
    labels: doc.labels ?? [],
    assignee: doc.assigneeId ? { id: doc.assigneeId, name: doc.assigneeName ?? '' } : null,
    contact: { id: doc.contactId, name: doc.contactName },
    lastMessage: doc.lastMessage
      ? { preview: doc.lastMessage.preview, direction: doc.lastMessage.direction, at: new Date(doc.lastMessage.at).toISOString() }
      : null,
    lastSeq: doc.lastSeq,
    unreadCount: doc.unread?.agent ?? 0,
    waitingSince: iso(doc.waitingSince),
    createdAt: new Date(doc.createdAt).toISOString(),
    firstResponseAt: iso(doc.firstResponseAt),
    lastMessageAt: iso(doc.lastMessageAt),
    lastInboundAt: iso(doc.lastInboundAt),
    resolvedAt: iso(doc.resolvedAt),
    ...(doc.status === 'snoozed' && doc.snoozedUntil ? { snoozedUntil: new Date(doc.snoozedUntil).toISOString() } : {}),
    ...slaOf(doc),
    ...(doc.requiredSkills && doc.requiredSkills.length > 0 ? { requiredSkills: doc.requiredSkills } : {}),
  }
}

function slaOf(doc: Pick<ConversationDoc, 'sla'>): { sla?: NonNullable<ConversationDto['sla']> } {
  if (!doc.sla) return {}
  const target = (value: NonNullable<ConversationDoc['sla']>['firstResponse']) =>
    value ? { dueAt: new Date(value.dueAt).toISOString(), state: value.state } : undefined
  const firstResponse = target(doc.sla.firstResponse)
  const resolution = target(doc.sla.resolution)
  if (!firstResponse && !resolution) return {}
  return { sla: { ...(firstResponse ? { firstResponse } : {}), ...(resolution ? { resolution } : {}) } }
}

export function presentMessage(doc: MessageDoc): MessageDto {
  return {
    id: doc._id,
    conversationId: doc.conversationId,
    seq: doc.seq,
    ...(doc.prevVisibleSeq === undefined ? {} : { prevVisibleSeq: doc.prevVisibleSeq }),
    direction: doc.direction,
    sender: { type: doc.sender.type, ...(doc.sender.id ? { id: doc.sender.id } : {}), ...(doc.sender.name ? { name: doc.sender.name } : {}) },
    type: doc.type,
    body: doc.body,
    attachments: doc.attachments ?? [],
    ...(doc.location ? { location: doc.location } : {}),
    status: doc.status,
    ...(doc.statusReason ? { statusReason: doc.statusReason } : {}),
    ...(doc.template ? { sentAsTemplate: true } : {}),
    ...eventOf(doc),
    ...mailOf(doc),
    private: doc.private,
    ...(doc.clientId ? { clientId: doc.clientId } : {}),
    createdAt: new Date(doc.createdAt).toISOString(),
  }
}

/** What a citizen may see of a message: agents' ids and internal details stay inside. */
export function presentMessageForContact(doc: MessageDoc): MessageDto {
  const dto = presentMessage(doc)
  return { ...dto, sender: { type: dto.sender.type, ...(dto.sender.name ? { name: dto.sender.name } : {}) } }
}

export function presentUser(doc: UserDoc): UserDto {
  return {
    id: doc._id,
    email: doc.email,
    name: doc.name,
    role: doc.role,
    queues: doc.queues ?? [],
    language: doc.language,
    ...(doc.department ? { department: doc.department } : {}),
  }
}

/** Phone numbers and addresses are PII: agents see them masked, supervisors and admins in full. */
export function presentContact(doc: ContactDoc, viewer: Role): ContactDto {
  const full = viewer === 'admin' || viewer === 'supervisor'
  return {
    id: doc._id,
    name: doc.name,
    ...(doc.phone ? { phone: full ? doc.phone : maskPhone(doc.phone) } : {}),
    ...(doc.email ? { email: full ? doc.email : maskEmail(doc.email) } : {}),
    ...(doc.language ? { language: doc.language } : {}),
    tags: doc.tags ?? [],
    identities: doc.identities.map((identity) => ({
      channel: identity.channel,
      externalId: full ? identity.externalId : maskIdentifier(identity.externalId),
    })),
  }
}

function maskIdentifier(value: string): string {
  if (value.includes('@')) return maskEmail(value)
  if (/^\+?\d{7,}$/.test(value)) return maskPhone(value)
  return value.length <= 6 ? '***' : `${value.slice(0, 3)}***${value.slice(-2)}`
}

/** An email's subject and sanitized HTML (the connector keeps them in metadata); nothing for other channels. */
function mailOf(doc: Pick<MessageDoc, 'metadata'>): { mail?: { subject?: string; html?: string } } {
  if (doc.metadata?.source !== 'smtp' && doc.metadata?.source !== 'imap') return {}
  const subject = doc.metadata?.subject
  const html = doc.metadata?.html
  if (subject === undefined && html === undefined) return {}
  return { mail: { ...(subject !== undefined ? { subject } : {}), ...(html !== undefined ? { html } : {}) } }
}

/**
 * What staff may read of a timeline event (names and queues of who did what; never provider
 * metadata such as openids or numbers, which channel events also keep in metadata).
 */
const EVENT_DETAILS = [
  'assigneeName',
  'fromName',
  'toName',
  'toQueue',
  'fromQueue',
  'reason',
  'from',
  'to',
  'target',
  'dueAt',
  'contactName',
  'snoozedUntil',
] as const

/** Only the event's name and queue leave the hub; other provider metadata (openids, numbers) stays inside. */
function eventOf(doc: Pick<MessageDoc, 'type' | 'metadata'>): { event?: { name: string; queue?: string } } {
  const name = doc.type === 'event' ? (doc.metadata?.event ?? doc.metadata?.signal) : undefined
  if (!name) return {}
  // Only the hub's own timeline events: channel events (calls, menu clicks) keep numbers and openids in the same fields.
  const ownEvent = /^(conversation|sla|contact)\./.test(name)
  const details = ownEvent ? Object.fromEntries(EVENT_DETAILS.flatMap((key) => (doc.metadata?.[key] ? [[key, doc.metadata[key]]] : []))) : {}
  return { event: { name, ...(doc.metadata?.queue ? { queue: doc.metadata.queue } : {}), ...(Object.keys(details).length > 0 ? { details } : {}) } }
}
