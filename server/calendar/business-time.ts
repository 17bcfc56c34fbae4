/**
 * Business-time arithmetic over a BusinessCalendar, for SLA timers (open minutes) and
 * work-order deadlines (working days). Pure: every instant is passed in. A missing calendar
 * (`undefined`) means open 7×24, so queues without hours count wall-clock time.
 */
import { type CompiledCalendar, compileCalendar } from './calendar-days.js'
import type { BusinessCalendar } from './calendar-schema.js'
import { WEEKDAYS } from './calendar-schema.js'
import { NoOpenTimeError, openSpans, SEARCH_HORIZON_DAYS } from './open-spans.js'
import { addDays, DAY_MS, localDate, MINUTE_MS, wallOfDate } from './zone-clock.js'

/** Open around the clock in `timezone`: minutes are wall-clock minutes, and every day is a working day ending at local midnight. */
export function alwaysOpen(timezone: string): BusinessCalendar {
  return {
    timezone,
    weekly: Object.fromEntries(WEEKDAYS.map((day) => [day, ['00:00-24:00']])) as BusinessCalendar['weekly'],
    holidays: [],
    makeUpWorkdays: [],
  }
}

/** 7×24 in UTC: what `undefined` means. Use alwaysOpen(zone) when working days must end at a local midnight. */
export const ALWAYS_OPEN: BusinessCalendar = Object.freeze(alwaysOpen('UTC'))

export function isOpen(calendar: BusinessCalendar | undefined, at: Date): boolean {
  const instant = toInstant(at, 'at')
  if (!calendar) return true
  return !openSpans(compileCalendar(calendar), instant, instant + 1).next().done
}

/** `at` itself when open, else the start of the next open interval; null when nothing opens within SEARCH_HORIZON_DAYS. */
export function nextOpening(calendar: BusinessCalendar | undefined, at: Date): Date | null {
  const instant = toInstant(at, 'at')
  if (!calendar) return new Date(instant)
  const first = openSpans(compileCalendar(calendar), instant, instant + SEARCH_HORIZON_DAYS * DAY_MS).next()
  return first.done ? null : new Date(first.value.start)
}

/**
 * The earliest instant by which `minutes` of open time have elapsed since `start`. Counting
 * begins at the next opening when `start` is closed; a deadline that uses up an interval
 * exactly is that interval's closing time (12:00, not 13:30 after lunch). 0 minutes is `start`.
 * Throws NoOpenTimeError when the calendar has no open time within SEARCH_HORIZON_DAYS.
 */
export function addBusinessMinutes(calendar: BusinessCalendar | undefined, start: Date, minutes: number): Date {
  const from = toInstant(start, 'start')
  let remaining = toDurationMs(minutes)
  if (remaining === 0) return new Date(from)
  const compiled = calendar && compileCalendar(calendar)
  if (!compiled || compiled.alwaysOpen) return new Date(from + remaining)
  for (const span of openSpans(compiled, from, Number.POSITIVE_INFINITY)) {
    const length = span.end - span.start
    if (length >= remaining) return new Date(span.start + remaining)
    remaining -= length
  }
  throw new NoOpenTimeError('unreachable: an open-ended scan either finds open time or throws')
}

/** Open minutes in [from, to): 0 when to ≤ from. Inverse of addBusinessMinutes. Fractional when an end is not on a whole minute. */
export function businessMinutesBetween(calendar: BusinessCalendar | undefined, from: Date, to: Date): number {
  const begin = toInstant(from, 'from')
  const end = toInstant(to, 'to')
  if (end <= begin) return 0
  const compiled = calendar && compileCalendar(calendar)
  if (!compiled || compiled.alwaysOpen) return (end - begin) / MINUTE_MS
  if (!compiled.hasAnyHours) return 0
  let total = 0
  for (const span of openSpans(compiled, begin, end)) total += span.end - span.start
  return total / MINUTE_MS
}

/**
 * A date is a working day (工作日) when it is not a holiday and has opening hours: a weekday
 * with weekly hours, or a make-up workday (调休). A holiday with duty hours is open for
 * business minutes but is not a working day.
 */
export function isWorkingDay(calendar: BusinessCalendar | undefined, date: string): boolean {
  const compiled = compileCalendar(calendar ?? ALWAYS_OPEN)
  return isWorkingDate(compiled, date)
}

/**
 * The deadline of "within N working days" (N个工作日内), counted the way Chinese law counts
 * periods (民法典 arts. 201 and 203): the day the clock starts (the start's local date) is not
 * counted, counting begins on the next day, and the period ends when business stops on its
 * last day ("有业务时间的，停止业务活动的时间为截止时间"), i.e. the closing time of the Nth
 * working day after the start day. Non-working days are skipped, so a period never ends on a
 * holiday (art. 203's "以法定休假日结束的次日为期间的最后一日" follows).
 * N = 0 means "the same working day" (当日): the start day's closing time while that is still
 * ahead, else the closing time of the next working day.
 * Throws NoOpenTimeError when no working day comes within SEARCH_HORIZON_DAYS.
 */
export function addWorkingDays(calendar: BusinessCalendar | undefined, start: Date, days: number): Date {
  const instant = toInstant(start, 'start')
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, got ${days}`)
  const compiled = compileCalendar(calendar ?? ALWAYS_OPEN)
  let date = localDate(compiled.timezone, instant)
  if (days === 0 && isWorkingDate(compiled, date)) {
    const close = closingTime(compiled, date)
    if (close > instant) return new Date(close)
  }
  let counted = 0
  let sinceLastWorkingDay = 0
  while (counted < Math.max(days, 1)) {
    date = addDays(date, 1)
    if (isWorkingDate(compiled, date)) {
      counted++
      sinceLastWorkingDay = 0
    } else if (++sinceLastWorkingDay > SEARCH_HORIZON_DAYS) {
      const problem = `has no working day for ${SEARCH_HORIZON_DAYS} days before ${date}`
      throw new NoOpenTimeError(`the business calendar (${compiled.timezone}) ${problem}; check weekly, holidays and makeUpWorkdays`)
    }
  }
  return new Date(closingTime(compiled, date))
}

function isWorkingDate(calendar: CompiledCalendar, date: string): boolean {
  return calendar.kind(date) !== 'holiday' && calendar.hoursOn(date).length > 0
}

/** When a date's last open interval ends, as an instant (DST-aware: a close inside a gap is the transition). */
function closingTime(calendar: CompiledCalendar, date: string): number {
  // Local date `date` lies within a day either side of its UTC midnight for any real offset.
  const wall = wallOfDate(date)
  let close = Number.NaN
  for (const span of openSpans(calendar, wall - DAY_MS, wall + 2 * DAY_MS)) if (span.date === date) close = span.end
  if (Number.isNaN(close)) throw new Error(`${date} is a working day without open time`)
  return close
}

function toInstant(value: Date, name: string): number {
  const instant = value instanceof Date ? value.getTime() : Number.NaN
  if (Number.isNaN(instant)) throw new RangeError(`${name} must be a valid Date`)
  return instant
}

function toDurationMs(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be a finite number ≥ 0, got ${minutes}`)
  return Math.round(minutes * MINUTE_MS)
}
