import { describe, expect, it } from 'vitest'
import { ACCOUNT_SID, HOTLINE_IVR, hotlineConfig } from './__fixtures__/hotline-ivr.js'
import { type VoiceConfigInput, voiceConfigSchema } from './voice-config.js'
import { voiceConfigProblems } from './voice-config-problems.js'
import { DEFAULT_VOICE_LANGUAGES, DEFAULT_VOICE_PROMPTS } from './voice-defaults.js'

const minimal: VoiceConfigInput = {
  type: 'voice',
  accountSid: ACCOUNT_SID,
  phoneNumber: '+8657112345000',
  publicBaseUrl: 'https://hotline.example.gov.cn',
  menus: { main: { prompt: { 'zh-CN': '人工服务请按1', en: 'Press 1 for an agent' }, options: { '1': { type: 'queue', queue: 'general' } } } },
  callQueues: { general: {} },
}

const issues = (input: unknown) => voiceConfigSchema.safeParse(input).error?.issues.map((issue) => [issue.path.join('.'), issue.message]) ?? []

describe('voiceConfigSchema: defaults', () => {
  it('fills in languages, prompts, voicemail, queue and menu defaults (open 7×24 without business hours)', () => {
    const config = voiceConfigSchema.parse(minimal)
    expect(config).toMatchObject({
      provider: 'twilio',
      authTokenEnv: 'TWILIO_AUTH_TOKEN',
      languages: DEFAULT_VOICE_LANGUAGES,
      defaultLanguage: 'zh-CN',
      closedAction: 'voicemail',
      entryMenu: 'main',
      fallback: { type: 'hangup' },
      voicemail: { maxLengthSeconds: 120, transcribe: true, playBeep: true, finishOnKey: '#', silenceTimeoutSeconds: 5 },
      prompts: DEFAULT_VOICE_PROMPTS,
      caseLookupTimeoutMs: 4000,
    })
    expect(config.businessHours).toBeUndefined()
    expect(config.menus.main).toMatchObject({ input: 'dtmf', repeatKey: '*', timeoutSeconds: 6, maxAttempts: 3 })
    expect(config.callQueues.general).toEqual({ announcePosition: true, announceEverySeconds: 60, maxWaitSeconds: 300, overflow: 'voicemail' })
  })

  it('keeps prompts an operator overrides and defaults the rest', () => {
    const config = voiceConfigSchema.parse({ ...minimal, prompts: { goodbye: { 'zh-CN': '再会', en: 'Bye' } } })
    expect(config.prompts.goodbye).toEqual({ 'zh-CN': '再会', en: 'Bye' })
    expect(config.prompts.closed).toEqual(DEFAULT_VOICE_PROMPTS.closed)
  })

  it('parses the full hotline IVR, with a caseLookup’s defaults', () => {
    expect(hotlineConfig().menus.main?.options['3']).toEqual({
      type: 'caseLookup',
      digits: 10,
      minDigits: 6,
      terminator: '#',
      timeoutSeconds: 10,
      maxAttempts: 3,
      andThen: 'return',
    })
  })

  it('accepts prompts as recordings, lists of parts and parts with their own voice', () => {
    const prompt = { 'zh-CN': [{ play: 'https://cdn.example/a.mp3' }, '请按1'], en: { say: 'Press 1', voice: 'Polly.Matthew', loop: 2 } }
    expect(voiceConfigSchema.safeParse({ ...minimal, welcome: prompt }).success).toBe(true)
  })
})

describe('voiceConfigSchema: field checks', () => {
  it.each([
    ['a phone number that is not E.164', { phoneNumber: '057112345' }],
    ['a menu key that is not a DTMF key', { menus: { main: { prompt: { en: 'x' }, options: { '10': { type: 'hangup' } } } } }],
    ['an unknown action type', { menus: { main: { prompt: { en: 'x' }, options: { '1': { type: 'transfer' } } } } }],
    ['an unknown field on an action', { menus: { main: { prompt: { en: 'x' }, options: { '1': { type: 'hangup', to: '+1' } } } } }],
    ['a play prompt that is not a URL', { welcome: { en: { play: 'hold.mp3' } } }],
    ['a zero timeout', { menus: { main: { prompt: { en: 'x' }, timeoutSeconds: 0, options: { '1': { type: 'hangup' } } } } }],
    ['an unknown timezone', { businessHours: { timezone: 'Mars/Olympus', weekly: {} } }],
    ['an interval that ends before it starts', { businessHours: { timezone: 'Asia/Shanghai', weekly: { mon: ['18:00-09:00'] } } }],
    ['an interval in the wrong format', { businessHours: { timezone: 'Asia/Shanghai', weekly: { mon: ['9-17'] } } }],
    ['an impossible date', { businessHours: { timezone: 'Asia/Shanghai', weekly: {}, holidays: [{ date: '2025-02-30' }] } }],
    // Month 13 is an Invalid Date: refused as a problem, not thrown.
    ['a month that does not exist', { businessHours: { timezone: 'Asia/Shanghai', weekly: {}, holidays: [{ date: '2026-13-01' }] } }],
    ['a misspelt weekday', { businessHours: { timezone: 'Asia/Shanghai', weekly: { monday: ['09:00-17:00'] } } }],
    ['a queue wait under 30 s', { callQueues: { general: { maxWaitSeconds: 10 } } }],
    ['a softphone API key that is not SK + 32 hex', { softphone: { apiKeySid: 'SK1', twimlAppSid: `AP${'8'.repeat(32)}` } }],
    ['a softphone without its TwiML App', { softphone: { apiKeySid: `SK${'7'.repeat(32)}` } }],
    ['another connector type', { type: 'sms' }],
  ])('rejects %s', (_label, change) => {
    expect(voiceConfigSchema.safeParse({ ...minimal, ...change }).success).toBe(false)
  })

  it('allows 24:00 as a closing time', () => {
    expect(voiceConfigSchema.safeParse({ ...minimal, businessHours: { timezone: 'Asia/Shanghai', weekly: { sat: ['18:00-24:00'] } } }).success).toBe(true)
  })
})

