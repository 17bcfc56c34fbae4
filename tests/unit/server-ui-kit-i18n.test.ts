import { describe, expect, it } from 'vitest'
import { format, pickLanguage } from '../../ui-kit/i18n.js'

const SUPPORTED = ['zh-CN', 'en'] as const

describe('pickLanguage', () => {
  it('picks an exact match', () => {
    expect(pickLanguage(['en'], SUPPORTED, 'zh-CN')).toBe('en')
    expect(pickLanguage(['zh-CN'], SUPPORTED, 'en')).toBe('zh-CN')
  })

  it('matches tags case-insensitively and returns the supported spelling', () => {
    expect(pickLanguage(['ZH-cn'], SUPPORTED, 'en')).toBe('zh-CN')
    expect(pickLanguage(['EN'], SUPPORTED, 'zh-CN')).toBe('en')
  })

  it('falls back to a language with the same base (zh-TW → zh-CN, en-US → en)', () => {
    expect(pickLanguage(['zh-TW'], SUPPORTED, 'en')).toBe('zh-CN')
    expect(pickLanguage(['zh'], SUPPORTED, 'en')).toBe('zh-CN')
    expect(pickLanguage(['en-US'], SUPPORTED, 'zh-CN')).toBe('en')
  })

  it('prefers an exact match over a same-base one', () => {
    expect(pickLanguage(['zh-TW'], ['zh-CN', 'zh-TW'], 'en')).toBe('zh-TW')
  })

  it('honours the order of preference: the first tag with any match wins', () => {
    expect(pickLanguage(['fr', 'de', 'en'], SUPPORTED, 'zh-CN')).toBe('en')
    expect(pickLanguage(['en', 'zh-CN'], SUPPORTED, 'zh-CN')).toBe('en')
    expect(pickLanguage(['zh-TW', 'en'], SUPPORTED, 'en')).toBe('zh-CN')
  })

  it('uses the fallback when nothing matches or nothing is requested', () => {
    expect(pickLanguage(['fr-FR', 'de'], SUPPORTED, 'zh-CN')).toBe('zh-CN')
    expect(pickLanguage([], SUPPORTED, 'en')).toBe('en')
  })

  it('survives junk tags', () => {
    expect(pickLanguage(['', '-', '*', '??'], SUPPORTED, 'zh-CN')).toBe('zh-CN')
  })

  it('returns the fallback when nothing is supported', () => {
    expect(pickLanguage(['en'], [], 'en')).toBe('en')
  })
})

describe('format', () => {
  it('fills named placeholders', () => {
    expect(format('{count} / {max}', { count: 12, max: 4000 })).toBe('12 / 4000')
  })

  it('fills the same placeholder every time it appears', () => {
    expect(format('{name}, {name}!', { name: '李' })).toBe('李, 李!')
  })

  it('writes zero and empty values instead of leaving the placeholder', () => {
    expect(format('{count} new, {label}.', { count: 0, label: '' })).toBe('0 new, .')
  })

  it('leaves unknown placeholders visible so a missing value is noticed', () => {
    expect(format('Hello {name}, you are {position} in line', { name: 'Li' })).toBe('Hello Li, you are {position} in line')
    expect(format('Hello {name}')).toBe('Hello {name}')
  })

  it('treats values literally: no replacement patterns, no second pass', () => {
    expect(format('{a}', { a: '$& $1 $$' })).toBe('$& $1 $$')
    expect(format('{a} {b}', { a: '{b}', b: 'B' })).toBe('{b} B')
  })

  it('ignores braces that are not placeholders', () => {
    expect(format('{} {not a name} {{x}}', { x: 'X' })).toBe('{} {not a name} {X}')
  })

  it('leaves placeholders named after Object.prototype members visible', () => {
    expect(format('{constructor} {toString}', {})).toBe('{constructor} {toString}')
  })
})
