/**
 * The list filter, as the API understands it. The same predicate decides whether a
 * live `conversation` frame belongs in the list, so server and client agree on
 * what "Open · Mine · WeChat · urgent" means. Search text is the exception: only the
 * server can match it (contact details and message words), see `acceptsNewRows`.
 */
import type { ConversationDto, ConversationStatus, Priority } from '../../../server/presenters/dto.js'

export type StatusFilter = ConversationStatus | 'all'
export type AssigneeFilter = 'me' | 'unassigned' | 'any'

export interface ListFilter {
  status: StatusFilter
  assignee: AssigneeFilter
  /** Channel id from /api/channels, or null for every channel. */
  channel: string | null
  /** Queue id, or null for every queue the user may see. */
  queue?: string | null
  priority?: Priority | null
  label?: string | null
  /** Search text (contact name, phone, email or message words); empty for none. */
  q?: string
}

export const STATUS_FILTERS: readonly StatusFilter[] = ['open', 'pending', 'snoozed', 'resolved', 'all']
export const ASSIGNEE_FILTERS: readonly AssigneeFilter[] = ['me', 'unassigned', 'any']
export const PRIORITIES: readonly Priority[] = ['urgent', 'high', 'normal', 'low']

export const DEFAULT_FILTER: ListFilter = { status: 'open', assignee: 'any', channel: null }

export const PAGE_SIZE = 50
/** The API refuses longer search text; the box stops there too. */
export const MAX_SEARCH_LENGTH = 100

export function matchesFilter(conversation: ConversationDto, filter: ListFilter, userId: string): boolean {
  if (filter.status !== 'all' && conversation.status !== filter.status) return false
  if (filter.channel !== null && conversation.channel !== filter.channel) return false
  if (filter.queue && conversation.queue !== filter.queue) return false
  if (filter.priority && conversation.priority !== filter.priority) return false
  if (filter.label && !conversation.labels.includes(filter.label)) return false
  if (filter.assignee === 'me') return conversation.assignee?.id === userId
  if (filter.assignee === 'unassigned') return conversation.assignee === null
  return true
}

/** A live frame may add a row only when no search is active: whether it matches the words is the server's call. */
export function acceptsNewRows(filter: ListFilter): boolean {
  return !filter.q?.trim()
}

export function listQuery(filter: ListFilter, cursor: string | null = null): string {
  const params = new URLSearchParams({ status: filter.status, assignee: filter.assignee, limit: String(PAGE_SIZE) })
  if (filter.channel) params.set('channel', filter.channel)
  if (filter.queue) params.set('queue', filter.queue)
  if (filter.priority) params.set('priority', filter.priority)
  if (filter.label) params.set('label', filter.label)
  const q = filter.q?.trim()
  if (q) params.set('q', q.slice(0, MAX_SEARCH_LENGTH))
  if (cursor) params.set('cursor', cursor)
  return params.toString()
}

/** What makes two filters fetch different lists (the list reloads when it changes). */
export function filterKey(filter: ListFilter): string {
  return listQuery(filter)
}

/** Whether any of the narrowing filters (not the view or status) is set: the bar then offers to clear them. */
export function hasNarrowing(filter: ListFilter): boolean {
  return Boolean(filter.channel || filter.priority || filter.label || filter.q?.trim())
}

const text = (value: unknown, max: number): string | null => (typeof value === 'string' && value.trim() && value.length <= max ? value : null)

/** Reads a stored filter back, falling back field by field so an old or tampered value cannot break the list. */
export function parseFilter(stored: string | null): ListFilter {
  if (!stored) return DEFAULT_FILTER
  try {
    const value = JSON.parse(stored) as Partial<Record<keyof ListFilter, unknown>>
    const filter: ListFilter = {
      status: STATUS_FILTERS.includes(value.status as StatusFilter) ? (value.status as StatusFilter) : DEFAULT_FILTER.status,
      assignee: ASSIGNEE_FILTERS.includes(value.assignee as AssigneeFilter) ? (value.assignee as AssigneeFilter) : DEFAULT_FILTER.assignee,
      channel: typeof value.channel === 'string' && value.channel ? value.channel : null,
    }
    const queue = text(value.queue, 32)
    if (queue) filter.queue = queue
    if (PRIORITIES.includes(value.priority as Priority)) filter.priority = value.priority as Priority
    const label = text(value.label, 32)
    if (label) filter.label = label
    // Search text is not restored: an agent coming back expects the whole queue, not last session's search.
    return filter
  } catch {
    return DEFAULT_FILTER
  }
}
