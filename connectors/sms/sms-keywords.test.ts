import { describe, expect, it } from 'vitest'
import { DEFAULT_SMS_KEYWORDS, DEFAULT_SMS_REPLIES } from './sms-config.js'
import { detectSmsKeyword, keywordReplyText, normalizeKeyword } from './sms-keywords.js'

describe('detectSmsKeyword with the default sets', () => {
  it.each([
    ['STOP', 'stop', 'en'],
    ['stop', 'stop', 'en'],
    ['  Stop. ', 'stop', 'en'],
    ['Unsubscribe!', 'stop', 'en'],
    ['ＳＴＯＰ', 'stop', 'en'],
    ['退订', 'stop', 'zh-CN'],
    ['退订。', 'stop', 'zh-CN'],
    [' 取消订阅 ', 'stop', 'zh-CN'],
    ['td', 'stop', 'zh-CN'],
    ['T', 'stop', 'zh-CN'],
    ['START', 'start', 'en'],
    ['unstop', 'start', 'en'],
    ['订阅', 'start', 'zh-CN'],
    ['恢复订阅！', 'start', 'zh-CN'],
    ['HELP', 'help', 'en'],
    ['help?', 'help', 'en'],
    ['info', 'help', 'en'],
    ['帮助', 'help', 'zh-CN'],
    ['【帮助】', 'help', 'zh-CN'],
  ])('%j is a %s keyword in %s', (body, kind, language) => {
    expect(detectSmsKeyword(body, DEFAULT_SMS_KEYWORDS)).toMatchObject({ kind, language })
  })

  it.each([
    ['a message that only starts with a keyword', 'stop the noise on Main Street please'],
    ['a keyword inside a sentence', '我想退订但是还有问题'],
    ['an ordinary message', '路灯坏了'],
    ['an empty body', ''],
    ['whitespace', '  \n '],
    ['a keyword glued to another word', 'STOPIT'],
  ])('ignores %s', (_label, body) => {
    expect(detectSmsKeyword(body, DEFAULT_SMS_KEYWORDS)).toBeUndefined()
  })

  it('returns the keyword as configured', () => {
    expect(detectSmsKeyword('stop', DEFAULT_SMS_KEYWORDS)?.keyword).toBe('STOP')
  })

  it('honours custom sets and gives opt-out precedence over the others', () => {
    const sets = { stop: { en: ['ENOUGH'] }, start: { en: ['ENOUGH', 'AGAIN'] }, help: { fr: ['AIDE'] } }
    expect(detectSmsKeyword('enough', sets)?.kind).toBe('stop')
    expect(detectSmsKeyword('again', sets)?.kind).toBe('start')
    expect(detectSmsKeyword('aide', sets)).toMatchObject({ kind: 'help', language: 'fr' })
    expect(detectSmsKeyword('STOP', sets)).toBeUndefined()
  })
})

describe('normalizeKeyword', () => {
  it('folds width and case and strips punctuation and symbols around the word', () => {
    expect(normalizeKeyword(' ｓｔｏｐ！！ ')).toBe('STOP')
    expect(normalizeKeyword('“退订”')).toBe('退订')
    expect(normalizeKeyword('👉HELP👈')).toBe('HELP')
  })
})

describe('keywordReplyText', () => {
  it('answers in the language of the keyword, falling back to Chinese', () => {
    const replies = { help: DEFAULT_SMS_REPLIES.help }
    expect(keywordReplyText({ kind: 'help', language: 'en', keyword: 'HELP' }, replies)).toBe(DEFAULT_SMS_REPLIES.help.en)
    expect(keywordReplyText({ kind: 'help', language: 'zh-CN', keyword: '帮助' }, replies)).toBe(DEFAULT_SMS_REPLIES.help['zh-CN'])
    expect(keywordReplyText({ kind: 'help', language: 'fr', keyword: 'AIDE' }, replies)).toBe(DEFAULT_SMS_REPLIES.help['zh-CN'])
  })

  it('is undefined when that kind has no reply configured, or it is turned off', () => {
    expect(keywordReplyText({ kind: 'stop', language: 'en', keyword: 'STOP' }, { help: DEFAULT_SMS_REPLIES.help })).toBeUndefined()
    expect(keywordReplyText({ kind: 'stop', language: 'en', keyword: 'STOP' }, { stop: null })).toBeUndefined()
  })
})
