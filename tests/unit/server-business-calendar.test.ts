import { describe, expect, it } from 'vitest'
import { businessStatus } from '../../connectors/voice/business-hours.js'
import { businessHoursSchema } from '../../connectors/voice/voice-config.js'
import {
  ALWAYS_OPEN,
  addBusinessMinutes,
  addWorkingDays,
  alwaysOpen,
  type BusinessCalendar,
  type BusinessCalendarInput,
  businessCalendarSchema,
  businessMinutesBetween,
  DEFAULT_WEEKLY_HOURS,
  isOpen,
  isWorkingDay,
  NoOpenTimeError,
  nextOpening,
} from '../../server/calendar/index.js'

const MINUTE = 60_000
const DAY = 86_400_000
const at = (iso: string) => new Date(iso)
const iso = (date: Date) => date.toISOString()
const calendar = (input: BusinessCalendarInput) => businessCalendarSchema.parse(input)
const issues = (input: unknown) => businessCalendarSchema.safeParse(input).error?.issues.map((issue) => [issue.path.join('.'), issue.message]) ?? []

/**
 * Mainland China 2026 as the State Council published it (国办发明电〔2025〕, Nov 2025), from memory: the
 * reference file has no holiday table. Default weekly hours (Mon–Fri 09:00-12:00, 13:30-18:00).
 */
const SHANGHAI_2026: BusinessCalendarInput = {
  timezone: 'Asia/Shanghai',
  holidays: [
    { date: '2026-01-01', until: '2026-01-03', name: { 'zh-CN': '元旦', en: "New Year's Day" } },
    { date: '2026-02-15', until: '2026-02-23', name: { 'zh-CN': '春节', en: 'Spring Festival' } },
    { date: '2026-04-04', until: '2026-04-06', name: { 'zh-CN': '清明节', en: 'Qingming' } },
    { date: '2026-05-01', until: '2026-05-05', name: { 'zh-CN': '劳动节', en: 'Labour Day' } },
    { date: '2026-06-19', until: '2026-06-21', name: { 'zh-CN': '端午节', en: 'Dragon Boat Festival' } },
    { date: '2026-09-25', until: '2026-09-27', name: { 'zh-CN': '中秋节', en: 'Mid-Autumn Festival' } },
    { date: '2026-10-01', until: '2026-10-07', name: { 'zh-CN': '国庆节', en: 'National Day' } },
  ],
  makeUpWorkdays: [
    { date: '2026-01-04' },
    { date: '2026-02-14' },
    { date: '2026-02-28' },
    { date: '2026-05-09' },
    { date: '2026-09-20' },
    { date: '2026-10-10' },
  ],
}
const shanghai = calendar(SHANGHAI_2026)

/** The same year, but the hotline keeps duty hours (值班) on the first day of 中秋. */
const shanghaiDuty = calendar({
  ...SHANGHAI_2026,
  holidays: [
    ...(SHANGHAI_2026.holidays ?? []).filter((holiday) => holiday.date !== '2026-09-25'),
    { date: '2026-09-25', hours: ['09:00-12:00'], name: { 'zh-CN': '中秋节值班', en: 'Mid-Autumn duty hours' } },
    { date: '2026-09-26', until: '2026-09-27' },
  ],
})

/** A US office: 9 to 5, Thanksgiving closed, the Friday after it until 13:00, Christmas closed. */
const newYork = calendar({
  timezone: 'America/New_York',
  weekly: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-17:00'] },
  holidays: [{ date: '2026-11-26' }, { date: '2026-11-27', hours: ['09:00-13:00'] }, { date: '2026-12-25' }],
})

/** Open only in the small hours of Sunday, when US clocks change (2026-03-08 and 2026-11-01, at 02:00). */
const newYorkNights = calendar({ timezone: 'America/New_York', weekly: { sun: ['01:00-04:00'] } })
/** Sunday 00:00-24:00: the 23- and 25-hour days. */
const newYorkSundays = calendar({ timezone: 'America/New_York', weekly: { sun: ['00:00-24:00'] } })

