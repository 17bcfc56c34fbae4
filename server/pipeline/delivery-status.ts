/**
 * Moves a message's delivery status forward, never back: receipts race the
 * send job (a widget can report 'delivered' before the worker records 'sent'),
 * and providers send receipts out of order.
 */
import { isStatusAdvance } from '../../connectors/delivery-status.js'
import type { DeliveryStatus } from '../../connectors/spec.js'
import type { HubContext } from '../hub-context.js'
import { withRedisLock } from '../infra/redis-lock.js'
import { Message, type MessageDoc } from '../models/message.js'
import { MessageRef, messageRefKey } from '../models/message-ref.js'
import { presentMessage } from '../presenters/present.js'
import { conversationLockKey, isDuplicateKey } from './append-message.js'

export async function applyDeliveryStatus(
  context: Pick<HubContext, 'redis' | 'now' | 'events'>,
  messageId: string,
  status: DeliveryStatus,
  reason?: string,
  extra: { externalId?: string } = {},
): Promise<MessageDoc | null> {
  const conversationId = (await Message.findById(messageId, { conversationId: 1 }).lean<Pick<MessageDoc, 'conversationId'>>())?.conversationId
  if (!conversationId) return null
  const updated = await withRedisLock(context.redis, conversationLockKey(conversationId), async () => {
    const message = await Message.findById(messageId).lean<MessageDoc>()
    if (!message) return null
    const advance = isStatusAdvance(message.status, status)
    if (!advance && !(extra.externalId && !message.externalId)) return null
    const changes: Partial<MessageDoc> = { updatedAt: context.now(), ...(extra.externalId && !message.externalId ? { externalId: extra.externalId } : {}) }
    if (advance) {
      changes.status = status
      if (reason) changes.statusReason = reason
    }
    await Message.updateOne({ _id: messageId }, { $set: changes })
    return { ...message, ...changes }
  })
  // Channels whose provider id is the hub's own message id (webchat) need no ref.
  if (extra.externalId && extra.externalId !== messageId && updated?.externalId === extra.externalId) {
    const channel = updated.channel
    try {
      await MessageRef.updateOne({ _id: messageRefKey(channel, extra.externalId) }, { $setOnInsert: { messageId, createdAt: context.now() } }, { upsert: true })
    } catch (error) {
      // A concurrent upsert of the same ref won the insert: the ref exists, which is all this wanted.
      if (!isDuplicateKey(error)) throw error
    }
  }
  if (updated) await context.events.publish({ type: 'message.updated', conversationId, message: presentMessage(updated) })
  return updated
}
