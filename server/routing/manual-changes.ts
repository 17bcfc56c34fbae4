/**
 * What follows a change staff make by hand (assign, status): the timeline event with who did
 * it, the routing bookkeeping (loads, the line, refilling freed room), and the timers (the
 * no-answer check of a new assignment, the end of a snooze).
 */
import type { ConversationDoc } from '../models/conversation.js'
import type { UserDoc } from '../models/user.js'
import { recordTimelineEvent } from '../pipeline/timeline-event.js'
import { completeSla } from '../sla/sla-tracking.js'
import { type RoutingContext, scheduleReassignCheck } from './dispatcher.js'
import { afterConversationChange } from './routing-actions.js'

type Actor = Pick<UserDoc, '_id' | 'name'>

export async function afterManualAssignment(context: RoutingContext, actor: Actor, before: ConversationDoc, after: ConversationDoc): Promise<void> {
  await recordTimelineEvent(context, after, {
    name: after.assigneeId ? 'conversation.assigned' : 'conversation.unassigned',
    actor: { id: actor._id, name: actor.name },
    text: after.assigneeId ? `${actor.name} assigned it to ${after.assigneeName}` : `${actor.name} unassigned it`,
    details: {
      assigneeId: after.assigneeId ?? undefined,
      assigneeName: after.assigneeName ?? undefined,
      fromId: before.assigneeId ?? undefined,
      fromName: before.assigneeName ?? undefined,
    },
  })
  await afterConversationChange(context, before, after)
  if (after.assigneeId && after.assignedAt) await scheduleReassignCheck(context, after._id, after.assigneeId, after.assignedAt, after.queue)
}

export async function afterStatusChange(context: RoutingContext, actor: Actor, before: ConversationDoc, after: ConversationDoc): Promise<void> {
  await recordTimelineEvent(context, after, {
    name: 'conversation.status',
    actor: { id: actor._id, name: actor.name },
    text: `${actor.name} set it ${after.status}${after.snoozedUntil ? ` until ${after.snoozedUntil.toISOString()}` : ''}`,
    details: { from: before.status, to: after.status, snoozedUntil: after.snoozedUntil?.toISOString() },
  })
  await afterConversationChange(context, before, after)
  if (after.status === 'resolved') await completeSla(context, after._id, 'resolution', after.resolvedAt ?? context.now())
  if (after.status === 'snoozed' && after.snoozedUntil) {
    const delayMs = Math.max(0, after.snoozedUntil.getTime() - context.now().getTime())
    await context.queues.enqueueRouting(
      { kind: 'snooze-wake', conversationId: after._id, snoozedUntil: after.snoozedUntil.toISOString() },
      { delayMs, jobId: `snooze-${after._id}-${after.snoozedUntil.getTime()}` },
    )
  }
}