describe('voiceConfigSchema: cross-references (voiceConfigProblems)', () => {
  const withMenus = (menus: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ ...minimal, menus, ...extra })
  const menu = (options: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ prompt: { en: 'x' }, options, ...extra })

  it('finds no problem in the hotline IVR', () => {
    expect(voiceConfigProblems(hotlineConfig())).toEqual([])
    expect(issues(HOTLINE_IVR)).toEqual([])
  })

  it('names a submenu, queue or language that does not exist', () => {
    expect(issues(withMenus({ main: menu({ '1': { type: 'menu', menu: 'nowhere' } }) }))).toEqual([
      ['menus.main.options.1.menu', 'menu "nowhere" is not declared under menus'],
    ])
    expect(issues(withMenus({ main: menu({ '1': { type: 'queue', queue: 'vip' } }) }))).toEqual([
      ['menus.main.options.1.queue', 'queue "vip" is not declared under callQueues'],
    ])
    expect(issues(withMenus({ main: menu({ '1': { type: 'language', language: 'fr' } }) }))).toEqual([
      ['menus.main.options.1.language', 'language "fr" is not one of languages'],
    ])
  })

  it('checks fallbacks too, per menu and IVR-wide', () => {
    expect(issues(withMenus({ main: menu({ '1': { type: 'hangup' } }, { fallback: { type: 'queue', queue: 'vip' } }) }))).toEqual([
      ['menus.main.fallback.queue', 'queue "vip" is not declared under callQueues'],
    ])
    expect(issues({ ...minimal, fallback: { type: 'menu', menu: 'gone' } })).toEqual([['fallback.menu', 'menu "gone" is not declared under menus']])
  })

  it('requires the entry menu, a default language among the languages, and known language-menu languages', () => {
    expect(issues({ ...minimal, entryMenu: 'start' })).toEqual([['entryMenu', 'entryMenu "start" is not one of menus']])
    expect(issues({ ...minimal, defaultLanguage: 'fr' })).toEqual([['defaultLanguage', 'defaultLanguage "fr" is not one of languages']])
    expect(issues({ ...minimal, languageMenu: { keys: { '1': 'zh-CN', '3': 'yue' } } })).toEqual([
      ['languageMenu.keys.3', 'language "yue" is not one of languages'],
    ])
  })

  it('refuses a repeat key that is also an option, and an empty menu', () => {
    expect(issues(withMenus({ main: menu({ '*': { type: 'hangup' } }) }))).toEqual([['menus.main.repeatKey', 'repeatKey "*" is also an option key']])
    expect(issues(withMenus({ main: menu({ '#': { type: 'hangup' } }, { repeatKey: '9' }) }))).toEqual([])
    expect(issues(withMenus({ main: menu({}) }))).toEqual([['menus.main.options', 'a menu needs at least one option']])
  })

  it('refuses minDigits above digits', () => {
    expect(issues(withMenus({ main: menu({ '3': { type: 'caseLookup', digits: 6, minDigits: 8 } }) }))).toEqual([
      ['menus.main.options.3.minDigits', 'minDigits cannot exceed digits'],
    ])
  })

  it('refuses a make-up workday that is also a holiday, and a holiday range that ends before it starts', () => {
    const hours = {
      timezone: 'Asia/Shanghai',
      weekly: {},
      holidays: [
        { date: '2025-10-01', until: '2025-10-08' },
        { date: '2025-05-05', until: '2025-05-01' },
      ],
      makeUpWorkdays: [{ date: '2025-10-08' }],
    }
    expect(issues({ ...minimal, businessHours: hours })).toEqual([
      ['businessHours.holidays.1.until', 'until is before date'],
      ['businessHours.makeUpWorkdays.0.date', '2025-10-08 is also a holiday'],
    ])
  })
})
