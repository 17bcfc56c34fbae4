/**
 * What routing does when a conversation or an agent changes: the glue between the pipeline,
 * the API and the dispatcher. Each function keeps Redis (line, loads) in step with the
 * database (assignee, status), then dispatches whatever may now be assignable.
 */
import { Contact, type ContactDoc } from '../models/contact.js'
import type { ConversationDoc } from '../models/conversation.js'
import type { MessageDoc } from '../models/message.js'
import { User, type UserDoc } from '../models/user.js'
import { updateConversation } from '../pipeline/conversation-actions.js'
import { recordTimelineEvent } from '../pipeline/timeline-event.js'
import { presentConversation } from '../presenters/present.js'
import type { Room } from '../realtime/events.js'
import { refreshSla } from '../sla/sla-tracking.js'
import { dispatchForAgent, dispatchQueue, type RoutingContext } from './dispatcher.js'
import { announceOutOfLine, citizenRoomOf } from './queue-positions.js'
import { capacityKindOf } from './routing-config.js'
import { routeConversation } from './routing-rules.js'
import { createRoutingState } from './routing-state.js'

const PRIORITY_ORDER = ['low', 'normal', 'high', 'urgent'] as const

/**
 * A citizen's message landed. Unassigned: the routing rules (re)decide queue, priority, labels
 * and skills, and the conversation takes its place in line. Assigned: it counts against its
 * agent again (a reopened conversation), or goes back in line if that agent is gone.
 */
export async function routeInboundMessage(context: RoutingContext, conversation: ConversationDoc, message: MessageDoc, channelType: string): Promise<void> {
  const state = createRoutingState(context.redis)
  const kind = capacityKindOf(conversation.channelType)
  if (conversation.assigneeId) {
    const [presence] = await state.presenceOf([conversation.assigneeId])
    if (presence === 'offline') await requeue(context, conversation, 'assignee_offline')
    else await state.hold(conversation.assigneeId, kind, conversation._id)
    return
  }
  const contact = await Contact.findById(conversation.contactId, { tags: 1, language: 1 }).lean<Pick<ContactDoc, 'tags' | 'language'>>()
  const decision = routeConversation(
    context.config.routing.rules,
    {
      channelId: conversation.channel,
      channelType,
      text: message.body,
      intent: message.metadata?.intent,
      page: message.metadata?.page,
      tags: contact?.tags ?? [],
      language: contact?.language,
      at: context.now(),
    },
    context.config.hub.timezone,
  )
  let current = conversation
  if (decision) {
    const updated = await updateConversation(context, conversation._id, (latest) => {
      if (latest.assigneeId !== null) return null
      const labels = [...new Set([...latest.labels, ...decision.labels])]
      const skills = [...new Set([...(latest.requiredSkills ?? []), ...decision.skills])]
      // A later message can raise the priority (an emergency mentioned second), never lower it.
      const priority = decision.priority && rank(decision.priority) > rank(latest.priority) ? decision.priority : latest.priority
      const queue = decision.queue ?? latest.queue
      const unchanged =
        queue === latest.queue &&
        priority === latest.priority &&
        labels.length === latest.labels.length &&
        skills.length === (latest.requiredSkills ?? []).length
      return unchanged ? null : { queue, priority, labels, requiredSkills: skills, routedBy: decision.rules.join(' + ') }
    })
    if (updated) {
      if (updated.queue !== conversation.queue) await state.dequeue(conversation.queue, conversation._id)
      current = updated
    }
  }
  await refreshSla(context, current)
  if (current.assigneeId !== null || current.status === 'resolved') return
  await state.rememberCitizenRoom(current._id, citizenRoomOf(current))
  await state.enqueue(current.queue, current._id, current.waitingSince ?? context.now())
  await dispatchQueue(context, current.queue)
}

/**
 * Takes the conversation from its assignee and puts it back at the front of its line (by how
 * long the citizen has waited), e.g. no answer in time or the agent went offline.
 */
