import { describe, expect, it } from 'vitest'
import { businessStatus, localTime, workdayHours } from './business-hours.js'
import { type BusinessHours, businessHoursSchema } from './voice-config.js'

/** A Shanghai office: weekdays 09:00–12:00 and 13:30–17:30, Saturday mornings; the 2025 National Day week. */
const hours: BusinessHours = businessHoursSchema.parse({
  timezone: 'Asia/Shanghai',
  weekly: {
    mon: ['09:00-12:00', '13:30-17:30'],
    tue: ['09:00-12:00', '13:30-17:30'],
    wed: ['09:00-12:00', '13:30-17:30'],
    thu: ['09:00-12:00', '13:30-17:30'],
    fri: ['09:00-12:00', '13:30-17:30'],
    sat: ['09:00-12:00'],
  },
  holidays: [
    { date: '2025-10-01', until: '2025-10-08', name: { 'zh-CN': '国庆节、中秋节', en: 'National Day' } },
    { date: '2025-12-31', hours: ['09:00-12:00'] },
  ],
  // 2025-09-28 is a Sunday worked for National Day (调休); 2025-10-11 a Saturday worked with its own hours.
  makeUpWorkdays: [{ date: '2025-09-28' }, { date: '2025-10-11', hours: ['08:00-18:00'] }],
})

/** A Shanghai wall-clock time (UTC+8, no DST) as an instant. */
const shanghai = (local: string) => new Date(`${local}+08:00`)

describe('localTime', () => {
  it('gives the date, weekday and minutes in the zone, across the UTC date line', () => {
    expect(localTime(new Date('2025-09-30T17:30:00Z'), 'Asia/Shanghai')).toEqual({ date: '2025-10-01', weekday: 'wed', minutes: 90 })
    expect(localTime(new Date('2025-10-01T03:00:00Z'), 'America/New_York')).toEqual({ date: '2025-09-30', weekday: 'tue', minutes: 23 * 60 })
  })

  it('uses 00 for midnight, never 24', () => {
    expect(localTime(shanghai('2025-03-03T00:05:00'), 'Asia/Shanghai').minutes).toBe(5)
  })
})

describe('businessStatus', () => {
  it('is open 7×24 when no hours are configured', () => {
    expect(businessStatus(undefined, shanghai('2025-10-01T03:00:00'))).toEqual({ open: true, day: 'regular' })
  })

  it.each([
    ['Monday 09:00 (opening minute)', '2025-03-03T09:00:00', true],
    ['Monday 08:59', '2025-03-03T08:59:00', false],
    ['Monday 11:59', '2025-03-03T11:59:00', true],
    ['Monday 12:00 (lunch)', '2025-03-03T12:00:00', false],
    ['Monday 13:30', '2025-03-03T13:30:00', true],
    ['Monday 17:30 (closing minute)', '2025-03-03T17:30:00', false],
    ['Saturday 10:00', '2025-03-08T10:00:00', true],
    ['Saturday 14:00', '2025-03-08T14:00:00', false],
    ['Sunday 10:00', '2025-03-09T10:00:00', false],
  ])('regular week: %s → open %s', (_label, local, open) => {
    expect(businessStatus(hours, shanghai(local))).toEqual({ open, day: 'regular' })
  })

  it('is closed all day on a holiday, with its name, for every day of a range', () => {
    for (const day of ['2025-10-01', '2025-10-03', '2025-10-08']) {
      expect(businessStatus(hours, shanghai(`${day}T10:00:00`))).toEqual({
        open: false,
        day: 'holiday',
        holidayName: { 'zh-CN': '国庆节、中秋节', en: 'National Day' },
      })
    }
    expect(businessStatus(hours, shanghai('2025-10-09T10:00:00'))).toEqual({ open: true, day: 'regular' })
  })

  it('judges the holiday by the local date, not the UTC one', () => {
    // 2025-10-01 00:30 in Shanghai is still 30 September in UTC.
    expect(businessStatus(hours, new Date('2025-09-30T16:30:00Z'))).toMatchObject({ open: false, day: 'holiday' })
  })

  it('opens a holiday with reduced hours during them only', () => {
    expect(businessStatus(hours, shanghai('2025-12-31T10:00:00'))).toEqual({ open: true, day: 'holiday' })
    expect(businessStatus(hours, shanghai('2025-12-31T14:00:00'))).toEqual({ open: false, day: 'holiday' })
  })

  it('opens a make-up Sunday (调休) with weekday hours', () => {
    expect(businessStatus(hours, shanghai('2025-09-28T10:00:00'))).toEqual({ open: true, day: 'make_up_workday' })
    expect(businessStatus(hours, shanghai('2025-09-28T12:30:00'))).toEqual({ open: false, day: 'make_up_workday' })
    // The Sunday before is an ordinary Sunday.
    expect(businessStatus(hours, shanghai('2025-09-21T10:00:00'))).toEqual({ open: false, day: 'regular' })
  })

  it('opens a make-up Saturday with its own hours instead of Saturday’s', () => {
    expect(businessStatus(hours, shanghai('2025-10-11T15:00:00'))).toEqual({ open: true, day: 'make_up_workday' })
    expect(businessStatus(hours, shanghai('2025-10-11T07:59:00'))).toEqual({ open: false, day: 'make_up_workday' })
  })
})

describe('workdayHours', () => {
  it('is Monday’s hours, or the first weekday with any', () => {
    expect(workdayHours(hours)).toEqual(['09:00-12:00', '13:30-17:30'])
    const tuesdayOnly = businessHoursSchema.parse({ timezone: 'Asia/Shanghai', weekly: { tue: ['10:00-11:00'] } })
    expect(workdayHours(tuesdayOnly)).toEqual(['10:00-11:00'])
    expect(workdayHours(businessHoursSchema.parse({ timezone: 'Asia/Shanghai', weekly: {} }))).toEqual([])
  })
})
