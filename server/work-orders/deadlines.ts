/**
 * Work-order deadlines: when a limit ends (clock time or working time on the jurisdiction's
 * calendar), when it turns at risk, and where it stands at a moment.
 */
import { addBusinessMinutes, addWorkingDays, type BusinessCalendar, DEFAULT_WEEKLY_HOURS } from '../calendar/index.js'
import type { HubConfig } from '../config/hub-config-schema.js'
import type { Deadline, DeadlineState } from '../models/work-order.js'
import type { Duration } from './work-order-config.js'

const MINUTE = 60_000

/** The calendar working-day limits count on: workOrders.calendar, else hub.businessHours, else office hours in the hub's zone. */
export function workOrderCalendar(config: Pick<HubConfig, 'hub' | 'workOrders'>): BusinessCalendar {
  return (
    config.workOrders.calendar ??
    config.hub.businessHours ?? {
      timezone: config.hub.timezone,
      weekly: structuredClone(DEFAULT_WEEKLY_HOURS) as BusinessCalendar['weekly'],
      holidays: [],
      makeUpWorkdays: [],
    }
  )
}

export function addDuration(calendar: BusinessCalendar, start: Date, duration: Duration): Date {
  if ('minutes' in duration) return new Date(start.getTime() + duration.minutes * MINUTE)
  if ('hours' in duration) return new Date(start.getTime() + duration.hours * 60 * MINUTE)
  if ('days' in duration) return new Date(start.getTime() + duration.days * 24 * 60 * MINUTE)
  if ('workingDays' in duration) return addWorkingDays(calendar, start, duration.workingDays)
  return addBusinessMinutes(calendar, start, duration.workingHours * 60)
}

/** A running deadline from `start`; it turns at risk when `atRiskShare` of the time is left. */
export function startDeadline(calendar: BusinessCalendar, start: Date, duration: Duration, atRiskShare: number): Deadline {
  const dueAt = addDuration(calendar, start, duration)
  return { dueAt, atRiskAt: atRiskMoment(start, dueAt, atRiskShare), state: 'running', closedAt: null }
}

/** A deadline moved (an approved extension): same at-risk share of the new span. */
export function moveDeadline(from: Date, dueAt: Date, atRiskShare: number, now: Date): Deadline {
  const moved: Deadline = { dueAt, atRiskAt: atRiskMoment(from, dueAt, atRiskShare), state: 'running', closedAt: null }
  return { ...moved, state: openStateAt(moved, now) }
}

function atRiskMoment(start: Date, dueAt: Date, share: number): Date {
  return new Date(dueAt.getTime() - Math.round((dueAt.getTime() - start.getTime()) * share))
}

/** Where an open deadline stands at `now`. */
export function openStateAt(deadline: Pick<Deadline, 'dueAt' | 'atRiskAt'>, now: Date): Extract<DeadlineState, 'running' | 'at_risk' | 'overdue'> {
  if (now.getTime() > new Date(deadline.dueAt).getTime()) return 'overdue'
  if (now.getTime() >= new Date(deadline.atRiskAt).getTime()) return 'at_risk'
  return 'running'
}

export function isClosed(deadline: Pick<Deadline, 'state'>): boolean {
  return deadline.state === 'met' || deadline.state === 'missed'
}

/** The step the deadline was for happened at `at`: met on time, else missed. A closed deadline keeps its verdict. */
export function closeDeadline(deadline: Deadline | undefined, at: Date): Deadline | undefined {
  if (!deadline || isClosed(deadline)) return deadline
  return { ...deadline, state: at.getTime() <= new Date(deadline.dueAt).getTime() ? 'met' : 'missed', closedAt: at }
}
