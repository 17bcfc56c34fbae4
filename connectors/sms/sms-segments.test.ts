import { describe, expect, it } from 'vitest'
import { countSmsSegments, isGsm7 } from './sms-segments.js'

describe('countSmsSegments: GSM-7', () => {
  it('fits 160 plain characters in one segment and needs two for 161', () => {
    expect(countSmsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160, unitsPerSegment: 160 })
    expect(countSmsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', segments: 2, units: 161, unitsPerSegment: 153 })
  })

  it('uses 153 per segment once concatenated', () => {
    expect(countSmsSegments('a'.repeat(306)).segments).toBe(2)
    expect(countSmsSegments('a'.repeat(307)).segments).toBe(3)
  })

  it('counts extension characters as two septets', () => {
    for (const character of ['^', '{', '}', '\\', '[', '~', ']', '|', '€', '\f']) {
      expect(countSmsSegments(character)).toMatchObject({ encoding: 'GSM-7', units: 2 })
    }
    expect(countSmsSegments(`${'a'.repeat(158)}€`)).toMatchObject({ segments: 1, units: 160 })
    expect(countSmsSegments(`${'a'.repeat(159)}€`)).toMatchObject({ segments: 2, units: 161 })
  })

  it('never splits an escape sequence across segments', () => {
    // Same 306 septets both times: 152 + 2 does not fit in 153, so the € starts segment two and one 'a' spills into a third.
    expect(countSmsSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toMatchObject({ units: 306, segments: 3 })
    expect(countSmsSegments(`${'a'.repeat(151)}€${'a'.repeat(153)}`)).toMatchObject({ units: 306, segments: 2 })
  })

  it('keeps accented letters of the default alphabet in GSM-7', () => {
    expect(isGsm7('Ça va? Ñandù, Øresund, £5 @ 12:00 ¿¡§ äöüß')).toBe(true)
    expect(isGsm7('line\nbreak\r')).toBe(true)
  })
})

describe('countSmsSegments: UCS-2', () => {
  it('switches to UCS-2 for any character outside GSM-7 (Chinese, curly quotes, ç)', () => {
    expect(countSmsSegments('路灯坏了').encoding).toBe('UCS-2')
    expect(countSmsSegments('it’s').encoding).toBe('UCS-2')
    expect(countSmsSegments('ç').encoding).toBe('UCS-2')
  })

  it('fits 70 Chinese characters in one segment and 67 per segment beyond', () => {
    expect(countSmsSegments('热'.repeat(70))).toEqual({ encoding: 'UCS-2', segments: 1, units: 70, unitsPerSegment: 70 })
    expect(countSmsSegments('热'.repeat(71))).toEqual({ encoding: 'UCS-2', segments: 2, units: 71, unitsPerSegment: 67 })
    expect(countSmsSegments('热'.repeat(134)).segments).toBe(2)
    expect(countSmsSegments('热'.repeat(135)).segments).toBe(3)
  })

  it('makes a whole English text UCS-2 when one Chinese character is in it', () => {
    expect(countSmsSegments(`${'a'.repeat(69)}热`)).toMatchObject({ encoding: 'UCS-2', segments: 1 })
    expect(countSmsSegments(`${'a'.repeat(70)}热`)).toMatchObject({ encoding: 'UCS-2', segments: 2 })
  })

  it('counts an emoji as two units and never splits it', () => {
    expect(countSmsSegments('👍')).toMatchObject({ encoding: 'UCS-2', units: 2, segments: 1 })
    expect(countSmsSegments(`${'热'.repeat(66)}👍${'热'.repeat(67)}`)).toMatchObject({ units: 135, segments: 3 })
    expect(countSmsSegments(`${'热'.repeat(65)}👍${'热'.repeat(67)}`)).toMatchObject({ units: 134, segments: 2 })
  })
})

describe('countSmsSegments: empty', () => {
  it('is zero segments for an empty text', () => {
    expect(countSmsSegments('')).toMatchObject({ segments: 0, units: 0 })
  })
})
