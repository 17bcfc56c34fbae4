import { describe, expect, it } from 'vitest'
import { en } from '../../inbox/src/i18n/en.js'
import { initialLanguage, translator } from '../../inbox/src/i18n/languages.js'
import { zhCN } from '../../inbox/src/i18n/zh-CN.js'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort()

describe('catalogues', () => {
  it('have the same keys (the type checks this too; this guards against casts)', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort())
  })

  it('use the same placeholders for every key', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]))
    }
  })

  it('fill placeholders', () => {
    expect(translator('en')('row.unread', { count: 3 })).toBe('3 unread')
    expect(translator('zh-CN')('row.unread', { count: 3 })).toBe('3 条未读')
  })
})

describe('initialLanguage', () => {
  it('prefers a stored choice', () => {
    expect(initialLanguage('en', ['zh-CN'])).toBe('en')
  })

  it('ignores an unknown stored value and follows the browser', () => {
    expect(initialLanguage('fr', ['zh-TW', 'en'])).toBe('zh-CN')
    expect(initialLanguage(null, ['en-US'])).toBe('en')
  })

  it('falls back to English', () => {
    expect(initialLanguage(null, ['de-DE'])).toBe('en')
  })
})
