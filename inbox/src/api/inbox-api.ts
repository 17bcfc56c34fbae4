/** The REST endpoints the inbox calls, typed with the server's DTOs. */
import type { ContactDto, ConversationDto, ConversationStatus, MessageDto, UserDto } from '../../../server/presenters/dto.js'
import type { CannedResponse } from '../state/canned-responses.js'
import { type ListFilter, listQuery } from '../state/filters.js'
import type { HubInfo } from '../state/hub-info.js'
import type { Presence } from '../state/presence.js'
import type { AdminQueue, AssignmentMode, CannedDraft, Capacity, NewUser, RoutingUser } from '../state/settings.js'
import type { TransferAgent, TransferTarget } from '../state/transfer.js'
import { request, upload } from './http.js'

/** What the inbox uses of a channel's capabilities (GET /api/channels sends more). */
export interface ChannelCapabilities {
  /** Hours after the citizen's last message during which free-form replies are accepted (WeChat: 48). */
  replyWindowHours: number | null
  /** Whether the channel sends provider templates (a failed reply can be re-sent as one). */
  templates?: boolean
  /** What the channel can carry ('text', 'image', 'audio', 'video', 'file', …): decides what agents may attach. */
  messageTypes?: readonly string[]
}

/** A file uploaded to a conversation, to be named (by url) in a reply. */
export interface UploadedAttachment {
  url: string
  mimeType: string
  size: number
  name?: string
}

export interface ChannelSummary {
  id: string
  type: string
  name: string
  /** The queue the channel's conversations start in. */
  queue?: string
  capabilities?: ChannelCapabilities
}

export interface ConversationPage {
  conversations: ConversationDto[]
  nextCursor: string | null
}

/** A queue with its names in both languages; `mine` when the user works it. */
export interface QueueInfo {
  id: string
  name: Partial<Record<string, string>>
  assignment: string
  mine: boolean
}

/** Tags are sent once the hub includes them in the contact (until then the panel starts from none). */
export type ContactWithTags = ContactDto & { tags?: string[] }

export interface ContactHistory {
  contact: ContactWithTags
  /** Newest first, only those the user may see. */
  conversations: ConversationDto[]
  /** How many others exist in queues the user cannot see. */
  hidden: number
}

export interface ContactMerge {
  id: string
  targetId: string
  sourceId: string
  state: string
  movedConversations: number
}

export interface MessagePage {
  messages: MessageDto[]
  hasMore: boolean
}

const conversationPath = (id: string) => `/api/conversations/${encodeURIComponent(id)}`
const contactPath = (id: string) => `/api/contacts/${encodeURIComponent(id)}`
const cannedPath = (id: string) => `/api/canned-responses/${encodeURIComponent(id)}`

