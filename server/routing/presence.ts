/**
 * Agent presence: online agents get new conversations, away agents keep theirs but get no new
 * ones, offline agents' unanswered conversations go back in line. The inbox says which one the
 * agent chose and keeps a heartbeat while it is open; an agent whose inbox vanished (closed
 * laptop, lost network) is taken offline by the sweep once the heartbeat expires.
 */
import { Conversation, type ConversationDoc } from '../models/conversation.js'
import type { UserDoc } from '../models/user.js'
import { dispatchForAgent, type RoutingContext } from './dispatcher.js'
import { requeue } from './routing-actions.js'
import { createRoutingState, type Presence } from './routing-state.js'

/** How long an inbox may stay silent before its agent counts as gone (it beats every 20 s). */
export const HEARTBEAT_TTL_SECONDS = 60
/** Conversations taken back from one agent per sweep; the next sweep takes the rest. */
const MAX_REQUEUED = 200

export async function setPresence(context: RoutingContext, agent: Pick<UserDoc, '_id' | 'name' | 'queues'>, presence: Presence): Promise<void> {
  const state = createRoutingState(context.redis)
  if (presence !== 'offline') await state.heartbeat(agent._id, HEARTBEAT_TTL_SECONDS)
  const previous = await state.setPresence(agent._id, presence)
  if (previous !== presence) {
    await context.events.publish({ type: 'agent.presence', agentId: agent._id, name: agent.name, presence })
  }
  if (presence === 'online') await dispatchForAgent(context, agent)
  if (presence === 'offline') await requeueUnanswered(context, agent._id)
}

/** Conversations where the citizen waits for an agent who is gone go to someone else. */
export async function requeueUnanswered(context: RoutingContext, agentId: string): Promise<number> {
  const waiting = await Conversation.find({ assigneeId: agentId, status: 'open', waitingSince: { $ne: null } })
    .limit(MAX_REQUEUED)
    .lean<ConversationDoc[]>()
  let count = 0
  for (const conversation of waiting) if (await requeue(context, conversation, 'assignee_offline')) count += 1
  return count
}

/** Takes offline every present agent whose inbox stopped beating. */
export async function sweepPresence(
  context: RoutingContext,
  loadAgent: (agentId: string) => Promise<Pick<UserDoc, '_id' | 'name' | 'queues'> | null>,
): Promise<string[]> {
  const state = createRoutingState(context.redis)
  const gone: string[] = []
  for (const agentId of await state.presentAgents()) {
    if (await state.isSeen(agentId)) continue
    const agent = (await loadAgent(agentId)) ?? { _id: agentId, name: agentId, queues: [] }
    await setPresence(context, agent, 'offline')
    gone.push(agentId)
  }
  return gone
}