/** Chile changes clocks at midnight: Saturday 23:00-24:00 repeats on 2026-04-04, Sunday 00:00-01:00 is skipped on 2026-09-06. */
const santiagoWeekends = calendar({ timezone: 'America/Santiago', weekly: { fri: ['09:00-17:00'], sat: ['20:00-24:00'], sun: ['00:00-03:00'] } })

describe('businessCalendarSchema', () => {
  it('defaults to Mon–Fri office hours with a lunch break, no holidays and no make-up workdays', () => {
    expect(calendar({ timezone: 'Asia/Shanghai' })).toEqual({ timezone: 'Asia/Shanghai', weekly: DEFAULT_WEEKLY_HOURS, holidays: [], makeUpWorkdays: [] })
  })

  it('reads a weekly block that is present but empty as closed every day, like the voice IVR', () => {
    expect(calendar({ timezone: 'Asia/Shanghai', weekly: {} }).weekly).toEqual({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] })
  })

  it('hands out a fresh default each time', () => {
    calendar({ timezone: 'Asia/Shanghai' }).weekly.mon.push('20:00-21:00')
    expect(calendar({ timezone: 'Asia/Shanghai' }).weekly.mon).toEqual(['09:00-12:00', '13:30-18:00'])
  })

  it('parses a voice businessHours block to exactly what the voice schema makes of it', () => {
    const block = {
      timezone: 'Asia/Shanghai',
      weekly: { mon: ['08:30-12:00', '14:00-17:30'], sat: ['09:00-12:00', '12:00-13:00'], sun: ['18:00-24:00'] },
      holidays: [{ date: '2026-10-01', until: '2026-10-07', name: { 'zh-CN': '国庆节', en: 'National Day' }, hours: ['10:00-11:00'] }],
      makeUpWorkdays: [
        { date: '2026-10-10', name: { 'zh-CN': '调休' } },
        { date: '2026-09-20', hours: ['09:00-12:00'] },
      ],
    }
    expect(businessCalendarSchema.parse(block)).toEqual(businessHoursSchema.parse(block))
  })

  it.each([
    ['a missing timezone', { weekly: {} }, 'timezone', 'timezone is required: an IANA zone such as Asia/Shanghai'],
    ['an unknown timezone', { timezone: 'Mars/Olympus' }, 'timezone', 'timezone "Mars/Olympus" is not an IANA zone such as Asia/Shanghai or America/New_York'],
    ['a malformed interval', { timezone: 'UTC', weekly: { mon: ['9-17'] } }, 'weekly.mon.0', 'opening hours are HH:MM-HH:MM, e.g. 09:00-17:30'],
    [
      'an interval ending before it starts',
      { timezone: 'UTC', weekly: { mon: ['18:00-09:00'] } },
      'weekly.mon.0',
      'an opening interval must end after it starts (split one that crosses midnight in two)',
    ],
    [
      'overlapping intervals',
      { timezone: 'UTC', weekly: { tue: ['13:00-18:00', '09:00-13:30'] } },
      'weekly.tue',
      'opening intervals 09:00-13:30 and 13:00-18:00 overlap',
    ],
    ['an impossible date', { timezone: 'UTC', holidays: [{ date: '2026-02-30' }] }, 'holidays.0.date', 'not a calendar date'],
    ['month 13 (which Date rejects outright)', { timezone: 'UTC', holidays: [{ date: '2026-13-01' }] }, 'holidays.0.date', 'not a calendar date'],
    ['a date in the wrong format', { timezone: 'UTC', makeUpWorkdays: [{ date: '2026/10/10' }] }, 'makeUpWorkdays.0.date', 'dates are YYYY-MM-DD'],
    [
      'until before date',
      { timezone: 'UTC', holidays: [{ date: '2026-10-07', until: '2026-10-01' }] },
      'holidays.0.until',
      'until 2026-10-01 is before date 2026-10-07',
    ],
    [
      'a holiday longer than a year',
      { timezone: 'UTC', holidays: [{ date: '2026-01-01', until: '2027-01-02' }] },
      'holidays.0.until',
      'a holiday spans at most 366 days',
    ],
    [
      'a make-up workday that is also a holiday',
      { timezone: 'UTC', holidays: [{ date: '2026-10-01', until: '2026-10-07' }], makeUpWorkdays: [{ date: '2026-10-03' }] },
      'makeUpWorkdays.0.date',
      '2026-10-03 is also a holiday',
    ],
  ])('rejects %s', (_label, input, path, message) => {
    expect(issues(input)).toEqual([[path, message]])
  })

  it('accepts touching intervals and a day that runs to 24:00', () => {
    expect(issues({ timezone: 'UTC', weekly: { mon: ['09:00-12:00', '12:00-13:00'], sat: ['18:00-24:00'] } })).toEqual([])
  })

  it('lists every problem at once', () => {
    expect(
      issues({
        timezone: 'Mars/Base',
        weekly: { mon: ['9:00-12:00'], tue: ['12:00-09:00'], wed: ['09:00-12:00', '11:00-13:00'], monday: ['09:00-17:00'] },
        holidays: [{ date: '2026-02-30' }, { date: '2026-10-07', until: '2026-10-01' }],
        makeUpWorkdays: [{ date: '2026-10-10', hours: ['08:00-07:00'] }],
      }),
    ).toEqual([
      ['timezone', 'timezone "Mars/Base" is not an IANA zone such as Asia/Shanghai or America/New_York'],
      ['weekly.mon.0', 'opening hours are HH:MM-HH:MM, e.g. 09:00-17:30'],
      ['weekly.tue.0', 'an opening interval must end after it starts (split one that crosses midnight in two)'],
      ['weekly.wed', 'opening intervals 09:00-12:00 and 11:00-13:00 overlap'],
      ['weekly', 'Unrecognized key: "monday"'],
      ['holidays.0.date', 'not a calendar date'],
      ['holidays.1.until', 'until 2026-10-01 is before date 2026-10-07'],
      ['makeUpWorkdays.0.hours.0', 'an opening interval must end after it starts (split one that crosses midnight in two)'],
    ])
  })

  it('still checks make-up workdays against holidays when other fields are broken', () => {
    expect(issues({ timezone: 'Nowhere', holidays: [{ date: '2026-10-01', until: '2026-10-07' }], makeUpWorkdays: [{ date: '2026-10-03' }] })).toEqual([
      ['timezone', 'timezone "Nowhere" is not an IANA zone such as Asia/Shanghai or America/New_York'],
      ['makeUpWorkdays.0.date', '2026-10-03 is also a holiday'],
    ])
  })
})

