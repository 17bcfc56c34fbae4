/**
 * Which cases Open311 shows (public categories, never a confidential case, by default only
 * cases filed through Open311) and the database filter for a GET requests query.
 */
import type { WorkOrderStatus } from '../work-orders/lifecycle-states.js'
import { workOrderStatusesFor } from './map-status.js'
import type { Open311Config } from './open311-config.js'
import type { RequestsQuery } from './requests-query.js'

export interface Visibility {
  publicCodes: readonly string[]
  publish: Open311Config['publish']
}

export function visibleFilter(visibility: Visibility): Record<string, unknown> {
  return {
    category: { $in: [...visibility.publicCodes] },
    confidential: { $ne: true },
    ...(visibility.publish === 'open311' ? { source: 'open311' } : {}),
  }
}

export function requestsFilter(query: RequestsQuery, visibility: Visibility): Record<string, unknown> {
  const visible = visibleFilter(visibility)
  if (query.ids) return { ...visible, number: { $in: query.ids } }
  const codes = query.serviceCodes ? visibility.publicCodes.filter((code) => query.serviceCodes?.includes(code)) : visibility.publicCodes
  const statuses: WorkOrderStatus[] | null = query.statuses ? workOrderStatusesFor(query.statuses) : null
  return {
    ...visible,
    category: { $in: [...codes] },
    createdAt: { $gte: query.from, $lte: query.to },
    ...(statuses ? { status: { $in: statuses } } : {}),
  }
}
