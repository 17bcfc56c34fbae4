/**
 * Picks the conversation a citizen's message belongs to: the active one on that
 * channel, reopened if it was resolved within the channel's reopen window,
 * otherwise a new one in the channel's queue.
 */
import type { ChannelEntry } from '../channels/channel-registry.js'
import type { HubContext } from '../hub-context.js'
import { withRedisLock } from '../infra/redis-lock.js'
import type { ContactDoc } from '../models/contact.js'
import { ActiveConversation, Conversation, type ConversationDoc } from '../models/conversation.js'
import { newId } from '../models/new-id.js'

export function activeConversationKey(contactId: string, channelId: string): string {
  return `${contactId}:${channelId}`
}

export async function findActiveConversation(contactId: string, channelId: string): Promise<ConversationDoc | null> {
  const pointer = await ActiveConversation.findById(activeConversationKey(contactId, channelId)).lean()
  if (!pointer) return null
  return Conversation.findById(pointer.conversationId).lean<ConversationDoc>()
}

export async function resolveConversation(
  context: Pick<HubContext, 'redis' | 'now'>,
  channel: ChannelEntry,
  contact: ContactDoc,
  contactExternalId: string,
): Promise<ConversationDoc> {
  const key = activeConversationKey(contact._id, channel.config.id)
  return withRedisLock(context.redis, `sb:lock:active:${key}`, async () => {
    const current = await findActiveConversation(contact._id, channel.config.id)
    const now = context.now()
    if (current && isStillActive(current, now, channel.config.reopenWindowHours)) return current

    const conversation: ConversationDoc = {
      _id: newId('cv'),
      contactId: contact._id,
      contactName: contact.name,
      contactExternalId,
      channel: channel.config.id,
      channelType: channel.connector.type,
      status: 'open',
      snoozedUntil: null,
      assigneeId: null,
      assigneeName: null,
      queue: channel.config.queue,
      priority: 'normal',
      labels: [],
      lastSeq: 0,
      lastVisibleSeq: 0,
      unread: { agent: 0, contact: 0 },
      lastMessage: null,
      waitingSince: null,
      lastInboundAt: null,
      createdAt: now,
      updatedAt: now,
      firstResponseAt: null,
      lastMessageAt: null,
      resolvedAt: null,
    }
    await Conversation.collection.insertOne(conversation as never)
    await ActiveConversation.replaceOne({ _id: key }, { _id: key, conversationId: conversation._id }, { upsert: true })
    return conversation
  })
}

function isStillActive(conversation: ConversationDoc, now: Date, reopenWindowHours: number): boolean {
  if (conversation.status !== 'resolved') return true
  const resolvedAt = conversation.resolvedAt ? new Date(conversation.resolvedAt).getTime() : 0
  return now.getTime() - resolvedAt < reopenWindowHours * 3_600_000
}
