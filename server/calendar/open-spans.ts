/**
 * Open time as a stream of instant spans. The scan walks one local day at a time (closed days
 * cost two offset look-ups, never a minute loop) and splits a day where the zone's offset
 * changes, so DST gaps add no open time and repeated hours add theirs twice, exactly as a wall
 * clock in the zone reads (and as `isOpen` answers).
 */
import type { CompiledCalendar } from './calendar-days.js'
import { DAY_MS, dateOfWall, MINUTE_MS, offsetAt, transitionBetween } from './zone-clock.js'

export interface OpenSpan {
  /** Epoch ms, end exclusive. */
  readonly start: number
  readonly end: number
  /** The local date whose hours this span belongs to. */
  readonly date: string
}

/** How long an open-ended scan may go without open time before it gives up. */
export const SEARCH_HORIZON_DAYS = 3 * 366

export class NoOpenTimeError extends Error {
  override readonly name = 'NoOpenTimeError'
}

/**
 * Open spans from `from` up to `until` (exclusive), in order. An open-ended scan
 * (`until` = Infinity) throws NoOpenTimeError after SEARCH_HORIZON_DAYS without open time.
 */
export function* openSpans(calendar: CompiledCalendar, from: number, until: number): Generator<OpenSpan> {
  const zone = calendar.timezone
  if (until === Number.POSITIVE_INFINITY && !calendar.hasAnyHours) throw noOpenTime(calendar, from, 'it has no opening hours at all')
  let cursor = from
  let lastOpen = from
  while (cursor < until) {
    const offset = offsetAt(zone, cursor)
    const dayStartWall = Math.floor((cursor + offset) / DAY_MS) * DAY_MS
    const date = dateOfWall(dayStartWall)
    // The chunk runs to the next local midnight, or to an offset change before it.
    let chunkEnd = dayStartWall + DAY_MS - offset
    if (offsetAt(zone, chunkEnd - 1) !== offset) chunkEnd = transitionBetween(zone, cursor, chunkEnd - 1, offset)
    chunkEnd = Math.min(chunkEnd, until)
    for (const [startMinute, endMinute] of calendar.hoursOn(date)) {
      const start = Math.max(cursor, dayStartWall + startMinute * MINUTE_MS - offset)
      const end = Math.min(chunkEnd, dayStartWall + endMinute * MINUTE_MS - offset)
      if (start < end) {
        lastOpen = end
        yield { start, end, date }
      }
    }
    if (until === Number.POSITIVE_INFINITY && chunkEnd - lastOpen > SEARCH_HORIZON_DAYS * DAY_MS)
      throw noOpenTime(calendar, from, `nothing is open for ${SEARCH_HORIZON_DAYS} days after ${new Date(lastOpen).toISOString()}`)
    cursor = chunkEnd
  }
}

function noOpenTime(calendar: CompiledCalendar, from: number, why: string): NoOpenTimeError {
  return new NoOpenTimeError(
    `the business calendar (${calendar.timezone}) has no open time after ${new Date(from).toISOString()}: ${why}; check weekly, holidays and makeUpWorkdays`,
  )
}
