/**
 * Open311 dates: the W3C subset of ISO 8601, always with a zone ("Z" or ±hh:mm). We write them
 * in the hub's zone, to the second, so a city's clients read local times; we read any offset.
 */

const parts = (timeZone: string) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })

const formatters = new Map<string, Intl.DateTimeFormat>()

/** 2026-03-01T09:15:30+08:00 (or …Z in UTC). */
export function formatW3cDateTime(at: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = parts(timeZone)
    formatters.set(timeZone, formatter)
  }
  const seconds = Math.floor(at.getTime() / 1000) * 1000
  const field: Record<string, string> = {}
  for (const part of formatter.formatToParts(new Date(seconds))) field[part.type] = part.value
  const { year = '', month = '', day = '', hour = '', minute = '', second = '' } = field
  const wallClockAsUtc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second))
  const offsetMinutes = Math.round((wallClockAsUtc - seconds) / 60_000)
  return `${year}-${month}-${day}T${hour}:${minute}:${second}${offsetText(offsetMinutes)}`
}

function offsetText(minutes: number): string {
  if (minutes === 0) return 'Z'
  const sign = minutes > 0 ? '+' : '-'
  const absolute = Math.abs(minutes)
  return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`
}

/** Date and time with seconds optional, fraction optional, zone required: "2010-01-01T00:00:00Z", "2010-01-01T08:00+08:00". */
const W3C_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

/** The moment a W3C date-time names, or null when it is not one (no zone, impossible date). */
export function parseW3cDateTime(text: string): Date | null {
  const match = W3C_DATETIME.exec(text.trim())
  if (!match) return null
  const [, year, month, day, hour, minute, second = '00', zone] = match as unknown as string[]
  const calendarCheck = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  if (calendarCheck.getUTCMonth() !== Number(month) - 1 || calendarCheck.getUTCDate() !== Number(day)) return null
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null
  if (zone !== 'Z' && (Number(zone?.slice(1, 3)) > 23 || Number(zone?.slice(4, 6)) > 59)) return null
  const at = new Date(text.trim())
  return Number.isNaN(at.getTime()) ? null : at
}
