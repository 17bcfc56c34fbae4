/**
 * SLA targets of a conversation, and where each stands. Pure: the queue's targets, the hub's
 * business calendar and the instants come in; deadlines and states come out.
 *
 * A target runs from its start (the conversation's first message) for the queue's minutes at
 * the conversation's priority, counted in business time or around the clock. It is `running`,
 * then `at_risk` once `atRiskPercent` of its time has gone, then `breached` at the deadline;
 * when the thing it measures happens it ends `met` (in time) or `missed` (late).
 */
import { addBusinessMinutes, type BusinessCalendar } from '../calendar/index.js'
import type { Priority } from '../presenters/dto.js'

export type SlaState = 'running' | 'at_risk' | 'breached' | 'met' | 'missed'
export type SlaTargetName = 'firstResponse' | 'resolution'

export interface SlaTarget {
  startedAt: Date
  atRiskAt: Date
  dueAt: Date
  state: SlaState
  /** When the measured thing happened (first answer, resolution). */
  completedAt?: Date | null
}

export type ConversationSla = Partial<Record<SlaTargetName, SlaTarget>>

export interface QueueSla {
  firstResponseMinutes: Partial<Record<Priority, number>>
  resolutionMinutes: Partial<Record<Priority, number>>
  clock: 'business' | 'calendar'
  atRiskPercent: number
}

/** Fresh targets for a conversation started at `startedAt` with `priority` (targets without minutes are left out). */
export function slaTargets(sla: QueueSla | undefined, calendar: BusinessCalendar | undefined, priority: Priority, startedAt: Date, now: Date): ConversationSla {
  if (!sla) return {}
  const clock = sla.clock === 'business' ? calendar : undefined
  const target = (minutes: number | undefined): SlaTarget | undefined => {
    if (minutes === undefined) return undefined
    const dueAt = addBusinessMinutes(clock, startedAt, minutes)
    const atRiskAt = addBusinessMinutes(clock, startedAt, (minutes * sla.atRiskPercent) / 100)
    return { startedAt, atRiskAt, dueAt, state: stateAt({ atRiskAt, dueAt, state: 'running' }, now) }
  }
  const firstResponse = target(sla.firstResponseMinutes[priority])
  const resolution = target(sla.resolutionMinutes[priority])
  return { ...(firstResponse ? { firstResponse } : {}), ...(resolution ? { resolution } : {}) }
}

/** Where a running target stands at `now`; finished targets keep their verdict. */
export function stateAt(target: Pick<SlaTarget, 'atRiskAt' | 'dueAt' | 'state'>, now: Date): SlaState {
  if (target.state === 'met' || target.state === 'missed') return target.state
  if (now.getTime() >= target.dueAt.getTime()) return 'breached'
  if (now.getTime() >= target.atRiskAt.getTime()) return 'at_risk'
  return 'running'
}

/** The verdict when the measured thing happens at `at` (idempotent: a finished target stays as it was). */
export function complete(target: SlaTarget, at: Date): SlaTarget {
  if (target.state === 'met' || target.state === 'missed') return target
  return { ...target, state: at.getTime() <= target.dueAt.getTime() ? 'met' : 'missed', completedAt: at }
}
