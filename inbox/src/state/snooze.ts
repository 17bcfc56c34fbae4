/**
 * Snooze times. "Tomorrow 9:00" and the custom time are wall-clock times of the hub's time zone
 * (the hotline's working day), whatever zone the agent's computer is set to.
 */

export type SnoozePreset = 'oneHour' | 'tomorrowMorning'

export const DEFAULT_HUB_TIME_ZONE = 'Asia/Shanghai'

export interface WallTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

/** The wall-clock time in `timeZone` at `instant`. */
export function wallTimeIn(instant: Date, timeZone: string): WallTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(instant)
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((item) => item.type === type)?.value ?? 0)
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour') % 24, minute: part('minute') }
}

/** The instant at which `timeZone` reads `wall`; in a DST gap, the first valid instant after it. */
export function instantOfWallTime(wall: WallTime, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute)
  let guess = asUtc
  // Two rounds settle the zone offset, also across a DST change.
  for (let round = 0; round < 2; round += 1) {
    const seen = wallTimeIn(new Date(guess), timeZone)
    const seenAsUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute)
    guess += asUtc - seenAsUtc
  }
  return new Date(guess)
}

export function snoozeUntil(preset: SnoozePreset, now: Date, timeZone: string = DEFAULT_HUB_TIME_ZONE): Date {
  if (preset === 'oneHour') return new Date(now.getTime() + 60 * 60 * 1000)
  const today = wallTimeIn(now, timeZone)
  // Day arithmetic on a UTC date, so month and year ends roll over correctly.
  const tomorrow = new Date(Date.UTC(today.year, today.month - 1, today.day + 1))
  return instantOfWallTime({ year: tomorrow.getUTCFullYear(), month: tomorrow.getUTCMonth() + 1, day: tomorrow.getUTCDate(), hour: 9, minute: 0 }, timeZone)
}

export type CustomSnooze = { ok: true; until: Date } | { ok: false; reason: 'invalid' | 'past' }

/** A `<input type="datetime-local">` value ("2026-11-24T14:30") read in the hub's time zone; it must lie ahead. */
export function parseCustomSnooze(value: string, now: Date, timeZone: string = DEFAULT_HUB_TIME_ZONE): CustomSnooze {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value)
  if (!match) return { ok: false, reason: 'invalid' }
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number]
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return { ok: false, reason: 'invalid' }
  const until = instantOfWallTime({ year, month, day, hour, minute }, timeZone)
  if (until.getTime() <= now.getTime()) return { ok: false, reason: 'past' }
  return { ok: true, until }
}

/** The datetime-local value for an instant in the hub's zone (the custom field starts at "in one hour"). */
export function toDateTimeLocal(instant: Date, timeZone: string = DEFAULT_HUB_TIME_ZONE): string {
  const wall = wallTimeIn(instant, timeZone)
  const two = (value: number) => String(value).padStart(2, '0')
  return `${wall.year}-${two(wall.month)}-${two(wall.day)}T${two(wall.hour)}:${two(wall.minute)}`
}

/** "Nov 24, 09:00" in a zone (undefined: the browser's, like every other time the inbox shows). */
export function formatInZone(iso: string | Date, language: string, timeZone?: string): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso
  if (Number.isNaN(date.getTime())) return ''
  return new Intl.DateTimeFormat(language, { timeZone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date)
}