export const api = {
  login: (email: string, password: string) => request<{ user: UserDto }>('POST', '/api/auth/login', { email, password }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  me: () => request<{ user: UserDto; hub?: HubInfo }>('GET', '/api/me'),
  channels: () => request<{ channels: ChannelSummary[] }>('GET', '/api/channels'),

  conversations: (filter: ListFilter, cursor: string | null = null) => request<ConversationPage>('GET', `/api/conversations?${listQuery(filter, cursor)}`),

  /** Every status, every queue the user sees: what the merge dialog searches. */
  searchConversations: (q: string) => request<ConversationPage>('GET', `/api/conversations?${listQuery({ status: 'all', assignee: 'any', channel: null, q })}`),

  /** Open conversations with unread citizen messages per view. The payload is checked by parseCounts. */
  counts: () => request<unknown>('GET', '/api/conversations/counts'),
  labels: () => request<{ labels: string[] }>('GET', '/api/labels'),

  setLabels: (id: string, change: { add?: string[]; remove?: string[] }) =>
    request<{ conversation: ConversationDto }>('POST', `${conversationPath(id)}/labels`, { add: change.add ?? [], remove: change.remove ?? [] }),

  queues: () => request<{ queues: QueueInfo[] }>('GET', '/api/routing/queues'),

  cannedResponses: () => request<{ responses: CannedResponse[] }>('GET', '/api/canned-responses'),

  contactHistory: (id: string) => request<ContactHistory>('GET', `${contactPath(id)}/conversations`),

  setContactTags: (id: string, change: { add?: string[]; remove?: string[] }) =>
    request<{ contact: ContactWithTags }>('POST', `${contactPath(id)}/tags`, { add: change.add ?? [], remove: change.remove ?? [] }),

  /** Supervisors and admins: 403 for agents, 400 same contact, 409 already merged. */
  mergeContact: (targetId: string, sourceContactId: string) => request<{ merge: ContactMerge }>('POST', `${contactPath(targetId)}/merge`, { sourceContactId }),

  /** 409 when already reverted. */
  revertMerge: (mergeId: string) => request<{ merge: ContactMerge }>('POST', `/api/contact-merges/${encodeURIComponent(mergeId)}/revert`),

  conversation: (id: string) => request<{ conversation: ConversationDto; contact: ContactDto }>('GET', conversationPath(id)),

  messages: (id: string, range: { after?: number; before?: number } = {}, limit = 50) => {
    const params = new URLSearchParams({ limit: String(limit) })
    if (range.after !== undefined) params.set('after', String(range.after))
    if (range.before !== undefined) params.set('before', String(range.before))
    return request<MessagePage>('GET', `${conversationPath(id)}/messages?${params}`)
  },

  /** `attachments` (at most one) are urls from uploadAttachment; the body may then be empty. */
  sendMessage: (id: string, message: { clientId: string; body: string; private: boolean; attachments?: { url: string }[] }) =>
    request<{ message: MessageDto }>('POST', `${conversationPath(id)}/messages`, message),

  /** The raw file as the body, its type as content-type. 415: type not allowed; 413: over 10 MB. */
  uploadAttachment: (
    id: string,
    file: Blob & { name: string },
    mimeType: string,
    options: { onProgress?: (sent: number) => void; signal?: AbortSignal } = {},
  ) =>
    upload<{ attachment: UploadedAttachment }>(`${conversationPath(id)}/attachments?${new URLSearchParams({ name: file.name })}`, file, {
      contentType: mimeType,
      ...options,
    }),

  assign: (id: string, assigneeId: string | null) => request<{ conversation: ConversationDto }>('POST', `${conversationPath(id)}/assign`, { assigneeId }),

  setStatus: (id: string, status: ConversationStatus, snoozedUntil?: string) =>
    request<{ conversation: ConversationDto }>('POST', `${conversationPath(id)}/status`, snoozedUntil ? { status, snoozedUntil } : { status }),

  markRead: (id: string, seq: number) => request<{ conversation: ConversationDto }>('POST', `${conversationPath(id)}/read`, { seq }),

  /** Idempotent: repeating it returns the template message already sent (200 instead of 201). */
  resendAsTemplate: (id: string, messageId: string) =>
    request<{ message: MessageDto }>('POST', `${conversationPath(id)}/messages/${encodeURIComponent(messageId)}/resend-as-template`),

  /** A Twilio Voice access token for the softphone; 404 softphone_not_configured. The payload is checked by parseVoiceToken. */
  voiceToken: () => request<unknown>('GET', '/api/voice/token'),

  /** Also the heartbeat: repeated every 20 s while online or away, or the hub marks the agent offline. */
  setPresence: (presence: Presence) => request<{ presence: Presence }>('PUT', '/api/me/presence', { presence }),

  /** 400 agent_not_in_queue / unknown_queue / unknown_agent; 403 unless assignee or supervisor. The note becomes a private note. */
  transfer: (id: string, target: TransferTarget, note?: string) =>
    request<{ conversation: ConversationDto }>('POST', `${conversationPath(id)}/transfer`, note ? { ...target, note } : target),

  /** A queue's agents with their presence, to pick a transfer target; 404 for a queue the user does not work. */
  queueAgents: (queue: string) => request<{ agents: TransferAgent[] }>('GET', `/api/routing/agents?${new URLSearchParams({ queue })}`),

  /** Supervisors and admins. The payload is checked by parseWallboard. */
  wallboard: () => request<unknown>('GET', '/api/routing/wallboard'),

  /** Admins only. The payload is checked by parseChannelStatus. */
  channelStatus: () => request<unknown>('GET', '/api/admin/channel-status'),

  /** Admins only: every queue's routing settings in effect. */
  adminQueues: () => request<{ queues: AdminQueue[] }>('GET', '/api/admin/queues'),

  /** Admins only; 400 for a value out of range, 404 for a queue the config no longer declares. */
  updateQueue: (id: string, change: { assignment: AssignmentMode; reassignAfterMinutes: number; skills: string[] }) =>
    request<{ queue: Omit<AdminQueue, 'name'> }>('PUT', `/api/admin/queues/${encodeURIComponent(id)}`, change),

  /** Admins only; `defaultCapacity` is what users without their own capacity carry. */
  adminUsers: () => request<{ users: RoutingUser[]; defaultCapacity: Capacity; truncated: boolean }>('GET', '/api/admin/users'),

  /** Admins only; 400 unknown_department / invalid_department / unknown_queue, 409 email_taken. */
  createUser: (user: NewUser) => request<{ user: RoutingUser }>('POST', '/api/admin/users', user),

  /** Admins only; 400 unknown_queue. */
  updateUserRouting: (id: string, change: { queues: string[]; skills: string[]; capacity: Capacity; allQueues: boolean }) =>
    request<{ user: RoutingUser }>('PUT', `/api/admin/users/${encodeURIComponent(id)}/routing`, change),

  /** Supervisors and admins: 409 shortcut_taken, 400 unknown_queue, 403 for a queue they do not work. */
  createCanned: (draft: CannedDraft) => request<{ response: CannedResponse }>('POST', '/api/canned-responses', draft),
  updateCanned: (id: string, draft: CannedDraft) => request<{ response: CannedResponse }>('PUT', cannedPath(id), draft),
  deleteCanned: (id: string) => request<{ deleted: boolean }>('DELETE', cannedPath(id)),
}
