/**
 * Wall clocks in an IANA zone, from Intl alone (no tz library). Everything is in epoch
 * milliseconds; a "wall" value is the zone's local date-time read as if it were UTC, which
 * turns local calendar arithmetic into plain UTC arithmetic.
 */

export const MINUTE_MS = 60_000
export const DAY_MS = 86_400_000

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The zone's UTC offset in ms at this instant (wall = instant + offset). */
export function offsetAt(timeZone: string, instant: number): number {
  // Intl shows whole seconds, so compare against the instant floored to its second.
  const second = Math.floor(instant / 1000) * 1000
  const fields: Record<string, string> = {}
  for (const part of formatterFor(timeZone).formatToParts(second)) fields[part.type] = part.value
  const wall = Date.UTC(Number(fields.year), Number(fields.month) - 1, Number(fields.day), Number(fields.hour), Number(fields.minute), Number(fields.second))
  return wall - second
}

/** The first instant in (known, changed] whose offset differs from `offset` (a DST or zone-rule change). */
export function transitionBetween(timeZone: string, known: number, changed: number, offset: number): number {
  let low = known
  let high = changed
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2)
    if (offsetAt(timeZone, middle) === offset) low = middle
    else high = middle
  }
  return high
}

/** YYYY-MM-DD of a wall value (or of any UTC midnight). */
export function dateOfWall(wall: number): string {
  return new Date(wall).toISOString().slice(0, 10)
}

/** UTC midnight of YYYY-MM-DD: the wall value at which that local date starts. */
export function wallOfDate(date: string): number {
  return Date.parse(`${date}T00:00:00Z`)
}

/** The local date of an instant in the zone. */
export function localDate(timeZone: string, instant: number): string {
  return dateOfWall(instant + offsetAt(timeZone, instant))
}

export function addDays(date: string, days: number): string {
  return dateOfWall(wallOfDate(date) + days * DAY_MS)
}

/** 0 = Monday … 6 = Sunday, the order of WEEKDAYS. */
export function weekdayIndex(date: string): number {
  return (new Date(wallOfDate(date)).getUTCDay() + 6) % 7
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}