describe('isOpen', () => {
  it.each([
    ['a regular Wednesday morning', shanghai, '2026-09-30T10:00:00+08:00', true],
    ['the lunch break', shanghai, '2026-09-30T12:30:00+08:00', false],
    ['the last minute before closing', shanghai, '2026-09-30T17:59:59+08:00', true],
    ['closing time itself (intervals end exclusive)', shanghai, '2026-09-30T18:00:00+08:00', false],
    ['National Day', shanghai, '2026-10-01T10:00:00+08:00', false],
    ['the last day of the National Day week', shanghai, '2026-10-07T10:00:00+08:00', false],
    ['the first day back', shanghai, '2026-10-08T09:00:00+08:00', true],
    ['make-up Saturday 10-10 (调休)', shanghai, '2026-10-10T10:00:00+08:00', true],
    ['the Sunday after it', shanghai, '2026-10-11T10:00:00+08:00', false],
    ['make-up Sunday 09-20', shanghai, '2026-09-20T15:00:00+08:00', true],
    ['an ordinary Saturday', shanghai, '2026-09-19T10:00:00+08:00', false],
    ['中秋 without duty hours', shanghai, '2026-09-25T10:00:00+08:00', false],
    ['中秋 within duty hours', shanghaiDuty, '2026-09-25T10:00:00+08:00', true],
    ['中秋 after duty hours', shanghaiDuty, '2026-09-25T13:30:00+08:00', false],
    ['the Friday after Thanksgiving, morning', newYork, '2026-11-27T12:00:00-05:00', true],
    ['the Friday after Thanksgiving, afternoon', newYork, '2026-11-27T14:00:00-05:00', false],
    ['01:30 EDT, first pass of the repeated hour', newYorkNights, '2026-11-01T05:30:00Z', true],
    ['01:30 EST, second pass of the repeated hour', newYorkNights, '2026-11-01T06:30:00Z', true],
    ['04:00 EST, closing', newYorkNights, '2026-11-01T09:00:00Z', false],
    ['01:59 EST before the spring gap', newYorkNights, '2026-03-08T06:59:00Z', true],
    ['03:00 EDT right after the gap', newYorkNights, '2026-03-08T07:00:00Z', true],
  ])('%s', (_label, hours, instant, open) => {
    expect(isOpen(hours, at(instant))).toBe(open)
  })
})

