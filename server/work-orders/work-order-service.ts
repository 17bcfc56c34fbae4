/**
 * Files work orders and moves them through the lifecycle. Each change is one update guarded by
 * the case's version (two people acting at once: one wins, the other's action is planned again
 * on the new state, and fails cleanly if it no longer applies). What follows a change
 * (notifications, webhooks, deadline checks) is marked pending in that same write and done by
 * a job, so a crash between the write and the job only delays it (see recoverPendingEffects).
 */
import { audit } from '../auth/audit.js'
import type { HubContext } from '../hub-context.js'
import { withRedisLock } from '../infra/redis-lock.js'
import { newId } from '../models/new-id.js'
import { type Actor, caseDepartments, type HistoryEntry, WorkOrder, type WorkOrderAttachment, type WorkOrderDoc } from '../models/work-order.js'
import { nextCaseNumber } from './case-number.js'
import { startDeadline, workOrderCalendar } from './deadlines.js'
import { suggestDepartment } from './dispatch-catalogue.js'
import { type ActionInput, type Party, planTransition, type WorkOrderAction } from './lifecycle.js'
import { limitsFor, type RequestType, type Urgency } from './work-order-config.js'

export type WorkOrderContext = Pick<HubContext, 'config' | 'now' | 'events' | 'queues' | 'redis' | 'log'>

/**
 * Every write to a case runs under this lock. FerretDB 1.x applies an update as read, modify,
 * write back the whole document, so two updates of one case at once (an action and a job's
 * bookkeeping) could silently undo each other even with the version in the filter.
 */
export function workOrderLockKey(id: string): string {
  return `sb:lock:work-order:${id}`
}

export function withWorkOrderLock<T>(context: Pick<HubContext, 'redis'>, id: string, work: () => Promise<T>): Promise<T> {
  return withRedisLock(context.redis, workOrderLockKey(id), work)
}

export class WorkOrderError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export interface NewWorkOrder {
  type: RequestType
  category: string
  urgency?: Urgency
  title: string
  description: string
  address?: string
  district?: string
  location?: { latitude: number; longitude: number } | null
  anonymous?: boolean
  confidential?: boolean
  fields?: Record<string, unknown>
  attachments?: WorkOrderAttachment[]
  citizen?: WorkOrderDoc['citizen']
  conversationId?: string | null
  source: string
}

/** A new case: numbered, its resolve deadline running from now, dispatched at once when the catalogue says auto. */
export async function createWorkOrder(context: WorkOrderContext, draft: NewWorkOrder, actor: Actor): Promise<WorkOrderDoc> {
  const config = context.config.workOrders
  const category = config.categories.find((candidate) => candidate.code === draft.category)
  if (!category) throw new WorkOrderError(400, 'unknown_category', `No category "${draft.category}"`)
  if (draft.district && !config.districts.some((district) => district.code === draft.district)) {
    throw new WorkOrderError(400, 'unknown_district', `No district "${draft.district}"`)
  }
  const fields = checkFields(category.fields, draft.fields ?? {})
  const now = context.now()
  const urgency = draft.urgency ?? category.urgency ?? 'general'
  const calendar = workOrderCalendar(context.config)
  const id = newId('wo')
  const order: WorkOrderDoc = {
    _id: id,
    number: await nextCaseNumber(context.redis, context.config.hub.timezone, config.numberPrefix, now),
    status: 'registered',
    version: 1,
    type: draft.type,
    category: category.code,
    urgency,
    title: draft.title.trim(),
    description: draft.description.trim(),
    ...(draft.address ? { address: draft.address.trim() } : {}),
    ...(draft.district ? { district: draft.district } : {}),
    location: draft.location ?? null,
    anonymous: draft.anonymous ?? false,
    confidential: draft.confidential ?? false,
    fields,
    attachments: draft.attachments ?? [],
    citizen: draft.citizen ?? {},
    conversationId: draft.conversationId ?? null,
    source: draft.source,
    leadDepartment: null,
    coDepartments: [],
    dispatchOverride: null,
    dispatchCount: 0,
    returnCount: 0,
    designated: false,
    extension: null,
    supervision: [],
    replies: [],
    deadlines: { resolve: startDeadline(calendar, now, limitsFor(config, urgency).resolve, config.atRiskShare) },
    followUp: null,
    redoCount: 0,
    masterId: null,
    mergedIds: [],
    closingNote: null,
    history: [],
    createdBy: actor,
    createdAt: now,
    updatedAt: now,
  }
  const entry: HistoryEntry = { _id: `${id}-h1`, action: 'register', from: 'registered', to: 'registered', actor, at: now }
  order.history = [entry]
  await WorkOrder.collection.insertOne({ ...order, effectsPending: [entry._id] } as never)
  await afterChange(context, order, entry)

  const suggestion = suggestDepartment(config, order.category, order.district)
  if (suggestion?.auto) {
    const system: Actor = { type: 'system', id: 'catalogue', name: 'Dispatch catalogue' }
    return actOnWorkOrder(context, order._id, 'dispatch', { department: suggestion.lead, coDepartments: suggestion.coHandlers }, system, 'system')
  }
  return order
}

