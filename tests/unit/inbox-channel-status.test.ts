import { describe, expect, it } from 'vitest'
import { channelStatusErrorText } from '../../inbox/src/api/channel-status-error-text.js'
import { ApiError } from '../../inbox/src/api/http.js'
import { translator } from '../../inbox/src/i18n/languages.js'
import { changedChannels, channelStateText, parseChannelStatus } from '../../inbox/src/state/channel-status.js'

const en = translator('en')
const zh = translator('zh-CN')

describe('parseChannelStatus', () => {
  it('keeps the documented shape', () => {
    const payload = {
      channels: [
        {
          id: 'bot',
          name: 'Hotline bot',
          type: 'wechaty',
          state: 'waiting_for_login',
          qrCode: 'https://login.weixin.qq.com/l/abc==',
          updatedAt: '2025-03-10T12:00:00.000Z',
        },
        { id: 'mp', name: '12345 服务号', type: 'wechat', state: 'webhook', account: 'gh_123', detail: 'Receives pushes' },
      ],
    }
    expect(parseChannelStatus(payload)).toEqual(payload.channels)
  })

  it('survives a malformed answer instead of breaking the page', () => {
    expect(parseChannelStatus(null)).toEqual([])
    expect(parseChannelStatus({ channels: 'nope' })).toEqual([])
    expect(parseChannelStatus({ channels: [null, 3, { name: 'no id' }, { id: 'x', qrCode: '', updatedAt: 'yesterday', state: 42 }] })).toEqual([
      { id: 'x', name: 'x', type: '', state: 'unknown' },
    ])
  })
})

describe('channel states', () => {
  it('are named in both languages; unknown ones verbatim', () => {
    expect(channelStateText('online', en)).toBe('Online')
    expect(channelStateText('waiting_for_login', zh)).toBe('等待扫码登录')
    expect(channelStateText('rebooting', zh)).toBe('rebooting')
  })

  it('reports what changed since the previous poll, not the first load', () => {
    const before = [
      { id: 'a', name: 'A', type: 'wechaty', state: 'waiting_for_login' },
      { id: 'b', name: 'B', type: 'wechat', state: 'webhook' },
    ]
    const after = [
      { id: 'a', name: 'A', type: 'wechaty', state: 'online' },
      { id: 'b', name: 'B', type: 'wechat', state: 'webhook' },
      { id: 'c', name: 'C', type: 'wechaty', state: 'starting' },
    ]
    expect(changedChannels(null, after)).toEqual([])
    expect(changedChannels(before, after).map((channel) => channel.id)).toEqual(['a'])
  })
})

describe('channelStatusErrorText', () => {
  it('explains a missing endpoint and a refusal', () => {
    expect(channelStatusErrorText(new ApiError(404, 'not_found', 'Not Found'), en)).toBe('Channel status is not available on this hub yet.')
    expect(channelStatusErrorText(new ApiError(403, 'forbidden', 'Admins only'), zh)).toBe('只有管理员可以查看渠道状态。')
    expect(channelStatusErrorText(new ApiError(500, 'internal', ''), en)).toBe('Something went wrong (internal). Try again.')
  })
})
