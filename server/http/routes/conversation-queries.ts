/**
 * The two read queries behind the inbox. Both are bounded (explicit limit),
 * filter by equality on indexed fields, and never join.
 */
import type { FilterQuery } from 'mongoose'
import { canAccessConversation, seesAllQueues } from '../../auth/access.js'
import type { HubContext } from '../../hub-context.js'
import { Conversation, type ConversationDoc } from '../../models/conversation.js'
import { Message, type MessageDoc } from '../../models/message.js'
import type { UserDoc } from '../../models/user.js'
import { searchConversations } from '../../search/search-index.js'
import { ApiError } from '../api-error.js'

export interface ConversationListQuery {
  status: 'open' | 'pending' | 'snoozed' | 'resolved' | 'all'
  channel?: string | undefined
  queue?: string | undefined
  label?: string | undefined
  priority?: 'low' | 'normal' | 'high' | 'urgent' | undefined
  assignee: 'me' | 'unassigned' | 'any'
  /** Words from the contact's name, phone or email, or from the messages. */
  q?: string | undefined
  limit: number
  cursor?: string | undefined
}

export async function listConversations(
  context: Pick<HubContext, 'redis'>,
  user: UserDoc,
  query: ConversationListQuery,
): Promise<{ conversations: ConversationDoc[]; nextCursor: string | null }> {
  if (query.q?.trim()) return searchPage(context, user, query)
  const filters: FilterQuery<ConversationDoc>[] = []
  if (query.status !== 'all') filters.push({ status: query.status })
  if (query.channel) filters.push({ channel: query.channel })
  if (query.queue) filters.push({ queue: query.queue })
  if (query.label) filters.push({ labels: query.label })
  if (query.priority) filters.push({ priority: query.priority })
  if (query.assignee === 'me') filters.push({ assigneeId: user._id })
  if (query.assignee === 'unassigned') filters.push({ assigneeId: null })
  if (!seesAllQueues(user)) filters.push({ $or: [{ queue: { $in: user.queues } }, { assigneeId: user._id }] })
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor)
    filters.push({ $or: [{ lastMessageAt: { $lt: cursor.at } }, { lastMessageAt: cursor.at, _id: { $lt: cursor.id } }] })
  }
  const found = await Conversation.find(filters.length > 0 ? { $and: filters } : {})
    .sort({ lastMessageAt: -1, _id: -1 })
    .limit(query.limit + 1)
    .lean<ConversationDoc[]>()
  const conversations = found.slice(0, query.limit)
  const last = conversations.at(-1)
  const nextCursor = found.length > query.limit && last ? encodeCursor(last) : null
  return { conversations, nextCursor }
}

/**
 * A search: candidates from the Redis index (newest first), each read by `_id` (the one lookup
 * every backend serves from an index), then the same filters and visibility as a list.
 */
async function searchPage(
  context: Pick<HubContext, 'redis'>,
  user: UserDoc,
  query: ConversationListQuery,
): Promise<{ conversations: ConversationDoc[]; nextCursor: string | null }> {
  const ids = await searchConversations(context.redis, query.q ?? '', MAX_SEARCH_CANDIDATES)
  const loaded = await Promise.all(ids.map((id) => Conversation.findById(id).lean<ConversationDoc>()))
  const matching = loaded.filter((conversation): conversation is ConversationDoc => {
    if (!conversation || !canAccessConversation(user, conversation)) return false
    if (query.status !== 'all' && conversation.status !== query.status) return false
    if (query.channel && conversation.channel !== query.channel) return false
    if (query.queue && conversation.queue !== query.queue) return false
    if (query.label && !conversation.labels.includes(query.label)) return false
    if (query.priority && conversation.priority !== query.priority) return false
    if (query.assignee === 'me' && conversation.assigneeId !== user._id) return false
    if (query.assignee === 'unassigned' && conversation.assigneeId !== null) return false
    return true
  })
  const offset = query.cursor ? decodeOffset(query.cursor) : 0
  const conversations = matching.slice(offset, offset + query.limit)
  const nextCursor = matching.length > offset + query.limit ? Buffer.from(JSON.stringify({ offset: offset + query.limit })).toString('base64url') : null
  return { conversations, nextCursor }
}

/** Search results read per request; a search matching more than this shows the newest. */
const MAX_SEARCH_CANDIDATES = 100

function decodeOffset(cursor: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset?: unknown }
    if (typeof parsed.offset === 'number' && Number.isInteger(parsed.offset) && parsed.offset >= 0) return parsed.offset
  } catch {}
  throw new ApiError(400, 'invalid_cursor', 'The cursor is not one this API returned')
}

export async function listMessages(
  conversationId: string,
  query: { after?: number | undefined; before?: number | undefined; limit: number },
): Promise<{ messages: MessageDoc[]; hasMore: boolean }> {
  if (query.after !== undefined) {
    const found = await Message.find({ conversationId, seq: { $gt: query.after } })
      .sort({ seq: 1 })
      .limit(query.limit + 1)
      .lean<MessageDoc[]>()
    return { messages: found.slice(0, query.limit), hasMore: found.length > query.limit }
  }
  const filter = query.before !== undefined ? { conversationId, seq: { $lt: query.before } } : { conversationId }
  const found = await Message.find(filter)
    .sort({ seq: -1 })
    .limit(query.limit + 1)
    .lean<MessageDoc[]>()
  return { messages: found.slice(0, query.limit).reverse(), hasMore: found.length > query.limit }
}

function encodeCursor(conversation: ConversationDoc): string {
  return Buffer.from(JSON.stringify({ at: conversation.lastMessageAt, id: conversation._id })).toString('base64url')
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { at: string; id: string }
    const at = new Date(parsed.at)
    if (Number.isNaN(at.getTime()) || typeof parsed.id !== 'string') throw new Error('bad cursor')
    return { at, id: parsed.id }
  } catch {
    throw new ApiError(400, 'invalid_cursor', 'The cursor is not one this API returned')
  }
}
