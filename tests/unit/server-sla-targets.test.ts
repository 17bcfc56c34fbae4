import { describe, expect, it } from 'vitest'
import { businessCalendarSchema } from '../../server/calendar/index.js'
import { complete, type QueueSla, slaTargets, stateAt } from '../../server/sla/sla-targets.js'

const sla: QueueSla = { firstResponseMinutes: { urgent: 5, normal: 30 }, resolutionMinutes: { normal: 8 * 60 }, clock: 'business', atRiskPercent: 80 }
// Mon–Fri 09:00–12:00 and 13:30–18:00 in Shanghai.
const calendar = businessCalendarSchema.parse({ timezone: 'Asia/Shanghai' })
const at = (local: string) => new Date(`${local}+08:00`)

describe('slaTargets', () => {
  it('counts business minutes: a message at 11:50 is due 30 working minutes later, after lunch', () => {
    const targets = slaTargets(sla, calendar, 'normal', at('2026-11-23T11:50:00'), at('2026-11-23T11:50:00'))
    expect(targets.firstResponse?.dueAt).toEqual(at('2026-11-23T13:50:00'))
    // 80 % of 30 minutes = 24 minutes: 10 before lunch, 14 after.
    expect(targets.firstResponse?.atRiskAt).toEqual(at('2026-11-23T13:44:00'))
    expect(targets.firstResponse?.state).toBe('running')
    // 8 working hours from Monday 11:50: 4 h 40 min on Monday, then 3 h 20 min on Tuesday (09:00–12:00, 13:30–13:50).
    expect(targets.resolution?.dueAt).toEqual(at('2026-11-24T13:50:00'))
  })

  it('counts around the clock when the queue says so, and sets no target where the priority has none', () => {
    const targets = slaTargets({ ...sla, clock: 'calendar' }, calendar, 'urgent', at('2026-11-28T23:58:00'), at('2026-11-28T23:58:00'))
    expect(targets.firstResponse?.dueAt).toEqual(at('2026-11-29T00:03:00'))
    expect(targets.resolution).toBeUndefined()
    expect(slaTargets(undefined, calendar, 'normal', new Date(), new Date())).toEqual({})
  })

  it('starts a target already at risk or breached when created late', () => {
    const start = at('2026-11-23T09:00:00')
    expect(slaTargets(sla, calendar, 'normal', start, at('2026-11-23T09:25:00')).firstResponse?.state).toBe('at_risk')
    expect(slaTargets(sla, calendar, 'normal', start, at('2026-11-23T09:30:00')).firstResponse?.state).toBe('breached')
  })
})

describe('stateAt and complete', () => {
  const target = { startedAt: at('2026-11-23T09:00:00'), atRiskAt: at('2026-11-23T09:24:00'), dueAt: at('2026-11-23T09:30:00'), state: 'running' as const }

  it.each([
    ['2026-11-23T09:10:00', 'running'],
    ['2026-11-23T09:24:00', 'at_risk'],
    ['2026-11-23T09:30:00', 'breached'],
  ])('at %s the target is %s', (local, state) => {
    expect(stateAt(target, at(local))).toBe(state)
  })

  it('ends met in time, missed late, and never changes a verdict', () => {
    const met = complete(target, at('2026-11-23T09:29:59'))
    expect(met).toMatchObject({ state: 'met', completedAt: at('2026-11-23T09:29:59') })
    expect(complete(met, at('2026-11-23T10:00:00'))).toBe(met)
    expect(stateAt(met, at('2026-11-23T11:00:00'))).toBe('met')
    expect(complete(target, at('2026-11-23T09:31:00')).state).toBe('missed')
  })
})
