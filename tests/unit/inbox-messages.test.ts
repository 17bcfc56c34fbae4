import { describe, expect, it } from 'vitest'
import { ApiError, NetworkError } from '../../inbox/src/api/http.js'
import { templateResendErrorText } from '../../inbox/src/api/template-error-text.js'
import { mailFrameDocument } from '../../inbox/src/components/mail-content.js'
import { translator } from '../../inbox/src/i18n/languages.js'
import { attachmentView, loadableUrl } from '../../inbox/src/state/attachment-view.js'
import { channelBadgeText, channelVariant } from '../../inbox/src/state/channel-type.js'
import { eventNotice } from '../../inbox/src/state/event-notice.js'
import { canResendAsTemplate, failureReasonKey, failureReasonText } from '../../inbox/src/state/failure-reason.js'

const en = translator('en')
const zh = translator('zh-CN')
const BASE = 'https://hub.example.gov/inbox/c/1'

describe('failure reasons', () => {
  it('puts known codes into words in both languages', () => {
    expect(failureReasonText('reply_window_expired', en)).toBe('The citizen’s 48-hour WeChat reply window has closed')
    expect(failureReasonText('reply_window_expired', zh)).toBe('市民的微信 48 小时回复窗口已关闭')
    for (const code of [
      'recipient_opted_out',
      'recipient_unsubscribed',
      'text_too_long',
      'unsupported_message_type',
      'send_failed',
      'smtp_rejected',
      'recipient_rejected',
      'smtp_unavailable',
      'smtp_auth_failed',
    ]) {
      expect(failureReasonKey(code), code).not.toBeNull()
      expect(failureReasonText(code, en)).not.toBe(code)
      expect(failureReasonText(code, zh)).not.toBe(failureReasonText(code, en))
    }
  })

  it('shows unknown codes verbatim, including ones that look like object keys', () => {
    expect(failureReasonText('wechat_error_40001', en)).toBe('wechat_error_40001')
    expect(failureReasonText('constructor', en)).toBe('constructor')
    expect(failureReasonKey('toString')).toBeNull()
  })
})

describe('mailFrameDocument', () => {
  it('wraps the sanitized mail in a document that loads nothing but allowed images and opens links outside the inbox', () => {
    const document = mailFrameDocument('<p>路灯<b>坏了</b></p>')
    expect(document).toContain('<body><p>路灯<b>坏了</b></p></body>')
    expect(document).toContain(`http-equiv="Content-Security-Policy" content="default-src 'none'; img-src https: data:;`)
    expect(document).toContain('<base target="_blank">')
  })
})

describe('canResendAsTemplate', () => {
  const failed = { direction: 'outbound', private: false, status: 'failed', statusReason: 'reply_window_expired' } as const

  it('offers the template only for replies refused because the window closed, on channels with templates', () => {
    expect(canResendAsTemplate(failed, true)).toBe(true)
    expect(canResendAsTemplate(failed, false)).toBe(false)
    expect(canResendAsTemplate({ ...failed, statusReason: 'text_too_long' }, true)).toBe(false)
    expect(canResendAsTemplate({ ...failed, status: 'sent' }, true)).toBe(false)
    expect(canResendAsTemplate({ ...failed, private: true }, true)).toBe(false)
    expect(canResendAsTemplate({ ...failed, direction: 'inbound' }, true)).toBe(false)
    expect(canResendAsTemplate({ ...failed, sentAsTemplate: true }, true)).toBe(false)
  })
})

describe('templateResendErrorText', () => {
  it('explains the 409s in the agent’s language', () => {
    const noTemplate = new ApiError(409, 'no_reply_template', 'This channel has no reply template configured (replyTemplate in channels.config.ts)')
    expect(templateResendErrorText(noTemplate, en)).toBe('No reply template is set up for this channel. Ask an administrator to configure one.')
    expect(templateResendErrorText(noTemplate, zh)).toBe('该渠道尚未配置回复模板，请联系管理员配置。')
    expect(templateResendErrorText(new ApiError(409, 'not_failed', 'Only a reply that failed…'), zh)).toBe('该回复并未发送失败，因此没有重新发送。')
  })

  it('falls back to the general error text', () => {
    expect(templateResendErrorText(new NetworkError(new Error('down')), en)).toBe(en('error.network'))
    expect(templateResendErrorText(new ApiError(403, 'forbidden', 'No'), en)).toBe(en('error.forbidden'))
    expect(templateResendErrorText(new ApiError(409, 'other', 'Something else'), en)).toBe('Something else')
  })
})

describe('attachmentView', () => {
  it('loads http(s) urls and same-origin paths', () => {
    expect(loadableUrl('/api/media/abc', BASE)).toBe('https://hub.example.gov/api/media/abc')
    expect(loadableUrl('https://cdn.example.gov/a.png', BASE)).toBe('https://cdn.example.gov/a.png')
    expect(loadableUrl('http://files.example.gov/a.png', BASE)).toBe('http://files.example.gov/a.png')
  })

  it('never links provider references or scriptable urls', () => {
    for (const url of ['wechat-media:MEDIA_ID', 'wechaty-file:123', 'javascript:alert(1)', 'data:image/png;base64,AAAA', 'blob:https://x/1']) {
      expect(loadableUrl(url, BASE), url).toBeNull()
      expect(attachmentView({ url, mimeType: 'image/jpeg' }, BASE)).toEqual({ kind: 'downloading' })
    }
  })

  it('picks the element by mime type', () => {
    const url = '/api/media/1'
    const full = 'https://hub.example.gov/api/media/1'
    expect(attachmentView({ url, mimeType: 'image/*' }, BASE)).toEqual({ kind: 'image', url: full })
    expect(attachmentView({ url, mimeType: 'audio/mpeg' }, BASE)).toEqual({ kind: 'audio', url: full })
    expect(attachmentView({ url, mimeType: 'Video/MP4' }, BASE)).toEqual({ kind: 'video', url: full })
    expect(attachmentView({ url, mimeType: 'application/pdf' }, BASE)).toEqual({ kind: 'file', url: full })
  })
})

describe('eventNotice', () => {
  it('recognises menu clicks and QR scans', () => {
    expect(eventNotice('[menu] talk_to_agent')).toEqual({ kind: 'menu', detail: 'talk_to_agent' })
    expect(eventNotice('[qr] scene_42')).toEqual({ kind: 'qr', detail: 'scene_42' })
    expect(eventNotice('[menu]')).toEqual({ kind: 'menu', detail: '' })
  })

  it('leaves other events as they are', () => {
    expect(eventNotice('Assigned to Li Wei')).toEqual({ kind: 'other', detail: 'Assigned to Li Wei' })
    expect(eventNotice('[menus] x')).toEqual({ kind: 'other', detail: '[menus] x' })
  })
})

describe('channel badges', () => {
  it('labels both WeChat channel types, in the current language', () => {
    expect(channelBadgeText('12345 服务号', 'wechat', zh)).toBe('微信 · 12345 服务号')
    expect(channelBadgeText('Hotline bot', 'wechaty', en)).toBe('WeChat · Hotline bot')
    expect(channelVariant('wechaty')).toBe('wechat')
  })

  it('does not repeat a label the name already carries, and leaves other types alone', () => {
    expect(channelBadgeText('12345 微信公众号', 'wechat', zh)).toBe('12345 微信公众号')
    expect(channelBadgeText('City WeChat', 'wechaty', en)).toBe('City WeChat')
    expect(channelBadgeText('Website chat', 'webchat', zh)).toBe('Website chat')
    expect(channelVariant('webchat')).toBe('webchat')
    expect(channelVariant('fax')).toBe('other')
  })
})
