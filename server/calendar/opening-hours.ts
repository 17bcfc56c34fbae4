/**
 * `HH:MM-HH:MM` opening intervals: local wall-clock minutes since midnight, end exclusive,
 * `24:00` allowed as an end so a day can run to midnight.
 */

export const INTERVAL_PATTERN = /^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/

/** [start, end) in minutes since local midnight. */
export type MinuteSpan = readonly [start: number, end: number]

export function parseInterval(interval: string): MinuteSpan {
  const [start = '', end = ''] = interval.split('-')
  return [toMinutes(start), toMinutes(end)]
}

/** Sorted, with touching intervals (12:00-13:00 + 13:00-14:00) merged into one. */
export function normalizeIntervals(intervals: readonly string[]): MinuteSpan[] {
  const spans = intervals
    .filter((interval) => INTERVAL_PATTERN.test(interval))
    .map(parseInterval)
    .filter(([start, end]) => start < end)
    .sort((a, b) => a[0] - b[0])
  const merged: [number, number][] = []
  for (const [start, end] of spans) {
    const last = merged.at(-1)
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else merged.push([start, end])
  }
  return merged
}

/** The first pair of intervals that share a minute, for an error message. Malformed ones are reported elsewhere. */
export function firstOverlap(intervals: readonly string[]): [string, string] | undefined {
  const sorted = intervals
    .filter((interval) => INTERVAL_PATTERN.test(interval))
    .map((interval) => ({ interval, span: parseInterval(interval) }))
    .filter(({ span }) => span[0] < span[1])
    .sort((a, b) => a.span[0] - b.span[0])
  for (let index = 1; index < sorted.length; index++) {
    const previous = sorted[index - 1]
    const current = sorted[index]
    if (previous && current && current.span[0] < previous.span[1]) return [previous.interval, current.interval]
  }
  return undefined
}

function toMinutes(clock: string): number {
  const [hour = '0', minute = '0'] = clock.split(':')
  return Number(hour) * 60 + Number(minute)
}
