/**
 * Open311 knows two states: open ("reported") and closed ("resolved"). A case is closed from
 * 办结 on (resolved, follow-up, rated, archived) and when it was not accepted or merged into
 * another; a redo (重办) opens it again.
 */
import type { WorkOrderStatus } from '../work-orders/lifecycle-states.js'
import { WORK_ORDER_STATUSES } from '../work-orders/lifecycle-states.js'

export type Open311Status = 'open' | 'closed'

const CLOSED: ReadonlySet<WorkOrderStatus> = new Set(['resolved', 'follow_up', 'rated', 'archived', 'not_accepted', 'merged'])

export function open311Status(status: WorkOrderStatus): Open311Status {
  return CLOSED.has(status) ? 'closed' : 'open'
}

/** The work-order statuses that read as the given Open311 statuses. */
export function workOrderStatusesFor(statuses: readonly Open311Status[]): WorkOrderStatus[] {
  return WORK_ORDER_STATUSES.filter((status) => statuses.includes(open311Status(status)))
}
