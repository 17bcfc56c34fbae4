/**
 * Hands waiting conversations to available agents.
 *
 * `dispatchQueue` walks a queue's line, oldest first, and for each conversation asks Redis (one
 * atomic script, routing-state.ts) to pick an online, skilled agent with room; then records the
 * assignment in the database and the timeline. It runs whenever something could change the
 * answer: a conversation arrives, an agent comes online, an agent's room frees up. Concurrent
 * runs are safe: the script lets each conversation leave the line once and never overfills an
 * agent; a per-queue lock only avoids wasted work.
 */
import type { HubContext } from '../hub-context.js'
import { withRedisLock } from '../infra/redis-lock.js'
import { Conversation, type ConversationDoc } from '../models/conversation.js'
import type { UserDoc } from '../models/user.js'
import { updateConversation } from '../pipeline/conversation-actions.js'
import { recordTimelineEvent } from '../pipeline/timeline-event.js'
import { announceOutOfLine, announceQueuePositions } from './queue-positions.js'
import { agentCapacity, queueMembers, queueSettings } from './queue-settings.js'
import { type CapacityKind, capacityKindOf } from './routing-config.js'
import { type Candidate, createRoutingState, type RoutingState } from './routing-state.js'

export type RoutingContext = Pick<HubContext, 'redis' | 'now' | 'events' | 'log' | 'config' | 'queues'>

/** Conversations looked at per run: a line longer than this is served by the next run. */
const MAX_PER_RUN = 100

export interface DispatchOutcome {
  assigned: { conversationId: string; agentId: string }[]
}

export async function dispatchQueue(context: RoutingContext, queueId: string): Promise<DispatchOutcome> {
  const outcome: DispatchOutcome = { assigned: [] }
  const settings = await queueSettings(context.config, queueId)
  if (!settings) return outcome
  const state = createRoutingState(context.redis)
  let online = 0
  await withRedisLock(context.redis, `sb:lock:dispatch:${queueId}`, async () => {
    const members = await onlineMembers(state, queueId)
    online = members.length
    const mode = settings.assignment
    if (mode === 'manual') return
    const waiting = await state.waiting(queueId, MAX_PER_RUN)
    if (waiting.length === 0 || members.length === 0) return
    // A kind (chat, call, email) for which an older conversation found no room: room freed while
    // this run goes on belongs to that older one (the next run, queued behind this one), not to a
    // younger one further down the line.
    const full = new Set<CapacityKind>()
    for (const conversationId of waiting) {
      const conversation = await Conversation.findById(conversationId).lean<ConversationDoc>()
      if (!conversation || conversation.status === 'resolved' || conversation.assigneeId !== null || conversation.queue !== queueId) {
        // Stale entry (resolved, taken by hand, moved): out of the line.
        await state.dequeue(queueId, conversationId)
        continue
      }
      const kind = capacityKindOf(conversation.channelType)
      if (full.has(kind)) continue
      const candidates = eligible(context, members, conversation, kind, settings.skills)
      const attempt = await state.assign(queueId, conversationId, kind, mode, candidates, context.now())
      // Blocked for want of room (not of a skill only some agents have): nobody behind it may jump the line.
      if (attempt.outcome === 'no_capacity' && (conversation.requiredSkills ?? []).length === 0) full.add(kind)
      if (attempt.outcome !== 'assigned') continue
      const agent = members.find((member) => member._id === attempt.agentId)
      if (!agent) continue
      if (await commitAssignment(context, state, conversation, agent, kind)) outcome.assigned.push({ conversationId, agentId: agent._id })
    }
  })
  // The line moved (or someone joined it): everyone still in it hears their new place.
  await announceQueuePositions(context, queueId, online)
  return outcome
}

/** Every queue an agent works, dispatched (they came online, or their room freed up). */
export async function dispatchForAgent(context: RoutingContext, agent: Pick<UserDoc, 'queues'>): Promise<void> {
  for (const queueId of agent.queues) await dispatchQueue(context, queueId)
}

async function onlineMembers(state: RoutingState, queueId: string): Promise<UserDoc[]> {
  const members = await queueMembers(queueId)
  const presence = await state.presenceOf(members.map((member) => member._id))
  return members.filter((_member, index) => presence[index] === 'online')
}

function eligible(
  context: RoutingContext,
  members: readonly UserDoc[],
  conversation: ConversationDoc,
  kind: CapacityKind,
  queueSkills: readonly string[],
): Candidate[] {
  const needed = [...queueSkills, ...(conversation.requiredSkills ?? [])]
  const skilled = members.filter((member) => needed.every((skill) => member.skills?.includes(skill)))
  // After an automatic reassignment the previous assignee is offered it only when nobody else can take it.
  const others = skilled.filter((member) => member._id !== conversation.previousAssigneeId)
  const pool = others.length > 0 ? others : skilled
  return pool.map((member) => ({ agentId: member._id, capacity: agentCapacity(context.config, member, kind) })).filter((candidate) => candidate.capacity > 0)
}

/**
 * Writes the assignment Redis decided. The conversation may have been taken by hand (or
 * resolved) between the two: then the hold Redis placed is released and nothing is recorded.
 */
async function commitAssignment(
  context: RoutingContext,
  state: RoutingState,
  conversation: ConversationDoc,
  agent: UserDoc,
  kind: CapacityKind,
): Promise<boolean> {
  const now = context.now()
  const updated = await updateConversation(context, conversation._id, (current) =>
    current.assigneeId === null && current.status !== 'resolved' ? { assigneeId: agent._id, assigneeName: agent.name, assignedAt: now } : null,
  )
  if (updated?.assigneeId !== agent._id || updated.assignedAt?.getTime() !== now.getTime()) {
    await state.release(agent._id, kind, conversation._id)
    return false
  }
  if (conversation.waitingSince) await state.recordWait(conversation.queue, (now.getTime() - new Date(conversation.waitingSince).getTime()) / 1000)
  await announceOutOfLine(context, conversation._id)
  await recordTimelineEvent(context, conversation, {
    name: 'conversation.assigned',
    text: `Assigned to ${agent.name} by routing`,
    details: { assigneeId: agent._id, assigneeName: agent.name, queue: conversation.queue, by: 'routing' },
  })
  await scheduleReassignCheck(context, conversation._id, agent._id, now, conversation.queue)
  return true
}

/** After the queue's no-answer time, check whether the assignee answered (routing-worker.ts). */
export async function scheduleReassignCheck(
  context: RoutingContext,
  conversationId: string,
  agentId: string,
  assignedAt: Date,
  queueId: string,
): Promise<void> {
  const settings = await queueSettings(context.config, queueId)
  if (!settings || settings.reassignAfterMinutes <= 0) return
  await context.queues.enqueueRouting(
    { kind: 'reassign-check', conversationId, agentId, assignedAt: assignedAt.toISOString() },
    { delayMs: settings.reassignAfterMinutes * 60_000, jobId: `reassign-${conversationId}-${assignedAt.getTime()}` },
  )
}
