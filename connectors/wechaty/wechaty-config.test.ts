import { describe, expect, it } from 'vitest'
import { wechatyConfigSchema } from './wechaty-config.js'

const minimal = { type: 'wechaty', puppet: 'wechaty-puppet-service', puppetTokenEnv: 'WECHATY_PUPPET_SERVICE_TOKEN' } as const

describe('wechatyConfigSchema', () => {
  it('fills the defaults: group messages only when they mention the bot, no extra puppet options', () => {
    expect(wechatyConfigSchema.parse(minimal)).toEqual({ ...minimal, puppetOptions: {}, rooms: 'mentions' })
  })

  it('takes every option', () => {
    const full = {
      ...minimal,
      puppet: '@juzibot/wechaty-puppet-wxwork',
      puppetOptions: { endpoint: '10.0.0.5:8788', tls: { disable: true }, timeoutSeconds: 60 },
      botName: 'hotline-bot',
      rooms: 'all',
      allowedRooms: ['12345 便民服务群', 'R:10696051737340734'],
    } as const
    expect(wechatyConfigSchema.parse(full)).toEqual(full)
  })

  it('rejects puppets that are not npm puppet names, secrets in the config and file-unsafe names', () => {
    const accepts = (patch: Record<string, unknown>) => wechatyConfigSchema.safeParse({ ...minimal, ...patch }).success
    expect(accepts({ puppet: 'wechaty-puppet-mock' })).toBe(true)
    expect(accepts({ puppet: 'puppet-service' })).toBe(false)
    expect(accepts({ puppet: '../wechaty-puppet-evil' })).toBe(false)
    expect(accepts({ puppetTokenEnv: 'puppet_the-token-itself' })).toBe(false)
    expect(accepts({ puppetOptions: { token: 'puppet_secret' } })).toBe(false)
    expect(accepts({ puppetOptions: { callback: () => undefined } })).toBe(false)
    expect(accepts({ botName: '../../etc/passwd' })).toBe(false)
    expect(accepts({ rooms: 'some' })).toBe(false)
    expect(accepts({ allowedRooms: [] })).toBe(false)
  })

  it('points at puppetTokenEnv when a token is put in puppetOptions', () => {
    const result = wechatyConfigSchema.safeParse({ ...minimal, puppetOptions: { token: 'puppet_secret' } })
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['puppetOptions', 'the puppet token comes from puppetTokenEnv, never from puppetOptions'],
    ])
  })
})
