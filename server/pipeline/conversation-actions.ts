/**
 * State changes an agent makes on a conversation (assign, status). Each runs
 * under the conversation lock, publishes the new summary to staff, and tells
 * the citizen's room about status changes.
 */
import type { HubContext } from '../hub-context.js'
import { withRedisLock } from '../infra/redis-lock.js'
import { indexConversation } from '../lists/list-index.js'
import { Conversation, type ConversationDoc } from '../models/conversation.js'
import type { ConversationStatus } from '../presenters/dto.js'
import { presentConversation } from '../presenters/present.js'
import { contactRoom } from '../realtime/event-rooms.js'
import { conversationLockKey } from './append-message.js'

type ActionContext = Pick<HubContext, 'redis' | 'now' | 'events'>

export async function updateConversation(
  context: ActionContext,
  conversationId: string,
  change: (current: ConversationDoc) => Partial<ConversationDoc> | null,
): Promise<ConversationDoc | null> {
  const updated = await withRedisLock(context.redis, conversationLockKey(conversationId), async () => {
    const current = await Conversation.findById(conversationId).lean<ConversationDoc>()
    if (!current) return null
    const changes = change(current)
    if (!changes) return current
    const next = { ...changes, updatedAt: context.now() }
    await Conversation.updateOne({ _id: conversationId }, { $set: next })
    const updated = { ...current, ...next }
    await indexConversation(context.redis, current, updated)
    return updated
  })
  if (updated) {
    await context.events.publish({ type: 'conversation.updated', conversation: presentConversation(updated) }, [
      contactRoom(updated.channel, updated.contactExternalId),
    ])
  }
  return updated
}

export function assignTo(assignee: { _id: string; name: string } | null, now: Date) {
  return (current: ConversationDoc): Partial<ConversationDoc> | null =>
    current.assigneeId === (assignee?._id ?? null)
      ? null
      : { assigneeId: assignee?._id ?? null, assigneeName: assignee?.name ?? null, assignedAt: assignee ? now : null, previousAssigneeId: null }
}

export function changeStatus(status: ConversationStatus, now: Date, snoozedUntil?: Date) {
  return (current: ConversationDoc): Partial<ConversationDoc> | null => {
    if (current.status === status && status !== 'snoozed') return null
    return {
      status,
      resolvedAt: status === 'resolved' ? now : null,
      snoozedUntil: status === 'snoozed' ? (snoozedUntil ?? null) : null,
      ...(status === 'resolved' ? { waitingSince: null } : {}),
    }
  }
}

export function markRead(seq: number) {
  return (current: ConversationDoc): Partial<ConversationDoc> | null =>
    seq < current.lastSeq || (current.unread?.agent ?? 0) === 0 ? null : { unread: { agent: 0, contact: current.unread?.contact ?? 0 } }
}
