/**
 * A case as an Open311 service request. Nothing about the citizen is ever in it: the request
 * object has no such fields, and PUBLISHED_FIELDS does not even load them. Nor is any comment
 * staff or departments wrote for each other: status_notes is only text written for the citizen.
 */
import type { HistoryEntry, WorkOrderDoc } from '../models/work-order.js'
import { STATUS_TEXT } from '../work-orders/lifecycle-states.js'
import type { Category, WorkOrdersConfig } from '../work-orders/work-order-config.js'
import { localize } from './localize.js'
import { open311Status } from './map-status.js'
import type { SparkValue } from './spark-document.js'
import { formatW3cDateTime } from './w3c-datetime.js'

/** The fields the mapping reads: the database query loads only these. */
export const PUBLISHED_FIELDS = {
  number: 1,
  status: 1,
  category: 1,
  description: 1,
  leadDepartment: 1,
  deadlines: 1,
  address: 1,
  location: 1,
  attachments: 1,
  history: 1,
  closingNote: 1,
  resolvedAt: 1,
  createdAt: 1,
  updatedAt: 1,
} as const

export type PublishedWorkOrder = Pick<WorkOrderDoc, keyof typeof PUBLISHED_FIELDS>

export interface RequestMapping {
  categories: ReadonlyMap<string, Pick<Category, 'name'>>
  departments: WorkOrdersConfig['departments']
  language: string
  timeZone: string
  /** A fixed service_notice; without it, the status as the citizen is told it. */
  serviceNotice?: string | undefined
}

/**
 * The text of a change that was written for the citizen, or null. Only two are: the answer an
 * agent gave directly and the route a case not accepted was pointed to (each the case's closing
 * note, and each happens at most once, from registration). Every other comment is internal: dispatch
 * and return reasons, urges and supervision, co-handlers' parts, the department's reply before
 * and after review (its outcome is told only to the citizen who filed it), the citizen's own
 * rating reason, archive remarks.
 */
export function publicTextOf(entry: Pick<HistoryEntry, 'action'>, order: Pick<WorkOrderDoc, 'closingNote'>): string | null {
  return entry.action === 'answer_directly' || entry.action === 'not_accept' ? order.closingNote?.trim() || null : null
}

/** When the case last went from open to closed (updated_datetime of a closed request). */
export function closedAt(order: Pick<WorkOrderDoc, 'history' | 'resolvedAt' | 'updatedAt'>): Date {
  const closing = [...(order.history ?? [])].reverse().find((entry) => open311Status(entry.to) === 'closed' && open311Status(entry.from) === 'open')
  return new Date(closing?.at ?? order.resolvedAt ?? order.updatedAt)
}

export function requestOf(order: PublishedWorkOrder, mapping: RequestMapping): { [key: string]: SparkValue } {
  const status = open311Status(order.status)
  const when = (at: Date | string | null | undefined) => (at ? formatW3cDateTime(new Date(at), mapping.timeZone) : null)
  const note = [...(order.history ?? [])]
    .reverse()
    .map((entry) => publicTextOf(entry, order))
    .find((text) => text !== null)
  const department = mapping.departments.find((candidate) => candidate.id === order.leadDepartment)
  const media = (order.attachments ?? []).find((attachment) => /^https?:\/\//i.test(attachment.url))
  const statusText = STATUS_TEXT[order.status]
  return {
    service_request_id: order.number,
    status,
    status_notes: note ?? null,
    service_name: localize(mapping.categories.get(order.category)?.name, mapping.language),
    service_code: order.category,
    description: order.description || null,
    agency_responsible: department ? localize(department.name, mapping.language) : null,
    service_notice: mapping.serviceNotice ?? localize(statusText, mapping.language),
    requested_datetime: when(order.createdAt),
    updated_datetime: when(status === 'closed' ? closedAt(order) : order.updatedAt),
    expected_datetime: when(order.deadlines?.resolve?.dueAt),
    address: order.address || null,
    address_id: null,
    zipcode: null,
    lat: order.location ? order.location.latitude : null,
    long: order.location ? order.location.longitude : null,
    media_url: media?.url ?? null,
  }
}
