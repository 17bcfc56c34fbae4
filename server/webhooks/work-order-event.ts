import { caseDepartments, type WorkOrderDoc } from '../models/work-order.js'
import type { WebhookEvent } from './publish-webhook-event.js'

/** `work_order.created`, `work_order.signed`, `work_order.deadline_overdue`, … */
export type WorkOrderEventType = `work_order.${string}`

/** A work-order event for publishWebhookEvent, with the case's lead and co-handling departments for the endpoints' filters. */
export function workOrderWebhookEvent(
  type: WorkOrderEventType,
  input: { id: string; occurredAt: Date; order: Pick<WorkOrderDoc, 'leadDepartment' | 'coDepartments'>; data: Record<string, unknown> },
): WebhookEvent {
  return { id: input.id, type, occurredAt: input.occurredAt, data: input.data, departments: caseDepartments(input.order) }
}