describe('nextOpening', () => {
  it.each([
    ['is the instant itself when open', shanghai, '2026-09-30T10:00:00+08:00', '2026-09-30T02:00:00.000Z'],
    ['skips lunch', shanghai, '2026-09-30T12:00:00+08:00', '2026-09-30T05:30:00.000Z'],
    ['skips the National Day week to the first day back', shanghai, '2026-09-30T18:00:00+08:00', '2026-10-08T01:00:00.000Z'],
    ['finds a make-up Sunday', shanghai, '2026-09-19T09:00:00+08:00', '2026-09-20T01:00:00.000Z'],
    ['lands on the spring-forward gap as 03:00 EDT', newYorkNights, '2026-03-08T02:00:00-05:00', '2026-03-08T07:00:00.000Z'],
    ['waits a week for Sunday night', newYorkNights, '2026-11-01T04:00:00-05:00', '2026-11-08T06:00:00.000Z'],
  ])('%s', (_label, hours, instant, expected) => {
    expect(nextOpening(hours, at(instant))?.toISOString()).toBe(expected)
  })

  it('is null when nothing opens within the search horizon', () => {
    expect(nextOpening(calendar({ timezone: 'Asia/Shanghai', weekly: {} }), at('2026-01-01T00:00:00Z'))).toBeNull()
  })
})

