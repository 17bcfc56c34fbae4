import { afterEach, describe, expect, it, vi } from 'vitest'
import { attachmentCheckText, attachmentErrorText } from '../../inbox/src/api/attachment-error-text.js'
import { ApiError, isAbort, NetworkError, setUnauthorizedHandler, upload } from '../../inbox/src/api/http.js'
import { api } from '../../inbox/src/api/inbox-api.js'
import { translator } from '../../inbox/src/i18n/languages.js'
import {
  attachableTypes,
  checkAttachment,
  formatFileSize,
  isPreviewable,
  MAX_ATTACHMENT_BYTES,
  typeNames,
  uploadMimeType,
} from '../../inbox/src/state/compose-attachment.js'

const MB = 1024 * 1024
const en = translator('en')
const zh = translator('zh-CN')

describe('attachableTypes', () => {
  it('offers nothing on text-only channels (webchat) or while capabilities are unknown', () => {
    expect(attachableTypes(['text'])).toEqual({ mimeTypes: [], accept: '' })
    expect(attachableTypes([])).toEqual({ mimeTypes: [], accept: '' })
    expect(attachableTypes(undefined)).toEqual({ mimeTypes: [], accept: '' })
  })

  it('offers images and audio on WeChat (text, image, audio), with extensions for the picker', () => {
    const wechat = attachableTypes(['text', 'image', 'audio'])
    expect(wechat.mimeTypes).toEqual(['image/jpeg', 'image/png', 'image/gif', 'audio/amr', 'audio/mpeg', 'audio/mp3'])
    expect(wechat.accept).toBe('image/jpeg,.jpg,.jpeg,image/png,.png,image/gif,.gif,audio/amr,.amr,audio/mpeg,.mp3,audio/mp3')
    expect(wechat.accept).not.toContain('video')
  })

  it('adds each kind only when the channel carries it', () => {
    expect(attachableTypes(['video']).mimeTypes).toEqual(['video/mp4'])
    expect(attachableTypes(['image']).accept).toBe('image/jpeg,.jpg,.jpeg,image/png,.png,image/gif,.gif')
    // 'file' is what the hub makes of a PDF (messageTypeOf): only channels that carry files get it.
    expect(attachableTypes(['file']).mimeTypes).toEqual(['application/pdf'])
    expect(attachableTypes(['text', 'image', 'audio']).mimeTypes).not.toContain('application/pdf')
  })

  it('ignores message types that are not files', () => {
    expect(attachableTypes(['text', 'location', 'event']).accept).toBe('')
  })
})

describe('uploadMimeType', () => {
  it('uses the type the browser reports, normalised', () => {
    expect(uploadMimeType({ name: 'map.png', type: 'image/png' })).toBe('image/png')
    expect(uploadMimeType({ name: 'x', type: 'Image/JPEG; charset=binary' })).toBe('image/jpeg')
    expect(uploadMimeType({ name: 'photo.jpg', type: 'image/jpg' })).toBe('image/jpeg')
  })

  it('falls back to the extension when the system does not know the type (.amr)', () => {
    expect(uploadMimeType({ name: 'voice.AMR', type: '' })).toBe('audio/amr')
    expect(uploadMimeType({ name: 'song.mp3', type: 'application/octet-stream' })).toBe('audio/mpeg')
    expect(uploadMimeType({ name: 'notes', type: '' })).toBe('')
    expect(uploadMimeType({ name: 'setup.exe', type: '' })).toBe('')
  })
})

describe('checkAttachment', () => {
  const wechat = attachableTypes(['text', 'image', 'audio']).mimeTypes

  it('accepts a file of an allowed type up to 10 MB, and says what to upload it as', () => {
    expect(checkAttachment({ name: 'map.png', type: 'image/png', size: 2048 }, wechat)).toEqual({ ok: true, mimeType: 'image/png' })
    expect(checkAttachment({ name: 'voice.amr', type: '', size: MAX_ATTACHMENT_BYTES }, wechat)).toEqual({ ok: true, mimeType: 'audio/amr' })
  })

  it('refuses types the channel cannot carry, even ones the hub accepts elsewhere', () => {
    expect(checkAttachment({ name: 'clip.mp4', type: 'video/mp4', size: 10 }, wechat)).toEqual({ ok: false, reason: 'type' })
    expect(checkAttachment({ name: 'form.pdf', type: 'application/pdf', size: 10 }, wechat)).toEqual({ ok: false, reason: 'type' })
    expect(checkAttachment({ name: 'image.webp', type: 'image/webp', size: 10 }, wechat)).toEqual({ ok: false, reason: 'type' })
    expect(checkAttachment({ name: 'map.png', type: 'image/png', size: 10 }, [])).toEqual({ ok: false, reason: 'type' })
  })

  it('refuses files over 10 MB and empty files', () => {
    expect(checkAttachment({ name: 'big.png', type: 'image/png', size: MAX_ATTACHMENT_BYTES + 1 }, wechat)).toEqual({ ok: false, reason: 'too-large' })
    expect(checkAttachment({ name: 'empty.png', type: 'image/png', size: 0 }, wechat)).toEqual({ ok: false, reason: 'empty' })
  })

  it('reports the type first, as the hub does', () => {
    expect(checkAttachment({ name: 'big.mov', type: 'video/quicktime', size: 50 * MB }, wechat)).toEqual({ ok: false, reason: 'type' })
  })
})

