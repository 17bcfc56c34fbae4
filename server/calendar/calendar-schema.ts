/**
 * The hub's business calendar: when a queue or a department counts as open, for SLA timers
 * (business minutes) and work-order deadlines (working days).
 *
 * The shape is the voice connector's `businessHours` on purpose, so one config block can serve
 * the IVR and the hub. It is copied, not imported: server/ must not depend on a connector.
 * Everything the voice schema accepts is accepted here with the same meaning; this schema only
 * adds checks (overlapping intervals, holiday ranges) and a default for `weekly`.
 */
import { z } from 'zod'
import { firstOverlap, INTERVAL_PATTERN, parseInterval } from './opening-hours.js'
import { addDays, isTimeZone } from './zone-clock.js'

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

/** Holidays are days, not seasons: a longer range is almost surely a typo in `until`. */
const MAX_HOLIDAY_DAYS = 366

/**
 * Used when `weekly` is left out: Monday to Friday 09:00-12:00 and 13:30-18:00, a common
 * 政务服务中心 pattern (lunch break included, 7.5 open hours). Jurisdictions differ (8:30 starts,
 * 17:00 or 17:30 ends, summer/winter hours), so set `weekly` explicitly in production.
 * `weekly: {}` (present but empty) means closed every weekday, as in the voice config.
 */
export const DEFAULT_WEEKLY_HOURS: Readonly<Record<Weekday, readonly string[]>> = Object.freeze({
  mon: ['09:00-12:00', '13:30-18:00'],
  tue: ['09:00-12:00', '13:30-18:00'],
  wed: ['09:00-12:00', '13:30-18:00'],
  thu: ['09:00-12:00', '13:30-18:00'],
  fri: ['09:00-12:00', '13:30-18:00'],
  sat: [],
  sun: [],
})

const languageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'language tags look like zh-CN or en')

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/
const isoDate = z
  .string()
  .regex(DATE_PATTERN, 'dates are YYYY-MM-DD')
  // Date.parse rolls 02-30 over to 03-02 and rejects month 13: the round trip catches both.
  .refine((value) => {
    if (!DATE_PATTERN.test(value)) return true
    const parsed = Date.parse(`${value}T00:00:00Z`)
    return !Number.isNaN(parsed) && new Date(parsed).toISOString().startsWith(value)
  }, 'not a calendar date')

/** `HH:MM-HH:MM` in local time; 24:00 is allowed as an end. */
const interval = z
  .string()
  .regex(INTERVAL_PATTERN, 'opening hours are HH:MM-HH:MM, e.g. 09:00-17:30')
  .refine((value) => {
    // A malformed interval already has its message; don't add a second one.
    if (!INTERVAL_PATTERN.test(value)) return true
    const [start, end] = parseInterval(value)
    return start < end
  }, 'an opening interval must end after it starts (split one that crosses midnight in two)')

const hours = z
  .array(interval)
  .max(8)
  .superRefine((intervals, context) => {
    const overlap = firstOverlap(intervals)
    if (overlap) context.addIssue({ code: 'custom', message: `opening intervals ${overlap[0]} and ${overlap[1]} overlap`, input: intervals })
  })

const holidayName = z.record(languageTag, z.string().min(1).max(64))

const holidaySchema = z
  .strictObject({
    date: isoDate,
    /** Last day of a multi-day holiday (inclusive). */
    until: isoDate.optional(),
    name: holidayName.optional(),
    /** Reduced (duty) hours; closed all day when empty. */
    hours: hours.default([]),
  })
  .superRefine((holiday, context) => {
    if (holiday.until === undefined) return
    if (holiday.until < holiday.date) context.addIssue({ code: 'custom', path: ['until'], message: `until ${holiday.until} is before date ${holiday.date}` })
    else if (holiday.until >= addDays(holiday.date, MAX_HOLIDAY_DAYS))
      context.addIssue({ code: 'custom', path: ['until'], message: `a holiday spans at most ${MAX_HOLIDAY_DAYS} days` })
  })

const makeUpWorkdaySchema = z.strictObject({
  date: isoDate,
  name: holidayName.optional(),
  /** Default: Monday's hours, or the first weekday that has any (as the voice IVR does). */
  hours: hours.optional(),
})

const weeklySchema = z.strictObject(Object.fromEntries(WEEKDAYS.map((day) => [day, hours.default([])])) as Record<Weekday, z.ZodDefault<typeof hours>>)

export const businessCalendarSchema = z
  .strictObject({
    /**
     * IANA zone the hours and dates are in. Required, with no default: a wrong zone would
     * silently shift every deadline by hours.
     */
    timezone: z
      .string({ error: 'timezone is required: an IANA zone such as Asia/Shanghai' })
      .refine(isTimeZone, { error: (issue) => `timezone ${JSON.stringify(issue.input)} is not an IANA zone such as Asia/Shanghai or America/New_York` }),
    /** Opening intervals per weekday; a day left out is closed. Left out entirely: DEFAULT_WEEKLY_HOURS. */
    weekly: weeklySchema.default(() => structuredClone(DEFAULT_WEEKLY_HOURS) as z.output<typeof weeklySchema>),
    /** Public holidays: closed all day unless `hours` says otherwise. `until` makes a range (inclusive). */
    holidays: z.array(holidaySchema).default(() => []),
    /** 调休: weekend days worked to make up for a holiday. */
    makeUpWorkdays: z.array(makeUpWorkdaySchema).default(() => []),
  })
  .superRefine(
    (calendar, context) => {
      const holidayDates = new Set<string>()
      for (const holiday of calendar.holidays) {
        for (let date = holiday.date; date <= (holiday.until ?? holiday.date); date = addDays(date, 1)) holidayDates.add(date)
      }
      calendar.makeUpWorkdays.forEach((day, index) => {
        if (holidayDates.has(day.date)) context.addIssue({ code: 'custom', path: ['makeUpWorkdays', index, 'date'], message: `${day.date} is also a holiday` })
      })
    },
    // Run even when other fields failed, so every problem is listed at once; only the lists it reads must be sound.
    {
      when: (payload) =>
        listsAreSound(payload.value) && !payload.issues.some((issue) => issue.path?.[0] === 'holidays' || issue.path?.[0] === 'makeUpWorkdays'),
    },
  )

export type BusinessCalendar = z.output<typeof businessCalendarSchema>
export type BusinessCalendarInput = z.input<typeof businessCalendarSchema>

function listsAreSound(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const { holidays, makeUpWorkdays } = value as Record<string, unknown>
  return Array.isArray(holidays) && Array.isArray(makeUpWorkdays)
}
