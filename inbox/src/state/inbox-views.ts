/**
 * The list's views (the left nav): Mine, Unassigned, each queue the user works, and All for
 * supervisors and admins. A view is two fields of the list filter (assignee and queue), so the
 * other filters (status, channel, priority, label, search) stay as they are when switching.
 */
import type { Role, UserDto } from '../../../server/presenters/dto.js'
import type { ListFilter } from './filters.js'

export type InboxView = { kind: 'mine' } | { kind: 'unassigned' } | { kind: 'queue'; queue: string } | { kind: 'all' }

/** Unread counts from GET /api/conversations/counts. */
export interface ViewCounts {
  mine: number
  unassigned: number
  queues: Record<string, number>
}

export function inboxViews(role: Role, workedQueues: readonly string[]): InboxView[] {
  const views: InboxView[] = [{ kind: 'mine' }, { kind: 'unassigned' }]
  for (const queue of new Set(workedQueues)) views.push({ kind: 'queue', queue })
  if (role !== 'agent') views.push({ kind: 'all' })
  return views
}

export function viewKey(view: InboxView): string {
  return view.kind === 'queue' ? `queue:${view.queue}` : view.kind
}

export function viewOfFilter(filter: ListFilter): InboxView {
  if (filter.queue) return { kind: 'queue', queue: filter.queue }
  if (filter.assignee === 'me') return { kind: 'mine' }
  if (filter.assignee === 'unassigned') return { kind: 'unassigned' }
  return { kind: 'all' }
}

export function applyView(filter: ListFilter, view: InboxView): ListFilter {
  const { queue: _queue, ...rest } = filter
  switch (view.kind) {
    case 'mine':
      return { ...rest, assignee: 'me' }
    case 'unassigned':
      return { ...rest, assignee: 'unassigned' }
    case 'queue':
      return { ...rest, assignee: 'any', queue: view.queue }
    case 'all':
      return { ...rest, assignee: 'any' }
  }
}

/**
 * The filter to use: the stored one if its view is offered to this user, else the first queue
 * they work (agents have no All), else Mine. Keeps the other filters.
 */
export function allowedFilter(filter: ListFilter, views: readonly InboxView[]): ListFilter {
  const key = viewKey(viewOfFilter(filter))
  if (views.some((view) => viewKey(view) === key)) return filter
  const fallback = views.find((view) => view.kind === 'queue') ?? views.find((view) => view.kind === 'all') ?? { kind: 'mine' }
  return applyView(filter, fallback)
}

export function viewCount(view: InboxView, counts: ViewCounts | null): number | null {
  if (!counts) return null
  if (view.kind === 'mine') return counts.mine
  if (view.kind === 'unassigned') return counts.unassigned
  if (view.kind === 'queue') return counts.queues[view.queue] ?? 0
  return null
}

/** Checks the counts payload, so a surprise from the server shows no badge rather than NaN. */
export function parseCounts(payload: unknown): ViewCounts | null {
  if (typeof payload !== 'object' || payload === null) return null
  const value = payload as Record<string, unknown>
  const isCount = (item: unknown): item is number => typeof item === 'number' && Number.isFinite(item) && item >= 0
  if (!isCount(value.mine) || !isCount(value.unassigned) || typeof value.queues !== 'object' || value.queues === null) return null
  const queues: Record<string, number> = {}
  for (const [id, count] of Object.entries(value.queues)) if (isCount(count)) queues[id] = count
  return { mine: value.mine, unassigned: value.unassigned, queues }
}

export function queuesWorked(user: Pick<UserDto, 'queues'>, mine: readonly { id: string; mine: boolean }[] | null): string[] {
  return mine ? mine.filter((queue) => queue.mine).map((queue) => queue.id) : [...user.queues]
}
