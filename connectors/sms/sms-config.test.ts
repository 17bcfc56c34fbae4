import { describe, expect, it } from 'vitest'
import { DEFAULT_SMS_KEYWORDS, DEFAULT_SMS_REPLIES, smsConfigProblems, smsConfigSchema } from './sms-config.js'

const ACCOUNT_SID = `AC${'a'.repeat(32)}`
const minimal = { type: 'sms', accountSid: ACCOUNT_SID, from: '+14155550100', publicBaseUrl: 'https://hotline.example.gov.cn/' }

describe('smsConfigSchema', () => {
  it('fills in the documented defaults and drops the trailing slash of the public URL', () => {
    expect(smsConfigSchema.parse(minimal)).toEqual({
      ...minimal,
      publicBaseUrl: 'https://hotline.example.gov.cn',
      provider: 'twilio',
      authTokenEnv: 'TWILIO_AUTH_TOKEN',
      apiBaseUrl: 'https://api.twilio.com',
      keywords: DEFAULT_SMS_KEYWORDS,
      replies: DEFAULT_SMS_REPLIES,
      mms: false,
      maxSegments: 10,
    })
  })

  it('carries STOP/START/HELP in both English and Chinese by default', () => {
    const { keywords } = smsConfigSchema.parse(minimal)
    expect(keywords.stop['zh-CN']).toContain('退订')
    expect(keywords.stop.en).toContain('STOP')
    expect(keywords.start['zh-CN']).toContain('订阅')
    expect(keywords.help['zh-CN']).toContain('帮助')
  })

  it('accepts a messaging service instead of a number', () => {
    const { from: _from, ...rest } = minimal
    expect(smsConfigSchema.safeParse({ ...rest, messagingServiceSid: `MG${'1'.repeat(32)}` }).success).toBe(true)
  })

  it('requires exactly one of from and messagingServiceSid, saying so', () => {
    const { from: _from, ...rest } = minimal
    const neither = smsConfigSchema.safeParse(rest)
    expect(neither.error?.issues.map((issue) => issue.message)).toEqual(['set exactly one of from (a number) and messagingServiceSid'])
    expect(smsConfigSchema.safeParse({ ...minimal, messagingServiceSid: `MG${'1'.repeat(32)}` }).success).toBe(false)
  })

  it('names the environment variable, never the secret', () => {
    expect(smsConfigSchema.safeParse({ ...minimal, authTokenEnv: 'HOTLINE_TWILIO_TOKEN' }).success).toBe(true)
    const secret = smsConfigSchema.safeParse({ ...minimal, authTokenEnv: 'a1b2c3d4e5f6' })
    expect(secret.error?.issues[0]?.message).toMatch(/NAME of an environment variable/)
  })

  it('refuses a keyword that is in two sets', () => {
    const result = smsConfigSchema.safeParse({ ...minimal, keywords: { stop: { en: ['STOP'] }, start: { en: ['stop'] } } })
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['keywords.start.en', 'keyword "stop" is also a stop keyword']])
  })

  it.each([
    ['an account sid that is not AC + 32 hex', { accountSid: 'AC123' }],
    ['a sender that is not E.164', { from: '14155550100' }],
    ['a public URL with a query', { publicBaseUrl: 'https://h.example/?x=1' }],
    ['a public URL that is not http(s)', { publicBaseUrl: 'ftp://h.example' }],
    ['a messaging service sid that is not MG + 32 hex', { from: undefined, messagingServiceSid: 'MG1' }],
    ['more than 20 segments', { maxSegments: 21 }],
    ['an empty keyword', { keywords: { stop: { en: [' '] } } }],
    ['a help reply without Chinese', { replies: { help: { en: 'Help' } } }],
    ['another connector type', { type: 'voice' }],
  ])('rejects %s', (_label, change) => {
    expect(smsConfigSchema.safeParse({ ...minimal, ...change }).success).toBe(false)
  })
})

describe('smsConfigProblems', () => {
  it('is empty for a valid config', () => {
    expect(smsConfigProblems(smsConfigSchema.parse(minimal))).toEqual([])
  })
})
