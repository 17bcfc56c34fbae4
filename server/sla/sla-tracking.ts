/**
 * Keeps conversations' SLA targets current: set when the conversation gets its queue and
 * priority (and reset when either changes), checked by timed jobs at the at-risk moment and the
 * deadline, closed when the agent first answers and when the conversation is resolved. Every
 * change of state is recorded in the timeline and published as a `conversation.sla` event
 * (reports and automation listen for it).
 */
import type { HubContext } from '../hub-context.js'
import { Conversation, type ConversationDoc } from '../models/conversation.js'
import { updateConversation } from '../pipeline/conversation-actions.js'
import { recordTimelineEvent } from '../pipeline/timeline-event.js'
import { type ConversationSla, complete, type SlaTarget, type SlaTargetName, slaTargets, stateAt } from './sla-targets.js'

type SlaContext = Pick<HubContext, 'redis' | 'now' | 'events' | 'config' | 'queues'>

const TARGETS: readonly SlaTargetName[] = ['firstResponse', 'resolution']

/** (Re)computes the targets for the conversation's queue and priority; finished targets keep their verdict. */
export async function refreshSla(context: SlaContext, conversation: ConversationDoc): Promise<void> {
  const queue = context.config.queues.find((candidate) => candidate.id === conversation.queue)
  const fresh = slaTargets(queue?.sla, context.config.hub.businessHours, conversation.priority, new Date(conversation.createdAt), context.now())
  const current = conversation.sla ?? {}
  const next: ConversationSla = {}
  for (const name of TARGETS) {
    const existing = current[name]
    const target = existing && (existing.state === 'met' || existing.state === 'missed') ? existing : fresh[name]
    if (target) next[name] = target
  }
  if (sameSla(current, next)) return
  const updated = await updateConversation(context, conversation._id, () => ({ sla: next }))
  if (!updated) return
  for (const name of TARGETS) {
    const target = next[name]
    if (target && (target.state === 'running' || target.state === 'at_risk')) await scheduleChecks(context, conversation._id, name, target)
  }
}

/** The agent's first answer or the resolution happened at `at`. */
export async function completeSla(context: Pick<HubContext, 'redis' | 'now' | 'events'>, conversationId: string, name: SlaTargetName, at: Date): Promise<void> {
  const conversation = await Conversation.findById(conversationId, { sla: 1 }).lean<Pick<ConversationDoc, 'sla'>>()
  const target = conversation?.sla?.[name]
  if (!target || target.state === 'met' || target.state === 'missed') return
  await updateConversation(context, conversationId, (current) => {
    const latest = current.sla?.[name]
    if (!latest) return null
    return { sla: { ...current.sla, [name]: complete(latest, at) } }
  })
}

/** A timed check fired: move the target to at-risk or breached if its time has come. */
export async function checkSla(context: SlaContext, conversationId: string, name: SlaTargetName, dueAt: string): Promise<void> {
  const conversation = await Conversation.findById(conversationId).lean<ConversationDoc>()
  const target = conversation?.sla?.[name]
  // A check scheduled for an earlier deadline (priority or queue changed since) is stale.
  if (!conversation || !target || target.dueAt.getTime() !== new Date(dueAt).getTime()) return
  const state = stateAt(target, context.now())
  let updated: ConversationDoc | null = conversation
  if (state !== target.state) {
    updated = await updateConversation(context, conversationId, (current) => {
      const latest = current.sla?.[name]
      if (!latest || latest.state === 'met' || latest.state === 'missed' || stateAt(latest, context.now()) === latest.state) return null
      return { sla: { ...current.sla, [name]: { ...latest, state: stateAt(latest, context.now()) } } }
    })
  }
  const stored = updated?.sla?.[name]?.state
  if (!updated || (stored !== 'at_risk' && stored !== 'breached')) return
  // Recorded under a fixed id, also when the state was already stored: a job that died after the
  // update and is retried still records (and announces) the step exactly once.
  const what = name === 'firstResponse' ? 'First response' : 'Resolution'
  await recordTimelineEvent(context, updated, {
    id: `ev_sla_${conversationId}_${name}_${stored}_${target.dueAt.getTime()}`,
    name: `sla.${stored}`,
    text: `${what} SLA ${stored === 'breached' ? 'breached' : 'at risk'} (due ${target.dueAt.toISOString()})`,
    details: { target: name, dueAt: target.dueAt.toISOString() },
  })
  // Listeners key on (conversation, target, state): a retried job's second announcement changes nothing.
  await context.events.publish({
    type: 'conversation.sla',
    conversationId,
    queue: updated.queue,
    target: name,
    state: stored,
    dueAt: target.dueAt.toISOString(),
  })
}

async function scheduleChecks(context: SlaContext, conversationId: string, name: SlaTargetName, target: SlaTarget): Promise<void> {
  const now = context.now().getTime()
  for (const at of [target.atRiskAt, target.dueAt]) {
    await context.queues.enqueueRouting(
      { kind: 'sla-check', conversationId, target: name, dueAt: target.dueAt.toISOString() },
      { delayMs: Math.max(0, at.getTime() - now), jobId: `sla-${conversationId}-${name}-${target.dueAt.getTime()}-${at.getTime()}` },
    )
  }
}

function sameSla(a: ConversationSla, b: ConversationSla): boolean {
  return TARGETS.every((name) => {
    const left = a[name]
    const right = b[name]
    if (!left || !right) return left === right
    return left.dueAt.getTime() === right.dueAt.getTime() && left.state === right.state
  })
}
