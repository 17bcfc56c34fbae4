/**
 * Is the hotline staffed at this instant? Weekly hours in an IANA zone, public holidays
 * (closed unless they have hours) and make-up workdays (调休: a weekend day worked instead).
 * Pure: the instant is passed in (a call step uses the time Twilio's request arrived).
 */
import type { BusinessHours, Weekday } from './voice-config.js'
import { WEEKDAYS } from './voice-config.js'

export type BusinessStatus =
  | { open: true; day: 'regular' | 'make_up_workday' | 'holiday' }
  | { open: false; day: 'regular' | 'make_up_workday' | 'holiday'; holidayName?: Readonly<Record<string, string>> }

export interface LocalTime {
  /** YYYY-MM-DD in the zone. */
  date: string
  weekday: Weekday
  /** Minutes since local midnight. */
  minutes: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

export function localTime(instant: Date, timeZone: string): LocalTime {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    })
    formatters.set(timeZone, formatter)
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]))
  const weekday = WEEKDAYS.find((day) => day === parts.weekday?.toLowerCase()) ?? 'mon'
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday, minutes: Number(parts.hour) * 60 + Number(parts.minute) }
}

export function businessStatus(hours: BusinessHours | undefined, instant: Date): BusinessStatus {
  if (!hours) return { open: true, day: 'regular' }
  const local = localTime(instant, hours.timezone)
  const holiday = hours.holidays.find((entry) => entry.date <= local.date && local.date <= (entry.until ?? entry.date))
  if (holiday) {
    if (isWithin(holiday.hours, local.minutes)) return { open: true, day: 'holiday' }
    return { open: false, day: 'holiday', ...(holiday.name ? { holidayName: holiday.name } : {}) }
  }
  const makeUp = hours.makeUpWorkdays.find((entry) => entry.date === local.date)
  if (makeUp) {
    const open = isWithin(makeUp.hours ?? workdayHours(hours), local.minutes)
    return { open, day: 'make_up_workday' }
  }
  return { open: isWithin(hours.weekly[local.weekday], local.minutes), day: 'regular' }
}

/** A make-up workday without its own hours keeps Monday's, or the first weekday that has any. */
export function workdayHours(hours: BusinessHours): readonly string[] {
  for (const day of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) if (hours.weekly[day].length > 0) return hours.weekly[day]
  return []
}

function isWithin(intervals: readonly string[], minutes: number): boolean {
  return intervals.some((interval) => {
    const [start = '', end = ''] = interval.split('-')
    return toMinutes(start) <= minutes && minutes < toMinutes(end)
  })
}

function toMinutes(clock: string): number {
  const [hour = '0', minute = '0'] = clock.split(':')
  return Number(hour) * 60 + Number(minute)
}
