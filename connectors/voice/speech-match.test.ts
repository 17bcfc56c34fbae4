import { describe, expect, it } from 'vitest'
import { matchSpeech, speechHints } from './speech-match.js'
import { menuSchema } from './voice-config.js'

const menu = menuSchema.parse({
  prompt: { 'zh-CN': '咨询请按1或说“咨询”，投诉请按2或说“投诉”', en: 'Press 1 or say question, 2 or say complaint' },
  input: 'dtmf speech',
  options: {
    '1': { type: 'queue', queue: 'general', speech: { 'zh-CN': ['咨询', '问一下'], en: ['question', 'ask'] } },
    '2': { type: 'queue', queue: 'complaints', speech: { 'zh-CN': ['投诉', '举报'], en: ['complaint'] } },
    '3': { type: 'hangup' },
  },
})

describe('matchSpeech', () => {
  it.each([
    ['我要投诉。', 'zh-CN', '2'],
    ['我想问一下', 'zh-CN', '1'],
    ['举报 噪音', 'zh-CN', '2'],
    ['I have a Complaint!', 'en', '2'],
    ['ASK', 'en', '1'],
    ['3', 'en', '3'],
    ['３', 'zh-CN', '3'],
  ])('%j in %s → %s', (heard, language, key) => {
    expect(matchSpeech(menu, heard, language)).toBe(key)
  })

  it('matches only the words of the call language', () => {
    expect(matchSpeech(menu, '投诉', 'en')).toBeUndefined()
  })

  it('is undefined for nothing heard or nothing matching', () => {
    expect(matchSpeech(menu, undefined, 'zh-CN')).toBeUndefined()
    expect(matchSpeech(menu, ' 。', 'zh-CN')).toBeUndefined()
    expect(matchSpeech(menu, '天气怎么样', 'zh-CN')).toBeUndefined()
  })
})

describe('speechHints', () => {
  it('lists the words of the call language', () => {
    expect(speechHints(menu, 'en')).toEqual(['question', 'ask', 'complaint'])
    expect(speechHints(menu, 'fr')).toEqual([])
  })
})
