import { describe, expect, it } from 'vitest'
import { translator } from '../../inbox/src/i18n/languages.js'
import { createTimeFormat, dayKind, localDayKey, relativeParts } from '../../inbox/src/i18n/time-format.js'
import { groupByDay } from '../../inbox/src/state/day-groups.js'
import { formatWaiting, OVERDUE_AFTER_MS, waitingTime } from '../../inbox/src/state/waiting-time.js'

const NOW = Date.parse('2025-03-01T12:00:00.000Z')
const ago = (ms: number) => new Date(NOW - ms).toISOString()
const MIN = 60_000

describe('waitingTime', () => {
  it('is null when nothing waits', () => {
    expect(waitingTime(null, NOW)).toBeNull()
    expect(waitingTime('not a date', NOW)).toBeNull()
  })

  it('splits the wait into days, hours and minutes', () => {
    expect(waitingTime(ago(26 * 60 * MIN + 7 * MIN), NOW)).toMatchObject({ days: 1, hours: 2, minutes: 7 })
  })

  it('is overdue only past five minutes', () => {
    expect(waitingTime(ago(OVERDUE_AFTER_MS), NOW)?.overdue).toBe(false)
    expect(waitingTime(ago(OVERDUE_AFTER_MS + 1_000), NOW)?.overdue).toBe(true)
  })

  it('never goes negative when the client clock is behind', () => {
    expect(waitingTime(new Date(NOW + 30_000).toISOString(), NOW)).toMatchObject({ days: 0, hours: 0, minutes: 0, overdue: false })
  })

  it('formats in both languages', () => {
    const en = translator('en')
    const zh = translator('zh-CN')
    const format = (ms: number, t = en) => {
      const waited = waitingTime(ago(ms), NOW)
      if (!waited) throw new Error('no waiting time')
      return formatWaiting(waited, t)
    }
    expect(format(20_000)).toBe('<1 min')
    expect(format(4 * MIN)).toBe('4 min')
    expect(format(65 * MIN)).toBe('1 h 5 min')
    expect(format(50 * 60 * MIN)).toBe('2 d 2 h')
    expect(format(4 * MIN, zh)).toBe('4 分钟')
    expect(format(65 * MIN, zh)).toBe('1 小时 5 分钟')
  })
})

describe('relativeParts', () => {
  it('reads under a minute as now', () => {
    expect(relativeParts(NOW - 30_000, NOW)).toEqual({ value: 0, unit: 'second' })
  })

  it('truncates rather than rounds', () => {
    expect(relativeParts(NOW - 59 * MIN - 50_000, NOW)).toEqual({ value: -59, unit: 'minute' })
    expect(relativeParts(NOW - 60 * MIN, NOW)).toEqual({ value: -1, unit: 'hour' })
    expect(relativeParts(NOW - 36 * 60 * MIN, NOW)).toEqual({ value: -1, unit: 'day' })
    expect(relativeParts(NOW - 10 * 24 * 60 * MIN, NOW)).toEqual({ value: -1, unit: 'week' })
    expect(relativeParts(NOW - 400 * 24 * 60 * MIN, NOW)).toEqual({ value: -1, unit: 'year' })
  })

  it('handles the future', () => {
    expect(relativeParts(NOW + 3 * 60 * MIN, NOW)).toEqual({ value: 3, unit: 'hour' })
  })

  it('is worded by Intl in the chosen language', () => {
    expect(createTimeFormat('en').relative(ago(5 * MIN), NOW)).toMatch(/5 min/)
    expect(createTimeFormat('zh-CN').relative(ago(5 * MIN), NOW)).toMatch(/5.*分钟前/)
  })
})

describe('days', () => {
  it('recognises today and yesterday in local time', () => {
    const now = new Date(2025, 2, 1, 9, 30)
    expect(dayKind(localDayKey(new Date(2025, 2, 1, 0, 5)), now)).toBe('today')
    expect(dayKind(localDayKey(new Date(2025, 1, 28, 23, 59)), now)).toBe('yesterday')
    expect(dayKind(localDayKey(new Date(2025, 1, 27, 12, 0)), now)).toBe('earlier')
  })

  it('groups consecutive items by day', () => {
    const items = [{ at: new Date(2025, 2, 1, 9).toISOString() }, { at: new Date(2025, 2, 1, 22).toISOString() }, { at: new Date(2025, 2, 2, 8).toISOString() }]
    const groups = groupByDay(items, (item) => item.at)
    expect(groups.map((group) => [group.day, group.items.length])).toEqual([
      ['2025-03-01', 2],
      ['2025-03-02', 1],
    ])
    expect(groups[0]?.firstAt).toBe(items[0]?.at)
  })
})
