/**
 * How long a citizen has been waiting for an answer. Hotlines measure this
 * against a service level, so past five minutes the list highlights it.
 */
import type { Translate } from '../i18n/languages.js'

export const OVERDUE_AFTER_MS = 5 * 60_000

export interface WaitingTime {
  days: number
  hours: number
  minutes: number
  overdue: boolean
}

export function waitingTime(since: string | null, nowMs: number): WaitingTime | null {
  if (!since) return null
  const startedMs = Date.parse(since)
  if (Number.isNaN(startedMs)) return null
  // A client clock slightly behind the server must not show negative waits.
  const elapsed = Math.max(0, nowMs - startedMs)
  return { ...splitDuration(elapsed), overdue: elapsed > OVERDUE_AFTER_MS }
}

/** Whole days, hours and minutes of a duration (rounded down; negative counts as zero). */
export function splitDuration(ms: number): Omit<WaitingTime, 'overdue'> {
  const totalMinutes = Math.floor(Math.max(0, ms) / 60_000)
  return { days: Math.floor(totalMinutes / 1440), hours: Math.floor(totalMinutes / 60) % 24, minutes: totalMinutes % 60 }
}

export function formatWaiting(waiting: Omit<WaitingTime, 'overdue'>, t: Translate): string {
  const { days, hours, minutes } = waiting
  if (days > 0) return t('duration.days', { days, hours })
  if (hours > 0) return t('duration.hours', { hours, minutes })
  if (minutes > 0) return t('duration.minutes', { minutes })
  return t('duration.lessThanMinute')
}
