/**
 * Dates for people: "5 min ago" in lists, clock times in the transcript, day
 * headings between days. Unit choice is pure (and tested); wording comes from Intl,
 * so both languages get correct plurals and word order for free.
 */
export type RelativeUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Largest whole unit for the distance from now; under a minute reads as "now". */
export function relativeParts(thenMs: number, nowMs: number): { value: number; unit: RelativeUnit } {
  const diff = thenMs - nowMs
  const abs = Math.abs(diff)
  const sign = diff < 0 ? -1 : 1
  // Truncate, never round: "59 min ago" must not become "60 min ago" or "1 hour ago" early.
  const whole = (size: number) => sign * Math.floor(abs / size) || 0
  if (abs < MINUTE) return { value: 0, unit: 'second' }
  if (abs < HOUR) return { value: whole(MINUTE), unit: 'minute' }
  if (abs < DAY) return { value: whole(HOUR), unit: 'hour' }
  if (abs < 7 * DAY) return { value: whole(DAY), unit: 'day' }
  if (abs < 30 * DAY) return { value: whole(7 * DAY), unit: 'week' }
  if (abs < 365 * DAY) return { value: whole(30 * DAY), unit: 'month' }
  return { value: whole(365 * DAY), unit: 'year' }
}

/** Local calendar day as YYYY-MM-DD: the key transcript messages are grouped by. */
export function localDayKey(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0')
  const day = String(date.getDate()).padStart(2, '0')
  return `${date.getFullYear()}-${month}-${day}`
}

export function dayKind(key: string, now: Date): 'today' | 'yesterday' | 'earlier' {
  if (key === localDayKey(now)) return 'today'
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1)
  return key === localDayKey(yesterday) ? 'yesterday' : 'earlier'
}

export interface TimeFormat {
  relative(iso: string, nowMs: number): string
  clock(iso: string): string
  day(iso: string): string
  full(iso: string): string
}

/** Intl formatters are costly to build, so one set is made per language and reused. */
export function createTimeFormat(language: string): TimeFormat {
  const relative = new Intl.RelativeTimeFormat(language, { numeric: 'auto', style: 'short' })
  const clock = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' })
  const day = new Intl.DateTimeFormat(language, { weekday: 'short', year: 'numeric', month: 'long', day: 'numeric' })
  const full = new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short' })
  return {
    relative(iso, nowMs) {
      const { value, unit } = relativeParts(Date.parse(iso), nowMs)
      return relative.format(value, unit)
    },
    clock: (iso) => clock.format(new Date(iso)),
    day: (iso) => day.format(new Date(iso)),
    full: (iso) => full.format(new Date(iso)),
  }
}
