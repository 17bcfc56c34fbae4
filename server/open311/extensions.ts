/**
 * `extensions=true` on GET requests and GET request (GeoReport v2 Extensions.md, "Extended
 * Attributes" and "Update History"): each request gains
 * - `extended_attributes`: `duplicate` (the case was merged into another, 并单) and
 *   `parent_service_request_id` (that master case's number, when it is published too), as
 *   Chicago's endpoint names them;
 * - `notes`, beside it as in the extensions document: the case's public history, one
 *   { type: 'update', status, summary, description, datetime } per change of state, oldest first.
 *   The summary is what the citizen is told about the state; the description is text written for
 *   the citizen (publicTextOf), else null. Who acted and any internal comment are never in it, and
 *   a confidential case has none (it is not published at all).
 */
import type { WorkOrderDoc } from '../models/work-order.js'
import { STATUS_TEXT } from '../work-orders/lifecycle-states.js'
import { localize } from './localize.js'
import { PUBLISHED_FIELDS, type PublishedWorkOrder, publicTextOf, type RequestMapping } from './map-request.js'
import { open311Status } from './map-status.js'
import type { SparkValue } from './spark-document.js'
import { formatW3cDateTime } from './w3c-datetime.js'

/** What the database query loads when extensions are asked for. */
export const EXTENDED_FIELDS = { ...PUBLISHED_FIELDS, masterId: 1, confidential: 1 } as const

/** A case as either query loads it (the extension fields only with EXTENDED_FIELDS). */
export type ExtendedWorkOrder = PublishedWorkOrder & Partial<Pick<WorkOrderDoc, 'masterId' | 'confidential'>>

/** `extensions`: true or false (either case); empty or missing is false. */
export function parseExtensions(value: string | undefined): { ok: true; extensions: boolean } | { ok: false; problems: string[] } {
  const text = value?.trim().toLowerCase()
  if (!text || text === 'false') return { ok: true, extensions: false }
  if (text === 'true') return { ok: true, extensions: true }
  return { ok: false, problems: ['extensions is true or false'] }
}

type NotedOrder = Pick<WorkOrderDoc, 'history' | 'closingNote'> & { confidential?: boolean | undefined }

/** The public history: registration and every change of state, each with its public text. */
export function notesOf(order: NotedOrder, mapping: Pick<RequestMapping, 'language' | 'timeZone'>): SparkValue[] {
  if (order.confidential) return []
  return (order.history ?? [])
    .filter((entry) => entry.action === 'register' || entry.from !== entry.to)
    .map((entry) => ({
      type: 'update',
      status: open311Status(entry.to),
      summary: localize(STATUS_TEXT[entry.to], mapping.language),
      description: publicTextOf(entry, order),
      datetime: formatW3cDateTime(new Date(entry.at), mapping.timeZone),
    }))
}

/**
 * The extension fields of one request. `parentNumber`: the master case's number, looked up by
 * the caller among the published cases (null when the master is not published).
 */
export function extensionsOf(
  order: NotedOrder & Pick<WorkOrderDoc, 'status'>,
  mapping: Pick<RequestMapping, 'language' | 'timeZone'>,
  parentNumber: string | null,
): { extended_attributes: { [key: string]: SparkValue }; notes: SparkValue[] } {
  const duplicate = order.status === 'merged'
  return {
    extended_attributes: { duplicate, parent_service_request_id: duplicate ? parentNumber : null },
    notes: notesOf(order, mapping),
  }
}
