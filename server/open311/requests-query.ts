/**
 * GET requests' arguments: service_request_id (a comma list that overrides every other
 * argument), service_code and status (comma lists), start_date/end_date (a window of at most
 * 90 days, by default the last 90 days). At most 1000 requests are returned, newest first.
 */
import type { Open311Status } from './map-status.js'
import { parseW3cDateTime } from './w3c-datetime.js'

export const MAX_REQUESTS = 1000
export const MAX_WINDOW_DAYS = 90
const DAY = 24 * 60 * 60 * 1000

export type RequestsQuery = { ids: string[] } | { ids: null; serviceCodes: string[] | null; statuses: Open311Status[] | null; from: Date; to: Date }

/** "a, b,,c" → ["a", "b", "c"]; empty → null (an empty optional argument is a missing one). */
function commaList(value: string | undefined): string[] | null {
  const items = [
    ...new Set(
      (value ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ]
  return items.length > 0 ? items : null
}

export function parseRequestsQuery(
  argument: (name: string) => string | undefined,
  now: Date,
): { ok: true; query: RequestsQuery } | { ok: false; problems: string[] } {
  const ids = commaList(argument('service_request_id'))
  if (ids) return ids.length > MAX_REQUESTS ? { ok: false, problems: [`service_request_id lists at most ${MAX_REQUESTS} ids`] } : { ok: true, query: { ids } }

  const problems: string[] = []
  const statuses = commaList(argument('status'))
  for (const status of statuses ?? []) {
    if (status !== 'open' && status !== 'closed') problems.push(`status "${status}" is not one of open, closed`)
  }
  const date = (name: string): Date | null => {
    const text = argument(name)?.trim()
    if (!text) return null
    const at = parseW3cDateTime(text)
    if (!at) problems.push(`${name} is a W3C date and time with its zone, e.g. 2010-01-01T00:00:00Z`)
    return at
  }
  const start = date('start_date')
  const end = date('end_date')
  const window = MAX_WINDOW_DAYS * DAY
  // One end given: the window reaches 90 days from it; none: the last 90 days.
  const to = end ?? (start ? new Date(Math.min(start.getTime() + window, now.getTime())) : now)
  const from = start ?? new Date(to.getTime() - window)
  if (start && end && end.getTime() < start.getTime()) problems.push('end_date is before start_date')
  else if (to.getTime() - from.getTime() > window) problems.push(`start_date to end_date may not span more than ${MAX_WINDOW_DAYS} days`)

  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, query: { ids: null, serviceCodes: commaList(argument('service_code')), statuses: statuses as Open311Status[] | null, from, to } }
}
