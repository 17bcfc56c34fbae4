/**
 * What follows a work-order change, run as jobs so it survives crashes and retries:
 * - effects of a history entry: departments' systems hear of it (signed webhooks), the citizen
 *   is told (key transitions), deadline checks are scheduled, the follow-up is scheduled after
 *   办结; then the entry leaves effectsPending;
 * - deadline checks: at the at-risk moment and at the deadline the state is stored and announced;
 * - the follow-up: some hours after 办结 the citizen is asked for a rating.
 * Each step is idempotent (fixed message and job ids), so a retried job repeats nothing.
 */
import type { HubContext } from '../hub-context.js'
import { type Actor, type DeadlineName, WorkOrder, type WorkOrderDoc } from '../models/work-order.js'
import { notifyCitizen } from './citizen-notify.js'
import { localTime } from './citizen-texts.js'
import { isClosed, openStateAt } from './deadlines.js'
import { WITH_DEPARTMENT } from './lifecycle-states.js'
import { publishDeadline, publishTransition } from './webhook-events.js'
import { actOnWorkOrder, publishWorkOrderChanged, WorkOrderError, withWorkOrderLock } from './work-order-service.js'

type EffectsContext = Pick<HubContext, 'redis' | 'now' | 'events' | 'queues' | 'channels' | 'config' | 'log'>

const SYSTEM: Actor = { type: 'system', id: 'work-orders', name: 'Switchboard' }

export async function runWorkOrderEffects(context: EffectsContext, workOrderId: string, entryId: string): Promise<void> {
  const order = await WorkOrder.findById(workOrderId).lean<WorkOrderDoc & { effectsPending?: string[] }>()
  const entry = order?.history.find((candidate) => candidate._id === entryId)
  if (!order || !entry) return
  await scheduleDeadlineChecks(context, order)
  await publishTransition(context, order, entry)
  const outcome = await notifyCitizen(context, order, entry)
  if (outcome !== 'sent' && outcome !== 'not_notified')
    context.log.info('work-order notification not sent', { number: order.number, action: entry.action, outcome })
  if ((entry.action === 'resolve' || entry.action === 'answer_directly') && context.config.workOrders.followUp.automatic && order.resolvedAt) {
    const resolvedAt = new Date(order.resolvedAt)
    const at = resolvedAt.getTime() + context.config.workOrders.followUp.afterHours * 3_600_000
    await context.queues.enqueueRouting(
      { kind: 'work-order-follow-up', workOrderId, resolvedAt: resolvedAt.toISOString() },
      { delayMs: Math.max(0, at - context.now().getTime()), jobId: `wo-follow-up-${workOrderId}-${resolvedAt.getTime()}` },
    )
  }
  await withWorkOrderLock(context, workOrderId, () =>
    WorkOrder.collection.updateOne({ _id: workOrderId } as never, { $pull: { effectsPending: entryId } } as never),
  )
}

async function scheduleDeadlineChecks(context: EffectsContext, order: WorkOrderDoc): Promise<void> {
  const now = context.now().getTime()
  for (const [name, deadline] of Object.entries(order.deadlines) as [DeadlineName, NonNullable<WorkOrderDoc['deadlines'][DeadlineName]>][]) {
    if (isClosed(deadline)) continue
    const dueAt = new Date(deadline.dueAt)
    for (const at of [new Date(deadline.atRiskAt).getTime(), dueAt.getTime() + 1]) {
      if (at < now && deadline.state === openStateAt(deadline, context.now())) continue
      await context.queues.enqueueRouting(
        { kind: 'work-order-deadline', workOrderId: order._id, deadline: name, dueAt: dueAt.toISOString() },
        { delayMs: Math.max(0, at - now), jobId: `wo-deadline-${order._id}-${name}-${dueAt.getTime()}-${at}` },
      )
    }
  }
}

