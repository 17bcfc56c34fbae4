import { describe, expect, it } from 'vitest'
import { formatW3cDateTime, parseW3cDateTime } from './w3c-datetime.js'

/** The spec's subset of ISO 8601: seconds, and a zone that is Z or ±hh:mm. */
const W3C_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/

describe('formatW3cDateTime', () => {
  it('writes the time in the hub zone with its offset', () => {
    const at = new Date('2026-03-01T01:15:30.789Z')
    expect(formatW3cDateTime(at, 'Asia/Shanghai')).toBe('2026-03-01T09:15:30+08:00')
    expect(formatW3cDateTime(at, 'UTC')).toBe('2026-03-01T01:15:30Z')
    expect(formatW3cDateTime(at, 'America/New_York')).toBe('2026-02-28T20:15:30-05:00')
    expect(formatW3cDateTime(new Date('2026-07-01T12:00:00Z'), 'America/New_York')).toBe('2026-07-01T08:00:00-04:00')
    expect(formatW3cDateTime(new Date('2026-01-01T00:00:00Z'), 'Asia/Kolkata')).toBe('2026-01-01T05:30:00+05:30')
  })

  it('always matches the W3C pattern and reads back as the same second', () => {
    const zones = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham']
    // Every 7 hours and 13 minutes across two years, so DST changes and day ends are crossed.
    for (let time = Date.UTC(2025, 0, 1); time < Date.UTC(2027, 0, 1); time += (7 * 60 + 13) * 60_000 + 1_234) {
      const at = new Date(time)
      for (const zone of zones) {
        const text = formatW3cDateTime(at, zone)
        expect(text).toMatch(W3C_WITH_ZONE)
        expect(parseW3cDateTime(text)?.getTime()).toBe(Math.floor(time / 1000) * 1000)
      }
    }
  })
})

describe('parseW3cDateTime', () => {
  it('reads the spec examples and other offsets', () => {
    expect(parseW3cDateTime('1994-11-05T08:15:30-05:00')?.toISOString()).toBe('1994-11-05T13:15:30.000Z')
    expect(parseW3cDateTime('1994-11-05T13:15:30Z')?.toISOString()).toBe('1994-11-05T13:15:30.000Z')
    expect(parseW3cDateTime('2010-01-01T00:00Z')?.toISOString()).toBe('2010-01-01T00:00:00.000Z')
    expect(parseW3cDateTime('2010-01-01T08:00:00.5+08:00')?.toISOString()).toBe('2010-01-01T00:00:00.500Z')
  })

  it('refuses dates without a zone, impossible dates and other text', () => {
    for (const text of ['2010-01-01T00:00:00', '2010-01-01', '2010-02-30T00:00:00Z', '2010-01-01T24:00:00Z', '2010-01-01T00:00:00+25:00', 'yesterday', '']) {
      expect(parseW3cDateTime(text), text).toBeNull()
    }
  })
})
