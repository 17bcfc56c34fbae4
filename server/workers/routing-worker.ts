/**
 * Timed routing work (BullMQ, so it survives restarts and runs once across processes):
 * - reassign-check: the assignee had the queue's no-answer time; if the citizen still waits on
 *   the same assignment, the conversation goes to someone else;
 * - snooze-wake: a snoozed conversation's time came: it is open again;
 * - presence-sweep (every 15 s): agents whose inbox stopped beating go offline;
 * - work-order-effects / -deadline / -follow-up: what follows a work-order change (work-order-effects.ts).
 */
import { type ConnectionOptions, type Job, Worker } from 'bullmq'
import type { HubContext } from '../hub-context.js'
import { Conversation, type ConversationDoc } from '../models/conversation.js'
import { User, type UserDoc } from '../models/user.js'
import { updateConversation } from '../pipeline/conversation-actions.js'
import { QUEUE_NAMES, type RoutingJob } from '../pipeline/queues.js'
import { recordTimelineEvent } from '../pipeline/timeline-event.js'
import { sweepPresence } from '../routing/presence.js'
import { afterConversationChange, requeue } from '../routing/routing-actions.js'
import { checkSla } from '../sla/sla-tracking.js'
import { checkWorkOrderDeadline, recoverPendingEffects, runWorkOrderEffects, startFollowUp } from '../work-orders/work-order-effects.js'

export const PRESENCE_SWEEP_EVERY_MS = 15_000

export function processRouting(context: HubContext) {
  return async (job: Job<RoutingJob>): Promise<void> => {
    const data = job.data
    switch (data.kind) {
      case 'reassign-check': {
        const conversation = await Conversation.findById(data.conversationId).lean<ConversationDoc>()
        if (!conversation || conversation.assigneeId !== data.agentId || conversation.status !== 'open') return
        // Only the assignment this check was scheduled for, and only while the citizen still waits.
        if (conversation.assignedAt?.getTime() !== new Date(data.assignedAt).getTime() || conversation.waitingSince === null) return
        await requeue(context, conversation, 'no_answer')
        return
      }
      case 'snooze-wake': {
        const before = await Conversation.findById(data.conversationId).lean<ConversationDoc>()
        if (before?.status !== 'snoozed' || before.snoozedUntil?.getTime() !== new Date(data.snoozedUntil).getTime()) return
        const after = await updateConversation(context, before._id, (current) =>
          current.status === 'snoozed' && current.snoozedUntil?.getTime() === before.snoozedUntil?.getTime() ? { status: 'open', snoozedUntil: null } : null,
        )
        if (!after || after.status !== 'open') return
        await recordTimelineEvent(context, after, { name: 'conversation.woke', text: 'Snooze ended: open again', details: {} })
        await afterConversationChange(context, before, after)
        return
      }
      case 'sla-check':
        await checkSla(context, data.conversationId, data.target, data.dueAt)
        return
      case 'presence-sweep':
        await sweepPresence(context, (agentId) => User.findById(agentId, { name: 1, queues: 1 }).lean<Pick<UserDoc, '_id' | 'name' | 'queues'>>())
        return
      case 'work-order-effects':
        await runWorkOrderEffects(context, data.workOrderId, data.entryId)
        return
      case 'work-order-deadline':
        await checkWorkOrderDeadline(context, data.workOrderId, data.deadline, data.dueAt)
        return
      case 'work-order-follow-up':
        await startFollowUp(context, data.workOrderId, data.resolvedAt)
        return
    }
  }
}

export async function startRoutingWorker(context: HubContext, connection: ConnectionOptions): Promise<Worker<RoutingJob>> {
  // One schedule whatever the number of processes (upserted by id).
  await context.queues.routing.upsertJobScheduler(
    'presence-sweep',
    { every: PRESENCE_SWEEP_EVERY_MS },
    { name: 'presence-sweep', data: { kind: 'presence-sweep' } },
  )
  await recoverPendingEffects(context)
  const worker = new Worker<RoutingJob>(QUEUE_NAMES.routing, processRouting(context), { connection, concurrency: 4 })
  worker.on('failed', (job, error) => context.log.warn('routing job failed', { jobId: job?.id, kind: job?.data.kind, error: error.message }))
  return worker
}
