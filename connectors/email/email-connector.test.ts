import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { SendMailOptions } from 'nodemailer'
import { describe, expect, it } from 'vitest'
import { type ConnectorDependencies, ConnectorSendError, type InboundRequest, type OutboundMessage } from '../spec.js'
import { createEmailAttachmentStore } from './attachment-store.js'
import { type EmailConfig, emailConfigSchema } from './email-config.js'
import { createEmailConnectorWith, EMAIL_MAX_TEXT_LENGTH } from './email-connector.js'
import { EMAIL_LISTEN_METHOD, EMAIL_LISTEN_URL, emailListenRequest } from './email-snapshot.js'
import { emailConnector } from './index.js'
import { createMemoryCache } from './memory-cache.js'
import { parseEmail } from './parse-email.js'
import type { EmailTransport } from './send-email-message.js'

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}.eml`, import.meta.url))
const NOW = new Date('2026-06-01T02:00:00.000Z')

function config(patch: Record<string, unknown> = {}): EmailConfig {
  return emailConfigSchema.parse({
    type: 'email',
    addresses: ['12345@city.gov.cn'],
    displayName: '12345热线',
    inbound: { smtp: {} },
    outbound: { host: 'smtp.city.gov.cn' },
    ...patch,
  })
}

function setup(options: { config?: EmailConfig; dependencies?: Partial<ConnectorDependencies>; fail?: unknown } = {}) {
  const captured: SendMailOptions[] = []
  const transport: EmailTransport = {
    async sendMail(mail) {
      captured.push(mail)
      if (options.fail !== undefined) throw options.fail
    },
  }
  const connector = createEmailConnectorWith({
    channelId: 'email-main',
    config: options.config ?? config(),
    dependencies: { fetch, now: () => NOW, generateId: () => 'id', ...options.dependencies },
    environment: {},
    transport,
  })
  return { connector, captured }
}

async function listenRequest(name: string, allowRemoteImages = false): Promise<InboundRequest> {
  const { snapshot } = await parseEmail(fixture(name), {
    source: 'smtp',
    allowRemoteImages,
    envelope: { mailFrom: 'x@example.cn', rcptTo: ['12345@city.gov.cn'] },
  })
  return emailListenRequest(snapshot, NOW)
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

describe('email connector: definition and construction', () => {
  it('is registered under type "email" and wants reply context', () => {
    expect(emailConnector.type).toBe('email')
    expect(emailConnector.configSchema.shape.type.value).toBe('email')
    const { connector } = setup()
    expect(connector).toMatchObject({ type: 'email', channelId: 'email-main', specificationVersion: 'v1' })
    expect(connector.capabilities).toEqual({
      messageTypes: ['text', 'image', 'file', 'audio', 'video'],
      typingIndicator: false,
      deliveryReceipts: true,
      readReceipts: false,
      replyWindowHours: null,
      maxTextLength: EMAIL_MAX_TEXT_LENGTH,
      replyContext: true,
    })
    expect(connector.status()).toEqual({ state: 'offline' })
    expect(connector.smtpPort()).toBeUndefined()
  })

  it('repeats the cross-field check the hub’s .shape drops', () => {
    const build = () =>
      createEmailConnectorWith({
        channelId: 'email-main',
        config: { ...config(), inbound: {} },
        dependencies: { fetch, now: () => NOW, generateId: () => 'id' },
        environment: {},
      })
    expect(build).toThrow('Channel "email-main": inbound: configure inbound.smtp (a listener), inbound.imap (a mailbox poller) or both.')
  })

  it('reads secrets from the environment variables the config names', () => {
    const withLogin = config({ outbound: { host: 'h', user: '12345', passwordEnv: 'HOTLINE_SMTP_PASSWORD' } })
    const build = (environment: Record<string, string>) => () =>
      createEmailConnectorWith({ channelId: 'email-main', config: withLogin, dependencies: { fetch, now: () => NOW, generateId: () => 'id' }, environment })
    expect(build({ EMAIL_SMTP_PASSWORD: 'wrong variable' })).toThrow(/HOTLINE_SMTP_PASSWORD/)
    expect(build({ HOTLINE_SMTP_PASSWORD: 'secret' })).not.toThrow()
  })

  it('refuses an SMTP_PORT that is not a port', () => {
    expect(() =>
      createEmailConnectorWith({
        channelId: 'email-main',
        config: config(),
        dependencies: { fetch, now: () => NOW, generateId: () => 'id' },
        environment: { SMTP_PORT: 'twenty-five' },
      }),
    ).toThrow('SMTP_PORT must be a port number, not "twenty-five"')
  })
})

describe('email connector: verify', () => {
  it('refuses every webhook: mail arrives through the listener', async () => {
    const { connector } = setup()
    const refusal = {
      ok: false,
      status: 400,
      code: 'webhook_not_supported',
      message: 'Email channels have no webhook: mail arrives through the SMTP listener or the IMAP poller.',
    }
    expect(connector.verify({ method: 'POST', url: '/webhooks/email', headers: {}, body: '{}', receivedAt: NOW })).toEqual(refusal)
    expect(connector.verify(await listenRequest('foxmail-gbk'))).toEqual(refusal)
  })
})

describe('email connector: parseInbound over listener requests', () => {
  it('a citizen’s mail → its message', async () => {
    const { connector } = setup()
    expect(connector.parseInbound(await listenRequest('foxmail-gbk'))).toEqual([
      {
        kind: 'message',
        externalId: '<202606010912010531234@example.cn>',
        sender: { externalId: 'zhangsan@example.cn', email: 'zhangsan@example.cn', displayName: '张三' },
        type: 'text',
        text: '您好：\n我的社保卡丢失了，请问在哪里补办？需要带什么材料？\n谢谢！\n\n张三',
        sentAt: new Date('2026-06-01T01:12:01.000Z'),
        metadata: { source: 'smtp', subject: '关于社保卡补办的咨询', messageId: '<202606010912010531234@example.cn>', to: '12345@city.gov.cn' },
        thread: { references: [], unmatched: 'new', resolved: 'reopen' },
      },
    ])
  })

  it('applies the channel’s threading settings', async () => {
    const { connector } = setup({ config: config({ threading: { unmatched: 'active', afterResolved: 'new' } }) })
    expect(connector.parseInbound(await listenRequest('reply-single-reference'))).toMatchObject([
      {
        thread: {
          references: ['<msg_out_Ab12-Cd34_ef@city.gov.cn>', '<msg_out_Ab12-Cd34_ef@City.Gov.CN>'],
          token: 'cv_mabc123def4567890',
          unmatched: 'active',
          resolved: 'new',
        },
      },
    ])
  })

  it('a bounce of a sent mail → a failed status; automatic mail → nothing', async () => {
    const { connector } = setup()
    expect(connector.parseInbound(await listenRequest('bounce-dsn'))).toMatchObject([
      {
        kind: 'status',
        externalId: '<msg_out_Ab12-Cd34_ef@city.gov.cn>',
        status: 'failed',
        reason: '550 5.1.1 <nobody@example.cn>: Recipient address rejected: User unknown',
      },
    ])
    expect(connector.parseInbound(await listenRequest('auto-reply'))).toEqual([])
    expect(connector.parseInbound(await listenRequest('newsletter'))).toEqual([])
  })

  it('a bounce is only a receipt for the channel that owns the domain', async () => {
    const { connector } = setup({ config: config({ addresses: ['hotline@other.gov.cn'] }) })
    expect(connector.parseInbound(await listenRequest('bounce-dsn'))).toEqual([])
  })

  it.each([
    ['a webhook-shaped request', (request: InboundRequest) => ({ ...request, method: 'POST' })],
    ['another url', (request: InboundRequest) => ({ ...request, url: '/listen/sms' })],
    ['a body that is not JSON', (request: InboundRequest) => ({ ...request, body: '<xml/>' })],
    ['a snapshot of a future version', (request: InboundRequest) => ({ ...request, body: JSON.stringify({ ...JSON.parse(request.body), version: 2 }) })],
    ['a snapshot missing fields', (request: InboundRequest) => ({ ...request, body: JSON.stringify({ version: 1, source: 'smtp' }) })],
  ])('ignores %s', async (_label, change) => {
    const { connector } = setup()
    const request = await listenRequest('foxmail-gbk')
    expect(request).toMatchObject({ method: EMAIL_LISTEN_METHOD, url: EMAIL_LISTEN_URL })
    expect(connector.parseInbound(change(request))).toEqual([])
  })
})

describe('email connector: send', () => {
  it('sends a threaded reply from the channel address with its display name', async () => {
    const { connector, captured } = setup()
    const result = await connector.send(
      message({
        replyTo: { externalId: '<202606011502000001@example.cn>', references: ['<msg_out_Zz99@city.gov.cn>'], subject: 'Re: Re: 关于社保卡补办的咨询' },
      }),
    )
    expect(result).toEqual({ externalId: '<msg_out_Ab12-Cd34_ef@city.gov.cn>', status: 'sent' })
    expect(captured).toHaveLength(1)
    expect(captured[0]).toMatchObject({
      from: { address: '12345@city.gov.cn', name: '12345热线' },
      to: 'zhangsan@example.cn',
      subject: 'Re: 关于社保卡补办的咨询 [#cv_mabc123def4567890]',
      messageId: '<msg_out_Ab12-Cd34_ef@city.gov.cn>',
      inReplyTo: '<202606011502000001@example.cn>',
      references: ['<msg_out_Zz99@city.gov.cn>', '<202606011502000001@example.cn>'],
      headers: { 'X-Auto-Response-Suppress': 'OOF, AutoReply' },
    })
    expect(captured[0]).not.toHaveProperty('replyTo')
  })

  it('the id send returns is the id a bounce of that mail reports (bounce-dsn.eml)', async () => {
    const { connector } = setup()
    const sent = await connector.send(message())
    const [bounce] = connector.parseInbound(await listenRequest('bounce-dsn'))
    expect(bounce).toMatchObject({ kind: 'status', externalId: sent.externalId })
  })

  it('uses outbound.from, defaultSubject and a plus-address Reply-To when configured', async () => {
    const { connector, captured } = setup({
      config: config({
        addresses: ['12345@city.gov.cn', 'hotline@city.gov.cn'],
        outbound: { host: 'h', from: 'Hotline@City.gov.cn', defaultSubject: '市民热线回复' },
        threading: { replyToToken: true, subjectToken: false },
      }),
    })
    await connector.send(message())
    expect(captured[0]).toMatchObject({
      from: { address: 'hotline@city.gov.cn', name: '12345热线' },
      replyTo: 'hotline+cv_mabc123def4567890@city.gov.cn',
      subject: '市民热线回复',
      messageId: '<msg_out_Ab12-Cd34_ef@city.gov.cn>',
    })
  })

  it('falls back to the display name, then "Your message", for the subject of a first message', async () => {
    const named = setup()
    await named.connector.send(message())
    expect(named.captured[0]?.subject).toBe('12345热线 [#cv_mabc123def4567890]')
    const { displayName: _displayName, ...unnamed } = config()
    const bare = setup({ config: unnamed })
    await bare.connector.send(message())
    expect(bare.captured[0]?.subject).toBe('Your message [#cv_mabc123def4567890]')
    expect(bare.captured[0]?.from).toEqual({ address: '12345@city.gov.cn', name: '' })
  })

  it('reads attachments through the hub’s loadMedia', async () => {
    const requested: string[] = []
    const { connector, captured } = setup({
      dependencies: {
        loadMedia: async (url) => {
          requested.push(url)
          return url === '/api/media/f1' ? { bytes: new Uint8Array([37, 80, 68, 70]), mimeType: 'application/pdf', name: 'guide.pdf' } : null
        },
      },
    })
    await connector.send(message({ attachments: [{ url: '/api/media/f1', mimeType: 'application/pdf' }] }))
    expect(requested).toEqual(['/api/media/f1'])
    expect(captured[0]?.attachments).toEqual([{ filename: 'guide.pdf', content: Buffer.from('%PDF'), contentType: 'application/pdf' }])
    const error = await connector.send(message({ attachments: [{ url: '/api/media/gone', mimeType: 'image/png' }] })).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(ConnectorSendError)
    expect(error).toMatchObject({ code: 'attachment_missing', isRetryable: false })
  })

  it.each([
    ['a template', message({ template: { id: 'tpl', data: {} } }), 'templates_unsupported'],
    ['an empty message', message({ text: '   ' }), 'empty_message'],
    ['an attachment without loadMedia', message({ attachments: [{ url: '/api/media/f1', mimeType: 'image/png' }] }), 'attachments_unavailable'],
  ])('refuses %s without calling the relay', async (_label, outbound, code) => {
    const { connector, captured } = setup()
    await expect(connector.send(outbound)).rejects.toMatchObject({ name: 'ConnectorSendError', code, isRetryable: false })
    expect(captured).toEqual([])
  })

  it('maps relay failures', async () => {
    const { connector } = setup({ fail: Object.assign(new Error('451 4.7.1 greylisted'), { code: 'EENVELOPE', responseCode: 451 }) })
    await expect(connector.send(message())).rejects.toMatchObject({ code: 'smtp_temporary_failure', statusCode: 451, isRetryable: true })
  })
})

describe('email connector: fetchMedia', () => {
  it('reads a staged attachment back, returns null for other urls, and throws for one that expired', async () => {
    const cache = createMemoryCache(() => NOW)
    const { connector } = setup({ dependencies: { sharedCache: cache } })
    const bytes = new Uint8Array(Buffer.from('%PDF-1.4'))
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    await createEmailAttachmentStore({ channelId: 'email-main', cache, ttlSeconds: 60 }).stage({ sha256, bytes, mimeType: 'application/pdf' })
    expect(await connector.fetchMedia(`email-attachment:${sha256}`)).toEqual({ bytes, mimeType: 'application/pdf' })
    expect(await connector.fetchMedia('wechat-media:abc')).toBeNull()
    expect(await connector.fetchMedia('email-attachment:not-a-sha')).toBeNull()
    await expect(connector.fetchMedia(`email-attachment:${'0'.repeat(64)}`)).rejects.toThrow(/no longer staged/)
  })
})
