/**
 * The list filter, as the API understands it. The same predicate decides whether a
 * live `conversation` frame belongs in the list, so server and client agree on
 * what "Open · Mine · WeChat" means.
 */
import type { ConversationDto, ConversationStatus } from '../../../server/presenters/dto.js'

export type StatusFilter = ConversationStatus | 'all'
export type AssigneeFilter = 'me' | 'unassigned' | 'any'

export interface ListFilter {
  status: StatusFilter
  assignee: AssigneeFilter
  /** Channel id from /api/channels, or null for every channel. */
  channel: string | null
}

export const STATUS_FILTERS: readonly StatusFilter[] = ['open', 'pending', 'snoozed', 'resolved', 'all']
export const ASSIGNEE_FILTERS: readonly AssigneeFilter[] = ['me', 'unassigned', 'any']

export const DEFAULT_FILTER: ListFilter = { status: 'open', assignee: 'any', channel: null }

export const PAGE_SIZE = 50

export function matchesFilter(conversation: ConversationDto, filter: ListFilter, userId: string): boolean {
  if (filter.status !== 'all' && conversation.status !== filter.status) return false
  if (filter.channel !== null && conversation.channel !== filter.channel) return false
  if (filter.assignee === 'me') return conversation.assignee?.id === userId
  if (filter.assignee === 'unassigned') return conversation.assignee === null
  return true
}

export function listQuery(filter: ListFilter, cursor: string | null = null): string {
  const params = new URLSearchParams({ status: filter.status, assignee: filter.assignee, limit: String(PAGE_SIZE) })
  if (filter.channel) params.set('channel', filter.channel)
  if (cursor) params.set('cursor', cursor)
  return params.toString()
}

/** Reads a stored filter back, falling back field by field so an old or tampered value cannot break the list. */
export function parseFilter(stored: string | null): ListFilter {
  if (!stored) return DEFAULT_FILTER
  try {
    const value = JSON.parse(stored) as Partial<Record<keyof ListFilter, unknown>>
    return {
      status: STATUS_FILTERS.includes(value.status as StatusFilter) ? (value.status as StatusFilter) : DEFAULT_FILTER.status,
      assignee: ASSIGNEE_FILTERS.includes(value.assignee as AssigneeFilter) ? (value.assignee as AssigneeFilter) : DEFAULT_FILTER.assignee,
      channel: typeof value.channel === 'string' && value.channel ? value.channel : null,
    }
  } catch {
    return DEFAULT_FILTER
  }
}
