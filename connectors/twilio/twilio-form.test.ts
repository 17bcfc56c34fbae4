import { describe, expect, it } from 'vitest'
import { integerParam, param, parseTwilioForm } from './twilio-form.js'

describe('parseTwilioForm', () => {
  it('decodes form encoding (+ is a space, %2B a plus) and keeps empty values', () => {
    expect(parseTwilioForm('From=%2B8613800000000&Body=%E8%B7%AF%E7%81%AF+%E5%9D%8F%E4%BA%86&ToZip=')).toEqual({
      From: '+8613800000000',
      Body: '路灯 坏了',
      ToZip: '',
    })
  })

  it('keeps every value of a repeated key, in order', () => {
    expect(parseTwilioForm('A=1&B=x&A=2&A=3')).toEqual({ A: ['1', '2', '3'], B: 'x' })
  })
})

describe('param / integerParam', () => {
  const params = { Body: '  hi  ', Blank: ' ', Many: ['first', 'second'], NumMedia: '2', Bad: '2x', Negative: '-1' }

  it('reads the first value, trimmed, and treats blanks as absent', () => {
    expect(param(params, 'Body')).toBe('hi')
    expect(param(params, 'Blank')).toBeUndefined()
    expect(param(params, 'Missing')).toBeUndefined()
    expect(param(params, 'Many')).toBe('first')
  })

  it('reads non-negative integers only', () => {
    expect(integerParam(params, 'NumMedia')).toBe(2)
    expect(integerParam(params, 'Bad')).toBeUndefined()
    expect(integerParam(params, 'Negative')).toBeUndefined()
    expect(integerParam(params, 'Missing')).toBeUndefined()
  })
})
