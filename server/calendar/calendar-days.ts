/**
 * A calendar compiled into "what are the opening hours of this local date", with holiday ranges
 * expanded once. Rules (the voice IVR's, so both agree): a holiday wins over everything and is
 * closed unless it has hours; a make-up workday (调休) opens with its own hours, else Monday's
 * (or the first weekday that has any); any other date follows `weekly`.
 */
import type { BusinessCalendar } from './calendar-schema.js'
import { WEEKDAYS } from './calendar-schema.js'
import { type MinuteSpan, normalizeIntervals } from './opening-hours.js'
import { addDays, weekdayIndex } from './zone-clock.js'

export type DayKind = 'regular' | 'holiday' | 'make_up_workday'

export interface CompiledCalendar {
  readonly timezone: string
  readonly kind: (date: string) => DayKind
  readonly hoursOn: (date: string) => readonly MinuteSpan[]
  /** True when some date can ever be open: lets "no hours at all" fail fast instead of scanning years. */
  readonly hasAnyHours: boolean
  /** Open around the clock every day: minute arithmetic is plain wall-clock arithmetic. */
  readonly alwaysOpen: boolean
}

const FULL_DAY: MinuteSpan = [0, 1440]
// Calendars are parsed config, treated as immutable: compile each once.
const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>()

export function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  let result = compiled.get(calendar)
  if (!result) {
    result = compile(calendar)
    compiled.set(calendar, result)
  }
  return result
}

function compile(calendar: BusinessCalendar): CompiledCalendar {
  const weekly = WEEKDAYS.map((day) => normalizeIntervals(calendar.weekly[day] ?? []))
  const workday = weekly.slice(0, 5).find((spans) => spans.length > 0) ?? []
  const holidays = new Map<string, MinuteSpan[]>()
  for (const holiday of calendar.holidays) {
    const spans = normalizeIntervals(holiday.hours ?? [])
    const last = holiday.until ?? holiday.date
    // The first entry for a date wins, as in the voice IVR (`find`); the bound guards unvalidated input.
    for (let date = holiday.date, days = 0; date <= last && days < 366; date = addDays(date, 1), days++) if (!holidays.has(date)) holidays.set(date, spans)
  }
  const makeUps = new Map<string, MinuteSpan[]>()
  for (const day of calendar.makeUpWorkdays) if (!makeUps.has(day.date)) makeUps.set(day.date, day.hours ? normalizeIntervals(day.hours) : workday)

  const isFull = (spans: readonly MinuteSpan[]) => spans.length === 1 && spans[0]?.[0] === FULL_DAY[0] && spans[0]?.[1] === FULL_DAY[1]
  const all = [...weekly, ...holidays.values(), ...makeUps.values()]
  return {
    timezone: calendar.timezone,
    kind: (date) => (holidays.has(date) ? 'holiday' : makeUps.has(date) ? 'make_up_workday' : 'regular'),
    hoursOn: (date) => holidays.get(date) ?? makeUps.get(date) ?? weekly[weekdayIndex(date)] ?? [],
    hasAnyHours: all.some((spans) => spans.length > 0),
    alwaysOpen: all.every(isFull),
  }
}
