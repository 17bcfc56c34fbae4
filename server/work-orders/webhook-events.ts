/**
 * Work-order changes as webhook events for departments' OA systems: `work_order.created`,
 * `work_order.dispatched`, … and `work_order.deadline_at_risk` / `_overdue`. The case is shown
 * as a department sees it (no citizen identity on anonymous or confidential cases). Event ids
 * derive from the history entry (or the deadline), so a retried job publishes each once.
 */
import type { HubContext } from '../hub-context.js'
import type { DeadlineName, HistoryEntry, WorkOrderDoc } from '../models/work-order.js'
import { publishWebhookEvent, workOrderWebhookEvent } from '../webhooks/index.js'
import type { WorkOrderAction } from './lifecycle.js'
import { presentWorkOrder } from './present-work-order.js'

const EVENT_NAMES: Record<WorkOrderAction | 'register', string> = {
  register: 'created',
  dispatch: 'dispatched',
  designate: 'designated',
  sign: 'signed',
  return: 'returned',
  start: 'started',
  reply: 'replied',
  send_back: 'sent_back',
  approve: 'approved',
  resolve: 'resolved',
  answer_directly: 'answered_directly',
  not_accept: 'not_accepted',
  merge: 'merged',
  ask_follow_up: 'follow_up_asked',
  rate: 'rated',
  redo: 'redone',
  archive: 'archived',
  request_extension: 'extension_requested',
  approve_extension: 'extension_approved',
  reject_extension: 'extension_rejected',
  contribute: 'contributed',
  supervise: 'supervised',
  urge: 'urged',
}

type WebhookContext = Pick<HubContext, 'config' | 'queues' | 'now'>

function asDepartmentSees(order: WorkOrderDoc) {
  const { history: _history, actions: _actions, ...rest } = presentWorkOrder(order, { role: 'api', department: order.leadDepartment ?? null })
  return rest
}

export async function publishTransition(context: WebhookContext, order: WorkOrderDoc, entry: HistoryEntry): Promise<void> {
  const name = EVENT_NAMES[entry.action as keyof typeof EVENT_NAMES] ?? entry.action
  const transition = {
    action: entry.action,
    from: entry.from,
    to: entry.to,
    at: new Date(entry.at).toISOString(),
    actor: {
      type: entry.actor.type,
      name: entry.actor.type === 'citizen' ? '' : entry.actor.name,
      ...(entry.actor.department ? { department: entry.actor.department } : {}),
    },
    ...(entry.comment ? { comment: entry.comment } : {}),
    ...(entry.details ? { details: entry.details } : {}),
  }
  await publishWebhookEvent(
    context,
    workOrderWebhookEvent(`work_order.${name}`, {
      id: entry._id,
      occurredAt: new Date(entry.at),
      order,
      data: { workOrder: asDepartmentSees(order), transition },
    }),
  )
}

export async function publishDeadline(
  context: WebhookContext,
  order: WorkOrderDoc,
  deadline: DeadlineName,
  state: 'at_risk' | 'overdue',
  dueAt: Date,
): Promise<void> {
  await publishWebhookEvent(
    context,
    workOrderWebhookEvent(`work_order.deadline_${state}`, {
      id: `${order._id}-deadline-${deadline}-${state}-${dueAt.getTime()}`,
      occurredAt: context.now(),
      order,
      data: { workOrder: asDepartmentSees(order), deadline: { name: deadline, state, dueAt: dueAt.toISOString() } },
    }),
  )
}
