/**
 * Appends a message to a conversation: the one write path for every message,
 * inbound or outbound. Under the conversation lock it allocates the next seq,
 * inserts the message, then updates the conversation summary.
 *
 * Crash safety without transactions: the message insert is the commit point.
 * If the process dies before the conversation update, the next append finds
 * its seq taken (unique index), re-reads the highest seq, carries on, and
 * writes lastSeq back in line with the messages.
 */
import type { HubContext } from '../hub-context.js'
import { withRedisLock } from '../infra/redis-lock.js'
import { indexConversation } from '../lists/list-index.js'
import { Conversation, type ConversationDoc } from '../models/conversation.js'
import { Message, type MessageDoc } from '../models/message.js'

export type MessageDraft = Omit<MessageDoc, 'seq' | 'prevVisibleSeq' | 'createdAt' | 'updatedAt'>

export interface AppendResult {
  message: MessageDoc
  conversation: ConversationDoc
  /** False when the message id already existed: a redelivery, nothing was written. */
  created: boolean
}

export function conversationLockKey(conversationId: string): string {
  return `sb:lock:conversation:${conversationId}`
}

export async function appendMessage(
  context: Pick<HubContext, 'redis' | 'now'>,
  conversationId: string,
  draft: MessageDraft,
  /** The conversation fields to change along with this message (status, unread, waitingSince…). */
  summarize: (conversation: ConversationDoc, message: MessageDoc) => Partial<ConversationDoc>,
): Promise<AppendResult> {
  return withRedisLock(context.redis, conversationLockKey(conversationId), async () => {
    const existing = await Message.findById(draft._id).lean<MessageDoc>()
    const conversation = await Conversation.findById(conversationId).lean<ConversationDoc>()
    if (!conversation) throw new Error(`Conversation ${conversationId} not found`)
    if (existing) return { message: existing, conversation, created: false }

    const now = context.now()
    let seq = conversation.lastSeq + 1
    let message: MessageDoc | undefined
    for (let attempt = 0; attempt < 5 && !message; attempt += 1) {
      const candidate: MessageDoc = {
        ...draft,
        seq,
        ...(draft.private ? {} : { prevVisibleSeq: conversation.lastVisibleSeq ?? 0 }),
        createdAt: now,
        updatedAt: now,
      }
      try {
        await Message.collection.insertOne(stripUndefined(candidate) as never)
        message = candidate
      } catch (error) {
        if (!isDuplicateKey(error)) throw error
        // Either this exact message landed meanwhile (a redelivery raced us), or the seq was
        // taken by a write whose conversation update never happened. Tell them apart by _id.
        const landed = await Message.findById(draft._id).lean<MessageDoc>()
        if (landed) return { message: landed, conversation, created: false }
        seq = (await highestSeq(conversationId)) + 1
      }
    }
    if (!message) throw new Error(`Could not allocate a seq in conversation ${conversationId}`)

    const changes: Partial<ConversationDoc> = {
      ...summarize(conversation, message),
      lastSeq: message.seq,
      ...(message.private ? {} : { lastVisibleSeq: message.seq }),
      updatedAt: now,
    }
    await Conversation.updateOne({ _id: conversationId }, { $set: changes })
    const updated = { ...conversation, ...changes }
    await indexConversation(context.redis, conversation, updated)
    return { message, conversation: updated, created: true }
  })
}

async function highestSeq(conversationId: string): Promise<number> {
  const last = await Message.find({ conversationId }, { seq: 1 }).sort({ seq: -1 }).limit(1).lean<{ seq: number }[]>()
  return last[0]?.seq ?? 0
}

export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 11000
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T
}

/** First 140 characters of a message, for conversation lists. */
export function previewOf(message: Pick<MessageDoc, 'type' | 'body' | 'private'>): string {
  const text = message.body.replace(/\s+/g, ' ').trim()
  if (text) return text.length > 140 ? `${text.slice(0, 139)}…` : text
  return `[${message.type}]`
}