export async function requeue(context: RoutingContext, conversation: ConversationDoc, reason: 'no_answer' | 'assignee_offline'): Promise<boolean> {
  const from = conversation.assigneeId
  if (!from) return false
  const state = createRoutingState(context.redis)
  const updated = await updateConversation(context, conversation._id, (latest) =>
    latest.assigneeId === from ? { assigneeId: null, assigneeName: null, assignedAt: null, previousAssigneeId: from } : null,
  )
  if (updated?.assigneeId !== null) return false
  await state.release(from, capacityKindOf(conversation.channelType), conversation._id)
  await announceToFormerAudience(context, conversation, updated)
  await recordTimelineEvent(context, conversation, {
    name: 'conversation.reassigned',
    text:
      reason === 'no_answer'
        ? `${conversation.assigneeName ?? 'The agent'} did not answer in time: back in the queue`
        : `${conversation.assigneeName ?? 'The agent'} went offline: back in the queue`,
    details: { reason, fromId: from, fromName: conversation.assigneeName ?? undefined, queue: conversation.queue },
  })
  if (updated.status !== 'resolved') {
    await state.rememberCitizenRoom(updated._id, citizenRoomOf(updated))
    await state.enqueue(updated.queue, updated._id, updated.waitingSince ?? context.now())
    await dispatchQueue(context, updated.queue)
  }
  return true
}

/**
 * Keeps loads and the line in step after the assignee, queue or status changed by hand (API):
 * the previous assignee's room is freed (and refilled from their queues), the new one's taken,
 * an unassigned open conversation waits in its queue's line.
 */
export async function afterConversationChange(context: RoutingContext, before: ConversationDoc, after: ConversationDoc): Promise<void> {
  await announceToFormerAudience(context, before, after)
  const state = createRoutingState(context.redis)
  const kind = capacityKindOf(after.channelType)
  const active = after.status === 'open' || after.status === 'pending'
  if (before.queue !== after.queue) await state.dequeue(before.queue, after._id)
  if (before.assigneeId && (before.assigneeId !== after.assigneeId || !active)) await state.release(before.assigneeId, kind, after._id)
  if (after.assigneeId && active) await state.hold(after.assigneeId, kind, after._id)
  if (after.assigneeId || !active) {
    await state.dequeue(after.queue, after._id)
    await announceOutOfLine(context, after._id)
    // Those behind it moved up.
    if (before.assigneeId === null) await dispatchQueue(context, after.queue)
  } else {
    await state.rememberCitizenRoom(after._id, citizenRoomOf(after))
    await state.enqueue(after.queue, after._id, after.waitingSince ?? after.lastMessageAt ?? context.now())
  }

  if (!after.assigneeId && active) await dispatchQueue(context, after.queue)
  if (before.assigneeId && (before.assigneeId !== after.assigneeId || !active)) {
    const previous = await User.findById(before.assigneeId, { queues: 1 }).lean<Pick<UserDoc, 'queues'>>()
    if (previous) await dispatchForAgent(context, previous)
  }
}

/**
 * Updates reach the conversation's current queue and assignee; the queue it left and the agent
 * who lost it must hear too, or their lists keep showing it as theirs until a reload.
 */
async function announceToFormerAudience(context: RoutingContext, before: ConversationDoc, after: ConversationDoc): Promise<void> {
  const rooms: Room[] = []
  if (before.queue !== after.queue) rooms.push(`queue:${before.queue}`)
  if (before.assigneeId && before.assigneeId !== after.assigneeId) rooms.push(`agent:${before.assigneeId}`)
  if (rooms.length > 0) await context.events.publish({ type: 'conversation.updated', conversation: presentConversation(after) }, rooms)
}

function rank(priority: string): number {
  return PRIORITY_ORDER.indexOf(priority as (typeof PRIORITY_ORDER)[number])
}
