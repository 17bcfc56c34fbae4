/**
 * Picks the conversation a citizen's message belongs to: the active one on that
 * channel, reopened if it was resolved within the channel's reopen window,
 * otherwise a new one in the channel's queue.
 */
import type { ChannelEntry } from '../channels/channel-registry.js'
import type { HubContext } from '../hub-context.js'
import { withRedisLock } from '../infra/redis-lock.js'
import { indexConversation } from '../lists/list-index.js'
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
  return withActiveConversationLock(context, contact._id, channel.config.id, async () => {
    const current = await findActiveConversation(contact._id, channel.config.id)
    if (current && isStillActive(current, context.now(), channel.config.reopenWindowHours)) return current
    return openConversation(context, channel, contact, contactExternalId)
  })
}

/** Serializes the choice and creation of a citizen's conversation on a channel (two workers, one citizen). */
export function withActiveConversationLock<T>(context: Pick<HubContext, 'redis'>, contactId: string, channelId: string, work: () => Promise<T>): Promise<T> {
  return withRedisLock(context.redis, `sb:lock:active:${activeConversationKey(contactId, channelId)}`, work)
}

/** A new conversation in the channel's queue, which becomes the citizen's active one there. Call under the lock above. */
export async function openConversation(
  context: Pick<HubContext, 'now' | 'redis'>,
  channel: ChannelEntry,
  contact: ContactDoc,
  contactExternalId: string,
): Promise<ConversationDoc> {
  const now = context.now()
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
    lastInboundMessageId: null,
    createdAt: now,
    updatedAt: now,
    firstResponseAt: null,
    lastMessageAt: null,
    resolvedAt: null,
  }
  await Conversation.collection.insertOne(conversation as never)
  await indexConversation(context.redis, null, conversation)
  await pointActiveConversation(contact._id, channel.config.id, conversation._id)
  return conversation
}

/** Makes `conversationId` the one the citizen's next untargeted message on the channel joins. */
export async function pointActiveConversation(contactId: string, channelId: string, conversationId: string): Promise<void> {
  const key = activeConversationKey(contactId, channelId)
  await ActiveConversation.replaceOne({ _id: key }, { _id: key, conversationId }, { upsert: true })
}

function isStillActive(conversation: ConversationDoc, now: Date, reopenWindowHours: number): boolean {
  if (conversation.status !== 'resolved') return true
  const resolvedAt = conversation.resolvedAt ? new Date(conversation.resolvedAt).getTime() : 0
  return now.getTime() - resolvedAt < reopenWindowHours * 3_600_000
}
