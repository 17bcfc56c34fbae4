/** What citizens type, read as a status lookup or a follow-up rating, and what must not be. */
import { describe, expect, it } from 'vitest'
import { parseLookup, parseRating } from '../../server/work-orders/citizen-commands.js'

describe('parseLookup', () => {
  it.each([
    ['查询 2026-000123', { number: '2026-000123', check: null }],
    ['查询2026-123 5678', { number: '2026-123', check: '5678' }],
    ['CX 2026000123', { number: '2026000123', check: null }],
    ['status: 2026-000123', { number: '2026-000123', check: null }],
    ['2026-000123', { number: '2026-000123', check: null }],
    ['2026000123', { number: '2026000123', check: null }],
    ['工单 2026 - 45', { number: '2026 - 45', check: null }],
  ])('%s is a lookup', (text, expected) => {
    expect(parseLookup(text)).toEqual(expected)
  })

  it.each([
    ['13812345678', 'a mobile number typed for the agent'],
    ['我的电话是13812345678', 'a sentence'],
    ['2026', 'a year'],
    ['20261', 'a short number'],
    ['1999-000123', 'not a case year'],
    ['查询一下我的工单', 'no number'],
    ['010-12345678', 'a landline'],
  ])('%s is not (%s)', (text) => {
    expect(parseLookup(text)).toBeNull()
  })
})

describe('parseRating', () => {
  it.each([
    ['1', 'satisfied', ''],
    ['2', 'basically_satisfied', ''],
    ['3', 'unsatisfied', ''],
    ['3 押金还没退', 'unsatisfied', '押金还没退'],
    ['3，押金还没退', 'unsatisfied', '押金还没退'],
    ['不满意：态度差', 'unsatisfied', '态度差'],
    ['基本满意', 'basically_satisfied', ''],
    ['satisfied', 'satisfied', ''],
  ])('%s rates %s', (text, rating, reason) => {
    expect(parseRating(text)).toEqual({ rating, reason })
  })

  it.each(['3楼漏水', '1号线停运', '12345', '2026-000123', '满意度怎么查', '1. 路灯坏了', '1.5米', '2，3楼', '1 号线'])('%s is not a rating', (text) => {
    expect(parseRating(text)).toBeNull()
  })
})