describe('formatFileSize', () => {
  it('writes bytes, kilobytes and megabytes in English', () => {
    expect(formatFileSize(0, 'en')).toBe('0 B')
    expect(formatFileSize(512, 'en')).toBe('512 B')
    expect(formatFileSize(1024, 'en')).toBe('1 KB')
    expect(formatFileSize(1536, 'en')).toBe('1.5 KB')
    expect(formatFileSize(300 * 1024, 'en')).toBe('300 KB')
    expect(formatFileSize(1.5 * MB, 'en')).toBe('1.5 MB')
    expect(formatFileSize(10 * MB, 'en')).toBe('10 MB')
  })

  it('writes them in Chinese', () => {
    expect(formatFileSize(512, 'zh-CN')).toBe('512 字节')
    expect(formatFileSize(1536, 'zh-CN')).toBe('1.5 KB')
    expect(formatFileSize(2.25 * MB, 'zh-CN')).toBe('2.3 MB')
  })

  it('rounds up, so a file just over the limit never reads as exactly 10 MB', () => {
    expect(formatFileSize(MAX_ATTACHMENT_BYTES + 1, 'en')).toBe('10.1 MB')
    expect(formatFileSize(1025, 'en')).toBe('1.1 KB')
  })

  it('turns to megabytes where kilobytes would round to 1024', () => {
    expect(formatFileSize(MB - 1, 'en')).toBe('1 MB')
    expect(formatFileSize(1023 * 1024, 'en')).toBe('1,023 KB')
  })
})

describe('typeNames and isPreviewable', () => {
  it('names the allowed formats once each, in the language’s list style', () => {
    const wechat = attachableTypes(['text', 'image', 'audio']).mimeTypes
    expect(typeNames(wechat, 'en')).toBe('JPG, PNG, GIF, AMR, MP3')
    expect(typeNames(wechat, 'zh-CN')).toBe('JPG、PNG、GIF、AMR、MP3')
  })

  it('previews images only', () => {
    expect(isPreviewable('image/png')).toBe(true)
    expect(isPreviewable('audio/amr')).toBe(false)
    expect(isPreviewable('application/pdf')).toBe(false)
  })
})

describe('attachment error texts', () => {
  it('explains client-side refusals in both languages', () => {
    const allowed = attachableTypes(['image']).mimeTypes
    expect(attachmentCheckText({ ok: false, reason: 'type' }, { size: 1 }, allowed, en, 'en')).toBe(
      'This channel cannot send this type of file. Allowed: JPG, PNG, GIF.',
    )
    expect(attachmentCheckText({ ok: false, reason: 'type' }, { size: 1 }, allowed, zh, 'zh-CN')).toBe('此渠道无法发送该类型的文件。可发送：JPG、PNG、GIF。')
    expect(attachmentCheckText({ ok: false, reason: 'too-large' }, { size: 12 * MB }, allowed, en, 'en')).toBe(
      'The file is 12 MB; attachments can be at most 10 MB.',
    )
    expect(attachmentCheckText({ ok: false, reason: 'too-large' }, { size: 12 * MB }, allowed, zh, 'zh-CN')).toBe('文件大小为 12 MB，附件不能超过 10 MB。')
    expect(attachmentCheckText({ ok: false, reason: 'empty' }, { size: 0 }, allowed, en, 'en')).toBe('The file is empty.')
  })

  it('maps the hub’s 409, 413 and 415 to sentences of the catalogue, not its English message', () => {
    const refused = (status: number, code: string) => new ApiError(status, code, 'English text from the hub')
    expect(attachmentErrorText(refused(415, 'unsupported_media_type'), en, 'en')).toBe('This type of file cannot be attached.')
    expect(attachmentErrorText(refused(415, 'unsupported_media_type'), zh, 'zh-CN')).toBe('不能添加此类型的文件。')
    expect(attachmentErrorText(refused(413, 'payload_too_large'), en, 'en')).toBe('The file is too large: attachments can be at most 10 MB.')
    expect(attachmentErrorText(refused(413, 'payload_too_large'), zh, 'zh-CN')).toBe('文件过大：附件不能超过 10 MB。')
    expect(attachmentErrorText(refused(409, 'unsupported_message_type'), en, 'en')).toBe('This channel cannot send this kind of attachment.')
    expect(attachmentErrorText(refused(409, 'unsupported_message_type'), zh, 'zh-CN')).toBe('该渠道无法发送此类附件。')
    expect(attachmentErrorText(refused(400, 'empty_file'), zh, 'zh-CN')).toBe('文件为空。')
    expect(attachmentErrorText(refused(400, 'unknown_attachment'), en, 'en')).toBe('The attachment is no longer available. Attach the file again.')
  })

  it('leaves other failures to the general error text', () => {
    expect(attachmentErrorText(new ApiError(409, 'reply_window_closed', 'The reply window is closed'), en, 'en')).toBe('The reply window is closed')
    expect(attachmentErrorText(new ApiError(500, 'internal', ''), en, 'en')).toBe('Something went wrong (internal). Try again.')
    expect(attachmentErrorText(new NetworkError(new Error('offline')), zh, 'zh-CN')).toBe(zh('error.network'))
  })
})

