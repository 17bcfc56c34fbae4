import { createTransport, type SendMailOptions } from 'nodemailer'
import { describe, expect, it } from 'vitest'
import { ConnectorSendError, type FetchedMedia, type OutboundMessage } from '../spec.js'
import { type OutboundEmailSettings, textToHtml } from './build-outbound-email.js'
import { type EmailTransport, sendEmailMessage } from './send-email-message.js'

const settings: OutboundEmailSettings = {
  from: { address: '12345@city.gov.cn', name: '12345热线' },
  defaultSubject: '12345热线',
  subjectToken: true,
  replyToToken: false,
}

function message(patch: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    messageId: 'msg_out_Ab12-Cd34_ef',
    conversationId: 'cv_mabc123def4567890',
    recipient: { externalId: 'zhangsan@example.cn' },
    type: 'text',
    text: '您好，请携带身份证原件到任一社保服务网点办理。',
    ...patch,
  }
}

function fakeTransport(fail?: unknown) {
  const captured: SendMailOptions[] = []
  const transport: EmailTransport = {
    async sendMail(options) {
      captured.push(options)
      if (fail !== undefined) throw fail
    },
  }
  return { transport, captured }
}

function fakeMedia(files: Record<string, FetchedMedia>) {
  const requested: string[] = []
  const loadMedia = async (url: string) => {
    requested.push(url)
    return files[url] ?? null
  }
  return { loadMedia, requested }
}

async function sendError(promise: Promise<unknown>): Promise<ConnectorSendError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  if (!(error instanceof ConnectorSendError)) throw new Error(`expected a ConnectorSendError, got ${String(error)}`)
  return error
}

const reply = {
  externalId: '<202606011502000001@example.cn>',
  references: ['<202606010912010531234@example.cn>', '<msg_out_Zz99@city.gov.cn>'],
  subject: 'Re: 回复: 关于社保卡补办的咨询 [#cv_mabc123def4567890]',
}

describe('sendEmailMessage', () => {
  it('hands the relay a threaded reply and returns its Message-ID as the provider id', async () => {
    const { transport, captured } = fakeTransport()
    const result = await sendEmailMessage(message({ replyTo: reply }), { transport, settings })
    expect(result).toEqual({ externalId: '<msg_out_Ab12-Cd34_ef@city.gov.cn>', status: 'sent' })
    expect(captured).toEqual([
      {
        from: { address: '12345@city.gov.cn', name: '12345热线' },
        to: 'zhangsan@example.cn',
        subject: 'Re: 关于社保卡补办的咨询 [#cv_mabc123def4567890]',
        messageId: '<msg_out_Ab12-Cd34_ef@city.gov.cn>',
        inReplyTo: '<202606011502000001@example.cn>',
        references: ['<202606010912010531234@example.cn>', '<msg_out_Zz99@city.gov.cn>', '<202606011502000001@example.cn>'],
        text: '您好，请携带身份证原件到任一社保服务网点办理。',
        html: textToHtml('您好，请携带身份证原件到任一社保服务网点办理。'),
        headers: { 'X-Auto-Response-Suppress': 'OOF, AutoReply' },
      },
    ])
  })

  it('a first message has no In-Reply-To, References nor attachments key, and the default subject', async () => {
    const { transport, captured } = fakeTransport()
    await sendEmailMessage(message(), { transport, settings })
    expect(captured[0]?.subject).toBe('12345热线 [#cv_mabc123def4567890]')
    expect(Object.keys(captured[0] ?? {}).sort()).toEqual(['from', 'headers', 'html', 'messageId', 'subject', 'text', 'to'])
  })

  it('sets a plus-address Reply-To when configured', async () => {
    const { transport, captured } = fakeTransport()
    await sendEmailMessage(message(), { transport, settings: { ...settings, replyToToken: true } })
    expect(captured[0]?.replyTo).toBe('12345+cv_mabc123def4567890@city.gov.cn')
  })

  it('attaches files read through loadMedia, in order, naming them from the message, the media, or the type', async () => {
    const { transport, captured } = fakeTransport()
    const { loadMedia, requested } = fakeMedia({
      '/api/media/1': { bytes: new Uint8Array([1, 2, 3]), mimeType: 'application/pdf', name: 'stored.pdf' },
      '/api/media/2': { bytes: new Uint8Array([4]), mimeType: 'image/png', name: 'stored.png' },
      '/api/media/3': { bytes: new Uint8Array([5, 6]), mimeType: 'IMAGE/JPEG' },
      '/api/media/4': { bytes: new Uint8Array([7]), mimeType: 'application/x-unknown' },
    })
    await sendEmailMessage(
      message({
        attachments: [
          { url: '/api/media/1', mimeType: 'application/pdf', name: '办事指南.pdf' },
          { url: '/api/media/2', mimeType: 'image/png' },
          { url: '/api/media/3', mimeType: 'image/jpeg' },
          { url: '/api/media/4', mimeType: 'application/x-unknown' },
        ],
      }),
      { transport, settings, loadMedia },
    )
    expect(requested).toEqual(['/api/media/1', '/api/media/2', '/api/media/3', '/api/media/4'])
    expect(captured[0]?.attachments).toEqual([
      { filename: '办事指南.pdf', content: Buffer.from([1, 2, 3]), contentType: 'application/pdf' },
      { filename: 'stored.png', content: Buffer.from([4]), contentType: 'image/png' },
      { filename: 'attachment-3.jpg', content: Buffer.from([5, 6]), contentType: 'IMAGE/JPEG' },
      { filename: 'attachment-4', content: Buffer.from([7]), contentType: 'application/x-unknown' },
    ])
  })

  it('sends an attachment without text', async () => {
    const { transport, captured } = fakeTransport()
    const { loadMedia } = fakeMedia({ '/api/media/1': { bytes: new Uint8Array([1]), mimeType: 'image/png' } })
    const { text: _text, ...withoutText } = message({ type: 'image', attachments: [{ url: '/api/media/1', mimeType: 'image/png' }] })
    await sendEmailMessage(withoutText, { transport, settings, loadMedia })
    expect(captured[0]).toMatchObject({ text: '', attachments: [{ filename: 'attachment-1.png' }] })
  })

  it('refuses a template (templates_unsupported) before reading any file or calling the relay', async () => {
    const { transport, captured } = fakeTransport()
    const { loadMedia, requested } = fakeMedia({})
    const error = await sendError(
      sendEmailMessage(message({ template: { id: 't1', data: {} }, attachments: [{ url: '/api/media/1', mimeType: 'image/png' }] }), {
        transport,
        settings,
        loadMedia,
      }),
    )
    expect({ code: error.code, isRetryable: error.isRetryable }).toEqual({ code: 'templates_unsupported', isRetryable: false })
    expect(requested).toEqual([])
    expect(captured).toEqual([])
  })

  it.each([
    ['no text', undefined],
    ['an empty text', ''],
    ['white space only', ' \n\t '],
  ])('refuses a message with %s and no attachment (empty_message)', async (_label, text) => {
    const { transport, captured } = fakeTransport()
    const error = await sendError(sendEmailMessage({ ...message(), text }, { transport, settings }))
    expect({ code: error.code, isRetryable: error.isRetryable }).toEqual({ code: 'empty_message', isRetryable: false })
    expect(captured).toEqual([])
  })

  it('refuses a file that is no longer stored (attachment_missing), sending nothing', async () => {
    const { transport, captured } = fakeTransport()
    const { loadMedia } = fakeMedia({ '/api/media/1': { bytes: new Uint8Array([1]), mimeType: 'image/png' } })
    const error = await sendError(
      sendEmailMessage(
        message({
          attachments: [
            { url: '/api/media/1', mimeType: 'image/png' },
            { url: '/api/media/gone', mimeType: 'image/png' },
          ],
        }),
        { transport, settings, loadMedia },
      ),
    )
    expect({ code: error.code, isRetryable: error.isRetryable }).toEqual({ code: 'attachment_missing', isRetryable: false })
    expect(error.message).toContain('/api/media/gone')
    expect(captured).toEqual([])
  })

  it('refuses attachments when the hub gives no loadMedia (attachments_unavailable)', async () => {
    const { transport, captured } = fakeTransport()
    const error = await sendError(sendEmailMessage(message({ attachments: [{ url: '/api/media/1', mimeType: 'image/png' }] }), { transport, settings }))
    expect({ code: error.code, isRetryable: error.isRetryable }).toEqual({ code: 'attachments_unavailable', isRetryable: false })
    expect(captured).toEqual([])
  })

  it.each([
    [{ code: 'EENVELOPE', responseCode: 550 }, 'recipient_rejected', false],
    [{ code: 'EENVELOPE', responseCode: 451 }, 'smtp_temporary_failure', true],
    [{ code: 'EAUTH', responseCode: 535 }, 'smtp_auth_failed', false],
    [{ code: 'ECONNECTION' }, 'smtp_unavailable', true],
  ])('maps a relay failure %j to %s', async (fields, code, isRetryable) => {
    const { transport } = fakeTransport(Object.assign(new Error('relay error'), fields))
    const error = await sendError(sendEmailMessage(message(), { transport, settings }))
    expect({ code: error.code, isRetryable: error.isRetryable }).toEqual({ code, isRetryable })
  })
})

