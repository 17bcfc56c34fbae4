/**
 * The two read queries behind the inbox. Both are bounded (explicit limit),
 * filter by equality on indexed fields, and never join.
 */
import type { FilterQuery } from 'mongoose'
import { canAccessConversation, seesAllQueues } from '../../auth/access.js'
import type { HubContext } from '../../hub-context.js'
import { isListIndexReady, LIST_STATUSES, listKeys, listScore, readListPage, readListRows } from '../../lists/list-index.js'
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
  context: Pick<HubContext, 'redis' | 'config'>,
  user: UserDoc,
  query: ConversationListQuery,
): Promise<{ conversations: ConversationDoc[]; nextCursor: string | null }> {
  if (query.q?.trim()) return searchPage(context, user, query)
  if (await isListIndexReady(context.redis)) return indexedPage(context, user, query)
  return databasePage(user, query)
}

/**
 * A page from the Redis list index (lists/list-index.ts): the sets of the statuses and queues
 * asked for, merged newest first, the page's conversations read by `_id`, then the filters the
 * sets do not encode (channel, label, priority) and visibility checked on the documents. A
 * selective filter reads further down the sets, a bounded number of times.
 */
async function indexedPage(
  context: Pick<HubContext, 'redis' | 'config'>,
  user: UserDoc,
  query: ConversationListQuery,
): Promise<{ conversations: ConversationDoc[]; nextCursor: string | null }> {
  const statuses = query.status === 'all' ? LIST_STATUSES : [query.status]
  const allQueues = context.config.queues.map((queue) => queue.id)
  const visible = seesAllQueues(user) ? allQueues : allQueues.filter((queue) => user.queues.includes(queue))
  const queues = query.queue ? visible.filter((queue) => queue === query.queue) : visible
  const keys: string[] = []
  for (const status of statuses) {
    if (query.assignee === 'me') keys.push(listKeys.assignee(status, user._id))
    else if (query.assignee === 'unassigned') for (const queue of queues) keys.push(listKeys.unassigned(status, queue))
    else {
      for (const queue of queues) keys.push(listKeys.queue(status, queue))
      // Conversations assigned to the user in a queue they do not work are theirs to see too.
      if (!seesAllQueues(user)) keys.push(listKeys.assignee(status, user._id))
    }
  }
  const wanted = matchesQuery(user, query)

  const page: ConversationDoc[] = []
  let cursor = query.cursor ? decodeIndexCursor(query.cursor) : undefined
  let exhausted = false
  for (let round = 0; round < MAX_READ_ROUNDS && page.length <= query.limit && !exhausted; round++) {
    const entries = await readListPage(context.redis, keys, query.limit, cursor)
    exhausted = entries.length <= query.limit
    const docs = await loadRows(
      context.redis,
      entries.map((entry) => entry.id),
    )
    for (const [index, entry] of entries.entries()) {
      cursor = entry
      const doc = docs[index]
      if (doc && wanted(doc)) page.push(doc)
      if (page.length > query.limit) break
    }
  }
  const conversations = page.slice(0, query.limit)
  const last = conversations.at(-1)
  const more = page.length > query.limit || !exhausted
  return { conversations, nextCursor: more && last ? encodeIndexCursor(last) : null }
}

/** What a list query asks for, checked on a conversation: visibility first, then every filter. */
function matchesQuery(user: UserDoc, query: ConversationListQuery): (conversation: ConversationDoc) => boolean {
  return (conversation) =>
    canAccessConversation(user, conversation) &&
    (query.status === 'all' || conversation.status === query.status) &&
    (!query.queue || conversation.queue === query.queue) &&
    (!query.channel || conversation.channel === query.channel) &&
    (!query.label || conversation.labels.includes(query.label)) &&
    (!query.priority || conversation.priority === query.priority) &&
    (query.assignee !== 'me' || conversation.assigneeId === user._id) &&
    (query.assignee !== 'unassigned' || conversation.assigneeId === null)
}

/** Conversations by id: the rows kept with the list index, the database only for a row it does not have. */
async function loadRows(redis: HubContext['redis'], ids: readonly string[]): Promise<(ConversationDoc | null)[]> {
  const rows = await readListRows(redis, ids)
  return Promise.all(ids.map((id, index) => rows[index] ?? Conversation.findById(id).lean<ConversationDoc>()))
}

/** Rounds of reading further down the sets for a page that filters leave short. */
const MAX_READ_ROUNDS = 8

function encodeIndexCursor(conversation: ConversationDoc): string {
  return Buffer.from(JSON.stringify({ score: listScore(conversation), id: conversation._id })).toString('base64url')
}

function decodeIndexCursor(cursor: string): { score: number; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { score?: unknown; id?: unknown; at?: unknown }
    if (typeof parsed.score === 'number' && typeof parsed.id === 'string') return { score: parsed.score, id: parsed.id }
    // A cursor handed out by the database path (before the index was ready) still works.
    if (typeof parsed.at === 'string' && typeof parsed.id === 'string' && !Number.isNaN(new Date(parsed.at).getTime()))
      return { score: new Date(parsed.at).getTime(), id: parsed.id }
  } catch {}
  throw new ApiError(400, 'invalid_cursor', 'The cursor is not one this API returned')
}

/** The same page straight from the database (until the index is ready, e.g. right after Redis was replaced). */
async function databasePage(user: UserDoc, query: ConversationListQuery): Promise<{ conversations: ConversationDoc[]; nextCursor: string | null }> {
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
  const wanted = matchesQuery(user, query)
  const matching = (await loadRows(context.redis, ids)).filter((conversation): conversation is ConversationDoc => conversation !== null && wanted(conversation))
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
