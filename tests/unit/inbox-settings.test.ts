/** The Settings view's rules: who sees which section, tab keys, and the checks its forms make before asking the hub. */
import { describe, expect, it } from 'vitest'
import { ApiError, NetworkError } from '../../inbox/src/api/http.js'
import { settingsErrorText } from '../../inbox/src/api/settings-error-text.js'
import { translator } from '../../inbox/src/i18n/languages.js'
import {
  cannedDraftProblem,
  cannedPayload,
  parseSkills,
  readSkills,
  settingsSectionsFor,
  tabAfterKey,
  wholeNumber,
  withItem,
} from '../../inbox/src/state/settings.js'

const en = translator('en')
const zh = translator('zh-CN')

describe('settings sections by role', () => {
  it('gives admins every section, supervisors canned responses only, agents none', () => {
    expect(settingsSectionsFor('admin')).toEqual(['queues', 'users', 'canned'])
    expect(settingsSectionsFor('supervisor')).toEqual(['canned'])
    expect(settingsSectionsFor('agent')).toEqual([])
  })

  it('moves between tabs with the arrows (wrapping), Home and End', () => {
    expect(tabAfterKey(0, 3, 'ArrowRight')).toBe(1)
    expect(tabAfterKey(2, 3, 'ArrowRight')).toBe(0)
    expect(tabAfterKey(0, 3, 'ArrowLeft')).toBe(2)
    expect(tabAfterKey(1, 3, 'Home')).toBe(0)
    expect(tabAfterKey(0, 3, 'End')).toBe(2)
    expect(tabAfterKey(0, 3, 'Enter')).toBeNull()
  })
})

describe('form checks', () => {
  it('reads skills separated by commas, 、 or spaces, and names the ones the hub would refuse', () => {
    expect(parseSkills('english, sign-language、cantonese  english')).toEqual({ skills: ['english', 'sign-language', 'cantonese'], invalid: [] })
    expect(parseSkills('English, 手语')).toEqual({ skills: [], invalid: ['English', '手语'] })
    expect(parseSkills('  ')).toEqual({ skills: [], invalid: [] })
    expect(readSkills('English', en)).toEqual({ skills: null, error: expect.stringContaining('English') })
    expect(readSkills(Array.from({ length: 21 }, (_, index) => `s${index}`).join(','), zh).error).toBe('最多填写 20 项技能。')
    expect(readSkills('english', en)).toEqual({ skills: ['english'], error: null })
  })

  it('accepts whole numbers within bounds only', () => {
    expect(wholeNumber('5', 0, 50)).toBe(5)
    expect(wholeNumber(' 0 ', 0, 50)).toBe(0)
    expect(wholeNumber('51', 0, 50)).toBeNull()
    expect(wholeNumber('1.5', 0, 50)).toBeNull()
    expect(wholeNumber('-1', 0, 50)).toBeNull()
    expect(wholeNumber('', 0, 50)).toBeNull()
  })

  it('checks a canned response like the hub, and drops a typed leading slash', () => {
    const draft = { shortcut: '/问候', title: ' Greeting ', body: ' Hello {{contact.name}} ', queue: null }
    expect(cannedDraftProblem(draft)).toBeNull()
    expect(cannedPayload(draft)).toEqual({ shortcut: '问候', title: 'Greeting', body: 'Hello {{contact.name}}', queue: null })
    expect(cannedDraftProblem({ ...draft, shortcut: 'two words' })).toBe('settings.canned.invalidShortcut')
    expect(cannedDraftProblem({ ...draft, title: ' ' })).toBe('settings.canned.invalidTitle')
    expect(cannedDraftProblem({ ...draft, body: 'x'.repeat(4001) })).toBe('settings.canned.invalidBody')
  })

  it('puts a saved item in place, or adds a new one at the end', () => {
    const list = [
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ]
    expect(withItem(list, { id: 'a', n: 3 })).toEqual([
      { id: 'a', n: 3 },
      { id: 'b', n: 2 },
    ])
    expect(withItem(list, { id: 'c', n: 4 }).map((item) => item.id)).toEqual(['a', 'b', 'c'])
  })
})

describe('settings errors', () => {
  it('explains refusals in words', () => {
    expect(settingsErrorText(new ApiError(409, 'shortcut_taken', 'x'), en)).toBe('Another canned response already has this shortcut. Choose another one.')
    expect(settingsErrorText(new ApiError(400, 'unknown_queue', 'x'), zh)).toBe('该队列已不存在。请刷新页面后重试。')
    expect(settingsErrorText(new ApiError(403, 'forbidden', 'x'), en)).toBe('Your role does not allow this change.')
    expect(settingsErrorText(new ApiError(404, 'not_found', 'x'), en)).toBe('This no longer exists. Reload the page to see the current list.')
    expect(settingsErrorText(new ApiError(400, 'invalid_request', 'capacity.chat: too big'), en)).toBe('capacity.chat: too big')
    expect(settingsErrorText(new NetworkError(new Error('down')), en)).toBe(en('error.network'))
  })
})
