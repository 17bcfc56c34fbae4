import { describe, expect, it } from 'vitest'
import { V3 } from './__fixtures__/published-vectors.js'
import { encryptionConfigProblem, wechatConfigSchema } from './wechat-config.js'

const minimal = { type: 'wechat', appId: V3.appId, token: V3.token, mode: 'plaintext' } as const

describe('wechatConfigSchema', () => {
  it('fills the defaults', () => {
    expect(wechatConfigSchema.parse(minimal)).toEqual({
      ...minimal,
      appSecretEnv: 'WECHAT_APP_SECRET',
      apiBaseUrl: 'https://api.weixin.qq.com',
      menuIntents: {},
      maxBodyBytes: 65536,
    })
  })

  it('requires the encodingAESKey in compatible and safe mode', () => {
    for (const mode of ['compatible', 'safe'] as const) {
      const result = wechatConfigSchema.safeParse({ ...minimal, mode })
      expect(result.success).toBe(false)
      expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['encodingAESKey'])
      expect(wechatConfigSchema.safeParse({ ...minimal, mode, encodingAESKey: V3.encodingAESKey }).success).toBe(true)
    }
    expect(encryptionConfigProblem({ mode: 'safe', encodingAESKey: undefined })).toContain('safe')
    expect(encryptionConfigProblem({ mode: 'plaintext', encodingAESKey: undefined })).toBeUndefined()
  })

  it('rejects malformed keys, tokens, AppIDs, secret variable names and URLs', () => {
    const accepts = (patch: Record<string, unknown>) => wechatConfigSchema.safeParse({ ...minimal, ...patch }).success
    expect(accepts({ encodingAESKey: V3.encodingAESKey.slice(1) })).toBe(false)
    expect(accepts({ encodingAESKey: `${V3.encodingAESKey.slice(1)}=` })).toBe(false)
    expect(accepts({ token: 'ab' })).toBe(false)
    expect(accepts({ token: 'has space' })).toBe(false)
    expect(accepts({ appId: 'gh_10f6c3c3ac5a' })).toBe(false)
    expect(accepts({ appSecretEnv: 'the-secret-itself' })).toBe(false)
    expect(accepts({ mode: 'aes' })).toBe(false)
    expect(accepts({ apiBaseUrl: 'ftp://api.weixin.qq.com' })).toBe(false)
    expect(accepts({ maxBodyBytes: 10 })).toBe(false)
  })

  it('accepts welcome texts, menu intents, a freshness window and a local API', () => {
    const config = wechatConfigSchema.parse({
      ...minimal,
      apiBaseUrl: 'http://127.0.0.1:4010',
      welcomeReply: { 'zh-CN': '欢迎关注 12345 热线' },
      menuIntents: { MENU_PROGRESS: 'check_work_order', MENU_AGENT: 'talk_to_agent', CUSTOM: 'report_pothole' },
      timestampToleranceSeconds: 300,
    })
    expect(config.menuIntents.CUSTOM).toBe('report_pothole')
    expect(config.timestampToleranceSeconds).toBe(300)
  })
})
