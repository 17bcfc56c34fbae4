/**
 * The two read queries behind the inbox. Both are bounded (explicit limit),
 * filter by equality on indexed fields, and never join.
 */
import type { FilterQuery } from 'mongoose'
import { seesAllQueues } from '../../auth/access.js'
import { Conversation, type ConversationDoc } from '../../models/conversation.js'
import { Message, type MessageDoc } from '../../models/message.js'
import type { UserDoc } from '../../models/user.js'
import { ApiError } from '../api-error.js'

export interface ConversationListQuery {
  status: 'open' | 'pending' | 'snoozed' | 'resolved' | 'all'
  channel?: string | undefined
  assignee: 'me' | 'unassigned' | 'any'
  limit: number
  cursor?: string | undefined
}

export async function listConversations(user: UserDoc, query: ConversationListQuery): Promise<{ conversations: ConversationDoc[]; nextCursor: string | null }> {
  const filters: FilterQuery<ConversationDoc>[] = []
  if (query.status !== 'all') filters.push({ status: query.status })
  if (query.channel) filters.push({ channel: query.channel })
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