/** Runs `action` on the case; returns the case as stored after it. Throws WorkOrderError when it may not happen. */
export async function actOnWorkOrder(
  context: WorkOrderContext,
  id: string,
  action: WorkOrderAction,
  input: ActionInput,
  actor: Actor,
  party: Party,
): Promise<WorkOrderDoc> {
  const masterId = action === 'merge' && input.masterId && input.masterId !== id ? input.masterId : null
  const apply = () => applyAction(context, id, action, input, actor, party)
  // A merge holds both cases, always in the same order, so A→B and B→A at once cannot both succeed.
  const [first, second] = masterId ? [id, masterId].sort() : [id]
  const stored = await withWorkOrderLock(context, first as string, () =>
    second
      ? withWorkOrderLock(context, second, async () => {
          const merged = await apply()
          await WorkOrder.updateOne({ _id: masterId }, { $addToSet: { mergedIds: id }, $inc: { version: 1 }, $set: { updatedAt: context.now() } })
          return merged
        })
      : apply(),
  )
  const entry = stored.history.at(-1) as HistoryEntry
  await afterChange(context, stored, entry)
  return stored
}

async function applyAction(
  context: WorkOrderContext,
  id: string,
  action: WorkOrderAction,
  input: ActionInput,
  actor: Actor,
  party: Party,
): Promise<WorkOrderDoc> {
  const config = context.config.workOrders
  const calendar = workOrderCalendar(context.config)
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const order = await WorkOrder.findById(id).lean<WorkOrderDoc>()
    if (!order) throw new WorkOrderError(404, 'not_found', 'Work order not found')
    const master = action === 'merge' && input.masterId ? await WorkOrder.findById(input.masterId, { number: 1, status: 1 }).lean<WorkOrderDoc>() : null
    const suggested = suggestDepartment(config, order.category, order.district)?.lead ?? null
    const now = context.now()
    const plan = planTransition(order, action, input, actor, party, { config, calendar, now, suggestedDepartment: suggested, master })
    if (!plan.ok) throw new WorkOrderError(plan.status, plan.code, plan.message)
    const entry: HistoryEntry = { _id: `${id}-h${order.history.length + 1}`, ...plan.entry }
    const result = await WorkOrder.collection.updateOne(
      { _id: id, version: order.version } as never,
      { $set: { ...plan.set, status: plan.to, version: order.version + 1, updatedAt: now }, $push: { history: entry, effectsPending: entry._id } } as never,
    )
    if (result.modifiedCount === 0) continue // someone else changed it first: plan again on what is stored now
    return { ...order, ...plan.set, status: plan.to, version: order.version + 1, updatedAt: now, history: [...order.history, entry] } as WorkOrderDoc
  }
  throw new WorkOrderError(409, 'conflict', 'The case kept changing while this action was applied; reload and try again')
}

/** Audit, tell the inbox, and queue what follows (notifications, webhooks, deadline checks). */
async function afterChange(context: WorkOrderContext, order: WorkOrderDoc, entry: HistoryEntry): Promise<void> {
  await audit({
    actor: { type: entry.actor.type, id: entry.actor.id },
    action: `work_order.${entry.action}`,
    target: { type: 'work_order', id: order._id },
    details: {
      number: order.number,
      from: entry.from,
      to: entry.to,
      actorType: entry.actor.type,
      ...(entry.actor.department ? { department: entry.actor.department } : {}),
    },
    outcome: 'success',
    at: entry.at,
  })
  await publishWorkOrderChanged(context, order, entry.action)
  await context.queues.enqueueRouting({ kind: 'work-order-effects', workOrderId: order._id, entryId: entry._id }, { jobId: `wo-effects-${entry._id}` })
}

/** Tells the inbox (hotline staff, and the case's departments) that a case moved: they refetch it through the REST rules. */
export async function publishWorkOrderChanged(context: Pick<HubContext, 'events'>, order: WorkOrderDoc, action: string): Promise<void> {
  await context.events.publish({
    type: 'work_order.changed',
    workOrderId: order._id,
    number: order.number,
    status: order.status,
    action,
    departments: caseDepartments(order),
  })
}

/** Template fields: required ones present, numbers numbers, selects one of their options; unknown keys dropped. */
function checkFields(
  template: readonly { key: string; type: string; options?: string[] | undefined; required: boolean }[],
  values: Record<string, unknown>,
): Record<string, unknown> {
  const problems: string[] = []
  const kept: Record<string, unknown> = {}
  for (const field of template) {
    const value = values[field.key]
    if (value === undefined || value === null || value === '') {
      if (field.required) problems.push(`${field.key} is required`)
      continue
    }
    if (field.type === 'number' && typeof value !== 'number') problems.push(`${field.key} must be a number`)
    else if (field.type === 'boolean' && typeof value !== 'boolean') problems.push(`${field.key} must be true or false`)
    else if (field.type === 'select' && !field.options?.includes(String(value))) problems.push(`${field.key} must be one of ${field.options?.join(', ')}`)
    else if ((field.type === 'text' || field.type === 'date') && (typeof value !== 'string' || value.length > 2000)) problems.push(`${field.key} must be text`)
    else kept[field.key] = value
  }
  if (problems.length > 0) throw new WorkOrderError(400, 'invalid_fields', problems.join('; '))
  return kept
}
