import { describe, expect, it } from 'vitest'
import { MAX_TERMS_PER_TEXT, queryTerms, searchTerms } from '../../server/search/search-terms.js'

describe('searchTerms', () => {
  it.each<[string, string, string[]]>([
    ['Chinese as overlapping pairs', '路灯不亮', ['路灯', '灯不', '不亮']],
    ['a lone Chinese character kept', '水', ['水']],
    ['Latin words lower-cased, one-letter words dropped', 'Water Bill a', ['water', 'bill']],
    ['a phone number whole and its last four digits', '13812345678', ['13812345678', '5678']],
    ['short numbers whole only', 'No. 42', ['no', '42']],
    ['an email address whole and in words', 'Mail li.wei@example.cn', ['li.wei@example.cn', 'mail', 'li', 'wei', 'example', 'cn']],
    ['mixed scripts split at the boundary', '物业invoice2026', ['物业', 'invoice2026']],
  ])('%s', (_name, text, expected) => {
    expect(searchTerms(text).sort()).toEqual([...expected].sort())
  })

  it('bounds what one text can index', () => {
    const text = Array.from({ length: 2000 }, (_, index) => `word${index}`).join(' ')
    expect(searchTerms(text)).toHaveLength(MAX_TERMS_PER_TEXT)
    expect(searchTerms('x'.repeat(100))).toEqual([])
  })
})

describe('queryTerms', () => {
  it('keeps what narrows a search and drops what would match nearly everything', () => {
    expect(queryTerms('押金 不退')).toEqual(['押金', '不退'])
    expect(queryTerms('水')).toEqual(['水'])
    expect(queryTerms('a b')).toEqual([])
  })
})