/** A timed check: store the deadline's state if it moved on, and announce at-risk and overdue once. */
export async function checkWorkOrderDeadline(context: EffectsContext, workOrderId: string, name: DeadlineName, dueAt: string): Promise<void> {
  const changed = await withWorkOrderLock(context, workOrderId, () => storeDeadlineState(context, workOrderId, name, dueAt))
  if (!changed) return
  const { order, deadline, state } = changed
  if (state !== 'running')
    await publishDeadline(context, { ...order, deadlines: { ...order.deadlines, [name]: { ...deadline, state } } }, name, state, new Date(deadline.dueAt))
  await publishWorkOrderChanged(context, order, `deadline.${name}.${state}`)
  // 催办: the department is chased before the deadline and again when it has passed, on the record.
  if (state !== 'running' && name !== 'return' && WITH_DEPARTMENT.has(order.status)) {
    const what = name === 'sign' ? { 'zh-CN': '签收', en: 'sign' } : { 'zh-CN': '办理答复', en: 'reply' }
    const when = localTime(context.config, deadline.dueAt)
    const comment =
      state === 'at_risk'
        ? `即将超期：请于 ${when} 前${what['zh-CN']}。 Due soon: ${what.en} by ${when}.`
        : `已超期：${what['zh-CN']}时限为 ${when}。 Overdue: ${what.en} was due by ${when}.`
    // A check run again (a retried job) finds its chase on the record already.
    if (order.supervision.some((entry) => entry.comment === comment)) return
    try {
      await actOnWorkOrder(context, workOrderId, 'urge', { comment }, SYSTEM, 'system')
    } catch (error) {
      // The case moved on meanwhile (signed, replied): nothing to chase.
      if (!(error instanceof WorkOrderError)) throw error
    }
  }
}

/** Stores the deadline's state at now if it moved on; returns what changed (null: nothing to announce). */
async function storeDeadlineState(context: EffectsContext, workOrderId: string, name: DeadlineName, dueAt: string) {
  const order = await WorkOrder.findById(workOrderId).lean<WorkOrderDoc>()
  const deadline = order?.deadlines[name]
  // Stale: the deadline moved (extension, re-dispatch) or closed since this check was scheduled.
  if (!order || !deadline || isClosed(deadline) || new Date(deadline.dueAt).getTime() !== new Date(dueAt).getTime()) return null
  const state = openStateAt(deadline, context.now())
  // Already stored by an earlier run of this check that died before announcing it: announce again
  // (webhooks dedupe by event id; the chase is not repeated).
  if (state === deadline.state) return state === 'running' ? null : { order, deadline, state }
  await WorkOrder.collection.updateOne(
    { _id: workOrderId, version: order.version } as never,
    { $set: { [`deadlines.${name}.state`]: state, version: order.version + 1, updatedAt: context.now() } } as never,
  )
  return { order, deadline, state }
}

/** The follow-up's time came: ask the citizen, unless the case moved on (already asked, redone). */
export async function startFollowUp(context: EffectsContext, workOrderId: string, resolvedAt: string): Promise<void> {
  const order = await WorkOrder.findById(workOrderId, { status: 1, resolvedAt: 1 }).lean<Pick<WorkOrderDoc, 'status' | 'resolvedAt'>>()
  if (order?.status !== 'resolved' || order.resolvedAt?.getTime() !== new Date(resolvedAt).getTime()) return
  try {
    await actOnWorkOrder(context, workOrderId, 'ask_follow_up', {}, SYSTEM, 'system')
  } catch (error) {
    if (!(error instanceof WorkOrderError)) throw error
  }
}

/** At boot: effects whose job never got queued (the process died right after the write) are queued now. */
export async function recoverPendingEffects(context: Pick<HubContext, 'queues' | 'log'>): Promise<number> {
  const pending = await WorkOrder.collection
    .find({ effectsPending: { $exists: true, $ne: [] } } as never, { projection: { effectsPending: 1 } })
    .limit(1000)
    .toArray()
  let queued = 0
  for (const order of pending as unknown as { _id: string; effectsPending: string[] }[]) {
    for (const entryId of order.effectsPending) {
      await context.queues.enqueueRouting({ kind: 'work-order-effects', workOrderId: order._id, entryId }, { jobId: `wo-effects-${entryId}` })
      queued += 1
    }
  }
  if (queued > 0) context.log.info('work-order effects re-queued at boot', { queued })
  return queued
}
