import { describe, expect, it } from 'vitest'
import { webchatConfigSchema } from './webchat-config.js'

const minimal = {
  type: 'webchat',
  title: { 'zh-CN': '在线咨询', en: 'Chat with us' },
  greeting: { 'zh-CN': '您好', en: 'Hello' },
}

describe('webchatConfigSchema', () => {
  it('fills in the documented defaults', () => {
    expect(webchatConfigSchema.parse(minimal)).toEqual({
      ...minimal,
      allowedOrigins: ['*'],
      maxMessageLength: 4000,
      visitorTokenTtlDays: 180,
    })
  })

  it('leaves the visitor token secret absent when not given (the hub derives one)', () => {
    expect(webchatConfigSchema.parse(minimal)).not.toHaveProperty('visitorTokenSecret')
  })

  it('accepts extra languages next to zh-CN and en', () => {
    const parsed = webchatConfigSchema.parse({ ...minimal, title: { ...minimal.title, 'bo-CN': 'ཁ་བརྡ' } })
    expect(parsed.title['bo-CN']).toBe('ཁ་བརྡ')
  })

  it('requires both zh-CN and en texts, none of them empty', () => {
    expect(webchatConfigSchema.safeParse({ ...minimal, title: { en: 'Chat' } }).success).toBe(false)
    expect(webchatConfigSchema.safeParse({ ...minimal, greeting: { 'zh-CN': '您好' } }).success).toBe(false)
    expect(webchatConfigSchema.safeParse({ ...minimal, title: { ...minimal.title, en: '' } }).success).toBe(false)
    expect(webchatConfigSchema.safeParse({ ...minimal, title: { ...minimal.title, fr: '' } }).success).toBe(false)
  })

  it('rejects a visitor token secret under 32 characters, saying why', () => {
    const result = webchatConfigSchema.safeParse({ ...minimal, visitorTokenSecret: 'x'.repeat(31) })
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['visitorTokenSecret must be at least 32 characters'])
    expect(webchatConfigSchema.safeParse({ ...minimal, visitorTokenSecret: 'x'.repeat(32) }).success).toBe(true)
  })

  it.each([
    ['maxMessageLength 0', { maxMessageLength: 0 }],
    ['maxMessageLength above 20000', { maxMessageLength: 20_001 }],
    ['a fractional maxMessageLength', { maxMessageLength: 10.5 }],
    ['a token lifetime of 0 days', { visitorTokenTtlDays: 0 }],
    ['a token lifetime above ten years', { visitorTokenTtlDays: 3651 }],
    ['no allowed origins', { allowedOrigins: [] }],
    ['an empty origin', { allowedOrigins: [''] }],
    ['another connector type', { type: 'wechat' }],
  ])('rejects %s', (_label, change) => {
    expect(webchatConfigSchema.safeParse({ ...minimal, ...change }).success).toBe(false)
  })
})