describe('addBusinessMinutes', () => {
  it.each([
    ['across the lunch break', shanghai, '2026-09-14T11:30:00+08:00', 60, '2026-09-14T14:00:00+08:00'],
    ['to closing time exactly, not to the reopening', shanghai, '2026-09-14T11:30:00+08:00', 30, '2026-09-14T12:00:00+08:00'],
    ['starting at the next opening from lunch', shanghai, '2026-09-14T12:15:00+08:00', 15, '2026-09-14T13:45:00+08:00'],
    ['0 minutes is the start, open or not', shanghai, '2026-09-14T07:00:00+08:00', 0, '2026-09-14T07:00:00+08:00'],
    ['one whole day', shanghai, '2026-09-14T09:00:00+08:00', 450, '2026-09-14T18:00:00+08:00'],
    ['one minute more', shanghai, '2026-09-14T09:00:00+08:00', 451, '2026-09-15T09:01:00+08:00'],
    ['over a weekend', shanghai, '2026-09-11T17:00:00+08:00', 120, '2026-09-14T10:00:00+08:00'],
    ['onto a make-up Sunday', shanghai, '2026-09-18T17:00:00+08:00', 120, '2026-09-20T10:00:00+08:00'],
    ['over the National Day week', shanghai, '2026-09-30T17:00:00+08:00', 120, '2026-10-08T10:00:00+08:00'],
    ['over 中秋 (Fri–Sun)', shanghai, '2026-09-24T17:00:00+08:00', 120, '2026-09-28T10:00:00+08:00'],
    ['into 中秋 duty hours', shanghaiDuty, '2026-09-24T17:00:00+08:00', 120, '2026-09-25T10:00:00+08:00'],
    ['past 中秋 duty hours', shanghaiDuty, '2026-09-25T11:00:00+08:00', 120, '2026-09-28T10:00:00+08:00'],
    ['from a late-night start', shanghai, '2026-09-14T23:30:00+08:00', 30, '2026-09-15T09:30:00+08:00'],
    ['over the spring-forward weekend (EST to EDT)', newYork, '2026-03-06T16:00:00-05:00', 120, '2026-03-09T10:00:00-04:00'],
    ['over the fall-back weekend (EDT to EST)', newYork, '2026-10-30T16:00:00-04:00', 120, '2026-11-02T10:00:00-05:00'],
    ['over Thanksgiving and a short Friday', newYork, '2026-11-25T16:00:00-05:00', 360, '2026-11-30T10:00:00-05:00'],
    ['through the spring gap: 60 min EST, then from 03:00 EDT', newYorkNights, '2026-03-08T00:00:00-05:00', 90, '2026-03-08T03:30:00-04:00'],
    ['through the repeated hour: 01:00-02:00 EDT, then 01:00 EST again', newYorkNights, '2026-11-01T00:00:00-04:00', 90, '2026-11-01T01:30:00-05:00'],
    ['over a 23-hour Sunday', newYorkSundays, '2026-03-08T00:00:00-05:00', 23 * 60, '2026-03-09T00:00:00-04:00'],
    ['over a 25-hour Sunday', newYorkSundays, '2026-11-01T00:00:00-04:00', 25 * 60, '2026-11-02T00:00:00-05:00'],
  ])('%s', (_label, hours, start, minutes, expected) => {
    expect(iso(addBusinessMinutes(hours, at(start), minutes))).toBe(iso(at(expected)))
  })

  it('counts fractional minutes to the millisecond', () => {
    expect(iso(addBusinessMinutes(shanghai, at('2026-09-14T11:59:00+08:00'), 1.5))).toBe(iso(at('2026-09-14T13:30:30+08:00')))
  })

  it('skips whole closed days: three years of office hours take well under a second', () => {
    const started = performance.now()
    const start = at('2026-01-01T00:00:00+08:00')
    const end = addBusinessMinutes(shanghai, start, 450 * 250 * 3)
    expect(businessMinutesBetween(shanghai, start, end)).toBe(450 * 250 * 3)
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('gives up at once, with a clear error, on a calendar with no hours', () => {
    const closed = calendar({ timezone: 'Asia/Shanghai', weekly: {} })
    expect(() => addBusinessMinutes(closed, at('2026-01-01T00:00:00Z'), 1)).toThrow(NoOpenTimeError)
    expect(() => addBusinessMinutes(closed, at('2026-01-01T00:00:00Z'), 1)).toThrow(/has no opening hours at all/)
  })

  it('gives up after three years without open time', () => {
    const once = calendar({ timezone: 'Asia/Shanghai', weekly: {}, makeUpWorkdays: [{ date: '2026-10-10', hours: ['09:00-10:00'] }] })
    expect(iso(addBusinessMinutes(once, at('2026-01-01T00:00:00Z'), 30))).toBe(iso(at('2026-10-10T09:30:00+08:00')))
    expect(() => addBusinessMinutes(once, at('2026-01-01T00:00:00Z'), 61)).toThrow(/nothing is open for 1098 days after 2026-10-10T02:00:00.000Z/)
  })

  it.each([
    ['negative minutes', () => addBusinessMinutes(shanghai, at('2026-01-01T00:00:00Z'), -1), /minutes must be a finite number ≥ 0/],
    ['NaN minutes', () => addBusinessMinutes(shanghai, at('2026-01-01T00:00:00Z'), Number.NaN), /minutes must be a finite number ≥ 0/],
    ['infinite minutes', () => addBusinessMinutes(shanghai, at('2026-01-01T00:00:00Z'), Number.POSITIVE_INFINITY), /minutes must be a finite number ≥ 0/],
    ['an invalid start', () => addBusinessMinutes(shanghai, at('not a date'), 1), /start must be a valid Date/],
    ['an invalid instant for isOpen', () => isOpen(shanghai, at('not a date')), /at must be a valid Date/],
    ['fractional working days', () => addWorkingDays(shanghai, at('2026-01-01T00:00:00Z'), 1.5), /days must be a whole number ≥ 0/],
    ['negative working days', () => addWorkingDays(shanghai, at('2026-01-01T00:00:00Z'), -1), /days must be a whole number ≥ 0/],
  ])('rejects %s', (_label, call, message) => {
    expect(call).toThrow(RangeError)
    expect(call).toThrow(message)
  })
})

describe('businessMinutesBetween', () => {
  it.each([
    ['two weeks around National Day: 6 open days', shanghai, '2026-09-28T00:00:00+08:00', '2026-10-12T00:00:00+08:00', 6 * 450],
    ['lunch does not count', shanghai, '2026-09-14T11:00:00+08:00', '2026-09-14T14:00:00+08:00', 90],
    ['a holiday with duty hours counts them', shanghaiDuty, '2026-09-25T00:00:00+08:00', '2026-09-28T00:00:00+08:00', 180],
    ['0 when to equals from', shanghai, '2026-09-14T10:00:00+08:00', '2026-09-14T10:00:00+08:00', 0],
    ['0 when to is before from', shanghai, '2026-09-14T10:00:00+08:00', '2026-09-14T09:30:00+08:00', 0],
    ['the DST weekend in spring', newYork, '2026-03-06T16:00:00-05:00', '2026-03-09T10:00:00-04:00', 120],
    ['a Sunday night that loses its 02:00 hour', newYorkNights, '2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00', 120],
    ['a Sunday night that repeats its 01:00 hour', newYorkNights, '2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00', 240],
    ['a 23-hour day', newYorkSundays, '2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00', 23 * 60],
    ['a 25-hour day', newYorkSundays, '2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00', 25 * 60],
    [
      'Chile repeating Saturday 23:00-24:00 (clocks change at midnight)',
      santiagoWeekends,
      '2026-04-04T12:00:00-03:00',
      '2026-04-05T12:00:00-04:00',
      5 * 60 + 3 * 60,
    ],
    ['Chile skipping Sunday 00:00-01:00', santiagoWeekends, '2026-09-05T12:00:00-04:00', '2026-09-06T12:00:00-03:00', 4 * 60 + 2 * 60],
    ['a closed calendar over ten years', calendar({ timezone: 'UTC', weekly: {} }), '2020-01-01T00:00:00Z', '2030-01-01T00:00:00Z', 0],
  ])('%s', (_label, hours, from, to, minutes) => {
    expect(businessMinutesBetween(hours, at(from), at(to))).toBe(minutes)
  })
})

describe('agreement with the voice IVR minute by minute (one config block, one answer)', () => {
  it.each([
    ['Shanghai over National Day, 15-minute steps', shanghai, '2026-09-17T00:00:00+08:00', 27 * DAY, 15],
    ['Shanghai with duty hours over 中秋, 5-minute steps', shanghaiDuty, '2026-09-24T00:00:00+08:00', 5 * DAY, 5],
    [
      'New York office and nights, spring forward',
      calendar({ ...newYork, weekly: { ...newYork.weekly, sun: ['01:00-04:00'] } }),
      '2026-03-06T00:00:00-05:00',
      4 * DAY,
      1,
    ],
    ['New York nights, fall back', newYorkNights, '2026-10-31T00:00:00-04:00', 3 * DAY, 1],
    ['Santiago, midnight fall back', santiagoWeekends, '2026-04-03T00:00:00-03:00', 3 * DAY, 1],
    ['Santiago, midnight spring forward', santiagoWeekends, '2026-09-04T00:00:00-04:00', 3 * DAY, 1],
  ])('%s', (_label, hours, from, span, stepMinutes) => {
    const start = at(from).getTime()
    let openSteps = 0
    const disagreements: string[] = []
    for (let instant = start; instant < start + span; instant += stepMinutes * MINUTE) {
      const voiceOpen = businessStatus(hours, new Date(instant)).open
      if (voiceOpen) openSteps++
      if (isOpen(hours, new Date(instant)) !== voiceOpen) disagreements.push(new Date(instant).toISOString())
    }
    expect(disagreements).toEqual([])
    expect(businessMinutesBetween(hours, new Date(start), new Date(start + span))).toBe(openSteps * stepMinutes)
  })
})

/** mulberry32: a tiny seeded PRNG, so a failing case can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

describe('round trips', () => {
  const YEAR_2026 = Date.UTC(2026, 0, 1)

  it.each([
    ['Shanghai 2026', shanghai, 20_000],
    ['Shanghai with duty hours', shanghaiDuty, 5_000],
    ['New York office hours', newYork, 20_000],
    ['New York Sunday nights', newYorkNights, 1_500],
    ['Santiago weekends', santiagoWeekends, 3_000],
  ])('businessMinutesBetween(start, addBusinessMinutes(start, m)) = m for 150 random starts: %s', (_label, hours, maxMinutes) => {
    const random = seeded(12_345)
    const failures: string[] = []
    for (let index = 0; index < 150; index++) {
      const start = new Date(YEAR_2026 + Math.floor(random() * 365 * DAY))
      const minutes = Math.floor(random() * maxMinutes)
      const end = addBusinessMinutes(hours, start, minutes)
      const back = businessMinutesBetween(hours, start, end)
      // Tight: the deadline is reached in open time, not at some later reopening.
      const tight = minutes === 0 ? end.getTime() === start.getTime() : isOpen(hours, new Date(end.getTime() - 1))
      if (back !== minutes || !tight) failures.push(`${start.toISOString()} + ${minutes} → ${end.toISOString()} (back ${back}, tight ${tight})`)
    }
    expect(failures).toEqual([])
  })

  it.each([
    ['Shanghai 2026', shanghai],
    ['New York office hours', newYork],
  ])('addBusinessMinutes(from, businessMinutesBetween(from, to)) never passes `to`: %s', (_label, hours) => {
    const random = seeded(54_321)
    const failures: string[] = []
    for (let index = 0; index < 150; index++) {
      const from = YEAR_2026 + Math.floor(random() * 365 * DAY)
      const to = from + Math.floor(random() * 30 * DAY)
      const minutes = businessMinutesBetween(hours, new Date(from), new Date(to))
      const reached = addBusinessMinutes(hours, new Date(from), minutes).getTime()
      if (reached > to || businessMinutesBetween(hours, new Date(reached), new Date(to)) !== 0)
        failures.push(`${new Date(from).toISOString()} → ${new Date(to).toISOString()}`)
    }
    expect(failures).toEqual([])
  })
})

describe('addWorkingDays (the start day is not counted; the deadline is the Nth working day’s closing time)', () => {
  it.each([
    ['1 day from the eve of National Day', shanghai, '2026-09-30T10:00:00+08:00', 1, '2026-10-08T18:00:00+08:00'],
    ['3 days land on make-up Saturday 10-10', shanghai, '2026-09-30T10:00:00+08:00', 3, '2026-10-10T18:00:00+08:00'],
    ['4 days skip Sunday 10-11', shanghai, '2026-09-30T10:00:00+08:00', 4, '2026-10-12T18:00:00+08:00'],
    ['13 days (投诉/举报) across 中秋 and National Day', shanghai, '2026-09-22T10:00:00+08:00', 13, '2026-10-16T18:00:00+08:00'],
    ['1 day from after closing: the start day still is not counted', shanghai, '2026-09-14T20:00:00+08:00', 1, '2026-09-15T18:00:00+08:00'],
    ['1 day from an ordinary Saturday reaches make-up Sunday', shanghai, '2026-09-19T10:00:00+08:00', 1, '2026-09-20T18:00:00+08:00'],
    ['local midnight belongs to the local date (16:00 UTC the day before)', shanghai, '2026-09-14T00:00:00+08:00', 1, '2026-09-15T18:00:00+08:00'],
    ['0 days: same day while it is open', shanghai, '2026-09-14T10:00:00+08:00', 0, '2026-09-14T18:00:00+08:00'],
    ['0 days: next working day once today has closed', shanghai, '2026-09-14T19:00:00+08:00', 0, '2026-09-15T18:00:00+08:00'],
    ['0 days: next working day from a holiday', shanghai, '2026-10-01T10:00:00+08:00', 0, '2026-10-08T18:00:00+08:00'],
    ['duty hours do not make a holiday a working day', shanghaiDuty, '2026-09-24T10:00:00+08:00', 1, '2026-09-28T18:00:00+08:00'],
    ['a US office over Thanksgiving and its short Friday', newYork, '2026-11-25T10:00:00-05:00', 1, '2026-11-30T17:00:00-05:00'],
    ['a US office over the spring DST weekend', newYork, '2026-03-06T10:00:00-05:00', 1, '2026-03-09T17:00:00-04:00'],
    [
      'a close at 02:30 that the spring gap skips ends at the jump',
      calendar({ timezone: 'America/New_York', weekly: { sun: ['01:00-02:30'] } }),
      '2026-03-07T12:00:00-05:00',
      1,
      '2026-03-08T03:00:00-04:00',
    ],
    ['7×24 in a zone: ends at local midnight', alwaysOpen('Asia/Shanghai'), '2026-09-30T10:00:00+08:00', 1, '2026-10-02T00:00:00+08:00'],
    ['7×24 in New York: the 23-hour day ends at local midnight', alwaysOpen('America/New_York'), '2026-03-07T12:00:00-05:00', 1, '2026-03-09T00:00:00-04:00'],
    ['no calendar: UTC days', undefined, '2026-09-30T10:00:00+08:00', 1, '2026-10-02T00:00:00Z'],
  ])('%s', (_label, hours, start, days, expected) => {
    expect(iso(addWorkingDays(hours, at(start), days))).toBe(iso(at(expected)))
  })

  it.each([
    ['a regular weekday', '2026-09-30', true],
    ['a holiday', '2026-10-01', false],
    ['a make-up Saturday', '2026-10-10', true],
    ['an ordinary Sunday', '2026-10-11', false],
    ['a holiday with duty hours', '2026-09-25', false],
  ])('isWorkingDay: %s', (_label, date, working) => {
    expect(isWorkingDay(shanghaiDuty, date)).toBe(working)
  })

  it('throws a clear error when no working day ever comes', () => {
    const closed = calendar({ timezone: 'Asia/Shanghai', weekly: {} })
    expect(() => addWorkingDays(closed, at('2026-01-01T00:00:00Z'), 1)).toThrow(/has no working day for 1098 days/)
  })
})

describe('7×24: no calendar, ALWAYS_OPEN or alwaysOpen(zone) count wall-clock time', () => {
  const start = at('2026-03-08T06:30:00Z')
  it.each([
    ['undefined', undefined],
    ['ALWAYS_OPEN', ALWAYS_OPEN],
    ['alwaysOpen(America/New_York) across the DST jump', alwaysOpen('America/New_York')],
  ] as [string, BusinessCalendar | undefined][])('%s', (_label, hours) => {
    expect(isOpen(hours, start)).toBe(true)
    expect(nextOpening(hours, start)).toEqual(start)
    expect(iso(addBusinessMinutes(hours, start, 90))).toBe('2026-03-08T08:00:00.000Z')
    expect(businessMinutesBetween(hours, start, at('2026-03-09T06:30:00Z'))).toBe(24 * 60)
  })
})