/** Just enough of XMLHttpRequest for `upload`: records the request; the test answers it. */
class FakeXhr {
  static last: FakeXhr | null = null
  method = ''
  url = ''
  headers: Record<string, string> = {}
  body: unknown = null
  status = 0
  statusText = ''
  responseText = ''
  upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  ontimeout: (() => void) | null = null
  onabort: (() => void) | null = null

  constructor() {
    FakeXhr.last = this
  }
  open(method: string, url: string) {
    this.method = method
    this.url = url
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value
  }
  send(body: unknown) {
    this.body = body
  }
  abort() {
    this.onabort?.()
  }
  answer(status: number, payload: unknown) {
    this.status = status
    this.responseText = JSON.stringify(payload)
    this.onload?.()
  }
}

describe('upload (raw bytes with progress)', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    setUnauthorizedHandler(null)
  })

  const file = () => Object.assign(new Blob(['png bytes'], { type: 'image/png' }), { name: 'map 1.png' })

  it('posts the file with its type and name, reports progress and returns the attachment', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    const progress: number[] = []
    const answer = api.uploadAttachment('c/1', file(), 'image/png', { onProgress: (sent) => progress.push(sent) })
    const xhr = FakeXhr.last as FakeXhr
    expect(xhr.method).toBe('POST')
    expect(xhr.url).toBe('/api/conversations/c%2F1/attachments?name=map+1.png')
    expect(xhr.headers['content-type']).toBe('image/png')
    expect(xhr.body).toBeInstanceOf(Blob)
    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 })
    xhr.upload.onprogress?.({ lengthComputable: false, loaded: 7, total: 0 })
    const attachment = { url: '/api/media/med_1', mimeType: 'image/png', size: 9, name: 'map 1.png' }
    xhr.answer(201, { attachment })
    await expect(answer).resolves.toEqual({ attachment })
    expect(progress).toEqual([0.5])
  })

  it('rejects refusals as ApiError with the hub’s code, and a 401 ends the session', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    const unauthorized = vi.fn()
    setUnauthorizedHandler(unauthorized)
    const refused = upload('/api/conversations/c1/attachments', file(), { contentType: 'image/png' })
    FakeXhr.last?.answer(415, { error: { code: 'unsupported_media_type', message: 'no' } })
    await expect(refused).rejects.toMatchObject({ name: 'ApiError', status: 415, code: 'unsupported_media_type' })
    const expired = upload('/api/conversations/c1/attachments', file(), { contentType: 'image/png' })
    FakeXhr.last?.answer(401, { error: { code: 'unauthorized', message: 'Log in' } })
    await expect(expired).rejects.toBeInstanceOf(ApiError)
    expect(unauthorized).toHaveBeenCalledOnce()
  })

  it('rejects a lost connection as NetworkError and a cancelled upload as an abort', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    const lost = upload('/x', file(), { contentType: 'image/png' })
    FakeXhr.last?.onerror?.()
    await expect(lost).rejects.toBeInstanceOf(NetworkError)

    const controller = new AbortController()
    const cancelled = upload('/x', file(), { contentType: 'image/png', signal: controller.signal })
    controller.abort()
    const error = await cancelled.catch((failure: unknown) => failure)
    expect(isAbort(error)).toBe(true)
    expect(error).not.toBeInstanceOf(NetworkError)
    // Already aborted: nothing is sent.
    FakeXhr.last = null
    await expect(upload('/x', file(), { contentType: 'image/png', signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' })
    expect(FakeXhr.last).toBeNull()
  })
})