describe('sendEmailMessage through nodemailer (stream transport: rendered, never sent)', () => {
  it('the options become the headers a mail client threads on', async () => {
    const rendered: string[] = []
    const streaming = createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
    const transport: EmailTransport = {
      async sendMail(options) {
        const info = await streaming.sendMail(options)
        rendered.push(String(info.message))
        return info
      },
    }
    const { loadMedia } = fakeMedia({ '/api/media/1': { bytes: new Uint8Array(Buffer.from('%PDF-1.4')), mimeType: 'application/pdf' } })
    await sendEmailMessage(message({ replyTo: reply, attachments: [{ url: '/api/media/1', mimeType: 'application/pdf', name: 'guide.pdf' }] }), {
      transport,
      settings,
      loadMedia,
    })
    const [raw = ''] = rendered
    const headers = raw.slice(0, raw.indexOf('\n\n')).replace(/\n[ \t]+/g, ' ')
    expect(headers).toMatch(/^From: =\?UTF-8\?[BQ]\?.+\?= <12345@city\.gov\.cn>$/m)
    expect(headers).toMatch(/^To: zhangsan@example\.cn$/m)
    expect(headers).toMatch(/^Message-ID: <msg_out_Ab12-Cd34_ef@city\.gov\.cn>$/m)
    expect(headers).toMatch(/^In-Reply-To: <202606011502000001@example\.cn>$/m)
    expect(headers).toMatch(/^References: <202606010912010531234@example\.cn> <msg_out_Zz99@city\.gov\.cn> <202606011502000001@example\.cn>$/m)
    expect(headers).toMatch(/^X-Auto-Response-Suppress: OOF, AutoReply$/m)
    expect(headers).toMatch(/^Content-Type: multipart\/mixed;/m)
    expect(raw).toContain('Content-Type: text/plain; charset=utf-8')
    expect(raw).toContain('Content-Type: text/html; charset=utf-8')
    expect(raw).toMatch(/Content-Disposition: attachment; filename=guide\.pdf/)
  })
})
