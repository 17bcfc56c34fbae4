import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { ConnectorSendError, type OutboundMessage } from '../spec.js'
import { createFakeFetch, type FakeHandler, jsonResponse, twilioErrorResponse } from '../twilio/__fixtures__/fake-fetch.js'
import { type FormParams, signedTwilioRequest, twilioSignature } from '../twilio/__fixtures__/twilio-signing.js'
import { smsConnector } from './index.js'
import { type SmsConfig, smsConfigSchema } from './sms-config.js'
import { createSmsConnectorWith } from './sms-connector.js'

const ACCOUNT_SID = `AC${'c0ffee00'.repeat(4)}`
const AUTH_TOKEN = 'sms-test-auth-token-0123456789'
const PUBLIC = 'https://hotline.example.gov.cn'
const FAKE_API = 'http://127.0.0.1:4010/fake-twilio'
const INBOUND_URL = `${PUBLIC}/webhooks/twilio/sms-main/sms`
const STATUS_URL = `${PUBLIC}/webhooks/twilio/sms-main/status`
const MESSAGE_SID = `SM${'d'.repeat(32)}`

function config(patch: Record<string, unknown> = {}): SmsConfig {
  return smsConfigSchema.parse({ type: 'sms', accountSid: ACCOUNT_SID, from: '+14155550100', publicBaseUrl: PUBLIC, apiBaseUrl: FAKE_API, ...patch })
}

function setup(options: { config?: SmsConfig; handler?: FakeHandler } = {}) {
  const fake = createFakeFetch(options.handler ?? (() => jsonResponse({ sid: MESSAGE_SID, status: 'queued' }, 201)))
  const connector = createSmsConnectorWith({
    channelId: 'sms-main',
    config: options.config ?? config(),
    dependencies: { fetch: fake.fetch, now: () => new Date('2025-03-03T02:00:00Z'), generateId: () => 'id' },
    environment: { TWILIO_AUTH_TOKEN: AUTH_TOKEN },
  })
  return { connector, requests: fake.requests }
}

const inbound = (params: FormParams) =>
  signedTwilioRequest({
    authToken: AUTH_TOKEN,
    publicUrl: INBOUND_URL,
    params: { AccountSid: ACCOUNT_SID, MessageSid: MESSAGE_SID, SmsStatus: 'received', From: '+8613800000000', To: '+14155550100', NumMedia: '0', ...params },
  })

const xml = new XMLParser({ ignoreAttributes: false })
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'

function message(patch: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    messageId: 'msg_1',
    conversationId: 'conv_1',
    recipient: { externalId: '+8613800000000' },
    type: 'text',
    text: '您的诉求已受理，编号 2025-000123。',
    ...patch,
  }
}

describe('sms connector: definition and construction', () => {
  it('is registered under type "sms" with its schema', () => {
    expect(smsConnector.type).toBe('sms')
    expect(smsConnector.configSchema.shape.type.value).toBe('sms')
  })

  it('reads the auth token from the environment variable the config names', () => {
    const build = (environment: Record<string, string | undefined>) => () =>
      createSmsConnectorWith({
        channelId: 'sms-main',
        config: config({ authTokenEnv: 'HOTLINE_TWILIO_TOKEN' }),
        dependencies: { fetch, now: () => new Date(), generateId: () => 'x' },
        environment,
      })
    expect(build({ TWILIO_AUTH_TOKEN: 'wrong variable' })).toThrow(/HOTLINE_TWILIO_TOKEN/)
    expect(build({ HOTLINE_TWILIO_TOKEN: 't' })).not.toThrow()
  })

  it('repeats the cross-field check the hub’s .shape drops', () => {
    const both = { ...config(), messagingServiceSid: `MG${'1'.repeat(32)}` }
    expect(() =>
      createSmsConnectorWith({
        channelId: 'c',
        config: both,
        dependencies: { fetch, now: () => new Date(), generateId: () => 'x' },
        environment: { TWILIO_AUTH_TOKEN: 't' },
      }),
    ).toThrow(/exactly one of from/)
  })

  it('declares text-only with delivery receipts, or media types when MMS is on', () => {
    expect(setup().connector.capabilities).toEqual({
      messageTypes: ['text'],
      typingIndicator: false,
      deliveryReceipts: true,
      readReceipts: false,
      replyWindowHours: null,
      maxTextLength: 1600,
    })
    expect(setup({ config: config({ mms: true }) }).connector.capabilities.messageTypes).toEqual(['text', 'image', 'audio', 'video', 'file'])
  })

  it('tells the admin which URLs to configure', () => {
    const { connector } = setup()
    expect(connector.inboundWebhookUrl).toBe(INBOUND_URL)
    expect(connector.statusCallbackUrl).toBe(STATUS_URL)
  })
})

describe('sms connector: verify', () => {
  it('accepts a signed inbound SMS and answers empty TwiML as text/xml, without calling Twilio', () => {
    const { connector, requests } = setup()
    expect(connector.verify(inbound({ Body: '路灯坏了' }))).toEqual({
      ok: true,
      response: { status: 200, contentType: 'text/xml; charset=utf-8', body: EMPTY_TWIML },
    })
    expect(requests).toHaveLength(0)
  })

  it.each([
    ['HELP', 'en', '12345 Hotline: reply to this number'],
    ['帮助', 'zh-CN', '【12345热线】您好'],
    ['退订', 'zh-CN', '您已退订'],
    ['STOP', 'en', 'you are unsubscribed'],
    ['订阅', 'zh-CN', '您已恢复接收'],
  ])('answers %s with the configured reply in %s', (body, _language, expected) => {
    const verdict = setup().connector.verify(inbound({ Body: body }))
    expect(verdict.ok).toBe(true)
    const response = verdict.ok ? verdict.response : undefined
    expect(response?.contentType).toBe('text/xml; charset=utf-8')
    expect(String(xml.parse(response?.body ?? '').Response.Message)).toContain(expected)
  })

  it('answers nothing to a keyword whose reply is turned off (null)', () => {
    const { connector } = setup({ config: config({ replies: { stop: null } }) })
    expect(connector.verify(inbound({ Body: 'STOP' }))).toMatchObject({ ok: true, response: { body: EMPTY_TWIML } })
    expect(connector.verify(inbound({ Body: 'HELP' }))).toMatchObject({ ok: true, response: { body: expect.stringContaining('<Message>') } })
  })

  it('refuses a bad or missing signature with 403 (no side effects)', () => {
    const { connector, requests } = setup()
    const request = inbound({ Body: 'hi' })
    expect(connector.verify({ ...request, headers: { 'x-twilio-signature': 'AAAA' } })).toMatchObject({ ok: false, status: 403, code: 'signature_mismatch' })
    expect(connector.verify({ ...request, headers: {} })).toMatchObject({ ok: false, status: 403, code: 'signature_missing' })
    expect(requests).toHaveLength(0)
  })

  it('refuses a request signed with another auth token', () => {
    const request = inbound({ Body: 'hi' })
    const params = Object.fromEntries(new URLSearchParams(request.body))
    const forged = { ...request, headers: { 'x-twilio-signature': twilioSignature('another-token', INBOUND_URL, params) } }
    expect(setup().connector.verify(forged)).toMatchObject({ ok: false, status: 403 })
  })

  it('accepts a signed status callback and answers empty TwiML', () => {
    const request = signedTwilioRequest({
      authToken: AUTH_TOKEN,
      publicUrl: STATUS_URL,
      params: { AccountSid: ACCOUNT_SID, MessageSid: MESSAGE_SID, MessageStatus: 'delivered', SmsSid: MESSAGE_SID, SmsStatus: 'delivered' },
    })
    expect(setup().connector.verify(request)).toEqual({ ok: true, response: expect.objectContaining({ body: EMPTY_TWIML }) })
  })

  it('refuses voice routes, and webhooks without MessageSid or From', () => {
    const { connector } = setup()
    const voice = signedTwilioRequest({
      authToken: AUTH_TOKEN,
      publicUrl: `${PUBLIC}/webhooks/twilio/sms-main/voice`,
      params: { AccountSid: ACCOUNT_SID, CallSid: 'CA1' },
    })
    expect(connector.verify(voice)).toMatchObject({ ok: false, status: 400, code: 'unknown_route' })
    expect(connector.verify(inbound({ MessageSid: '' }))).toMatchObject({ ok: false, status: 400, code: 'message_sid_missing' })
    expect(connector.verify(inbound({ From: '' }))).toMatchObject({ ok: false, status: 400, code: 'from_missing' })
  })
})

describe('sms connector: parseInbound', () => {
  it('maps an inbound SMS; STOP adds the opt-out signal', () => {
    const events = setup().connector.parseInbound(inbound({ Body: 'STOP' }))
    expect(events.map((event) => event.kind)).toEqual(['message', 'signal'])
    expect(events[1]).toMatchObject({ signal: 'unsubscribed', sender: { externalId: '+8613800000000' } })
  })

  it('maps a status callback to a status update', () => {
    const request = signedTwilioRequest({
      authToken: AUTH_TOKEN,
      publicUrl: STATUS_URL,
      params: { AccountSid: ACCOUNT_SID, MessageSid: MESSAGE_SID, MessageStatus: 'undelivered', ErrorCode: '30005' },
    })
    expect(setup().connector.parseInbound(request)).toEqual([{ kind: 'status', externalId: MESSAGE_SID, status: 'failed', reason: 'undelivered:30005' }])
  })

  it('ignores a queued request for another account', () => {
    expect(setup().connector.parseInbound(inbound({ Body: 'x', AccountSid: `AC${'0'.repeat(32)}` }))).toEqual([])
  })
})

describe('sms connector: send', () => {
  it('sends through the twilio SDK: one form POST to the fake, with the statusCallback', async () => {
    const { connector, requests } = setup()
    const result = await connector.send(message())
    expect(result).toEqual({ externalId: MESSAGE_SID, status: 'queued' })
    expect(requests).toHaveLength(1)
    const [request] = requests
    expect(request?.method).toBe('POST')
    expect(request?.url.toString()).toBe(`${FAKE_API}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`)
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`)
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(request?.body).toBe(
      new URLSearchParams({ To: '+8613800000000', StatusCallback: STATUS_URL, From: '+14155550100', Body: '您的诉求已受理，编号 2025-000123。' }).toString(),
    )
  })

  it('sends from the messaging service when one is configured', async () => {
    const { from: _from, ...rest } = config()
    const { connector, requests } = setup({ config: { ...rest, messagingServiceSid: `MG${'e'.repeat(32)}` } })
    await connector.send(message())
    const form = new URLSearchParams(requests[0]?.body)
    expect(form.get('MessagingServiceSid')).toBe(`MG${'e'.repeat(32)}`)
    expect(form.has('From')).toBe(false)
  })

  it('maps Twilio’s returned status (accepted with a messaging service) to queued', async () => {
    const { connector } = setup({ handler: () => jsonResponse({ sid: MESSAGE_SID, status: 'accepted' }, 201) })
    expect(await connector.send(message())).toMatchObject({ status: 'queued' })
  })

  it.each([
    [400, 21610, 'recipient_opted_out', false],
    [400, 21211, 'invalid_recipient', false],
    [400, 21614, 'not_a_mobile_number', false],
    [400, 21408, 'region_not_enabled', false],
    [401, 20003, 'credentials_invalid', false],
    [429, 20429, 'rate_limited', true],
    [500, 20500, 'twilio_20500', true],
    [503, 20503, 'twilio_20503', true],
  ])('maps HTTP %i / Twilio %i to %s (retryable: %s)', async (status, code, expected, retryable) => {
    const { connector } = setup({ handler: () => twilioErrorResponse(status, code, 'error from the fake') })
    const failure = await connector.send(message()).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ConnectorSendError)
    expect(failure).toMatchObject({ code: expected, statusCode: status, isRetryable: retryable })
  })

  it('retries a network failure and a bare 502 from a proxy', async () => {
    const offline = setup({
      handler: () => {
        throw new TypeError('fetch failed')
      },
    })
    await expect(offline.connector.send(message())).rejects.toMatchObject({ code: 'network_error', isRetryable: true })
    const proxy = setup({ handler: () => new Response('<html>Bad Gateway</html>', { status: 502 }) })
    await expect(proxy.connector.send(message())).rejects.toMatchObject({ code: 'http_502', isRetryable: true })
  })

  it('does not retry a 2xx answer it cannot read (the text may have gone out)', async () => {
    const { connector } = setup({ handler: () => new Response('<html>ok</html>', { status: 200 }) })
    await expect(connector.send(message())).rejects.toMatchObject({ code: 'invalid_response', isRetryable: false })
  })

  it('refuses before calling Twilio: empty text, a non-E.164 recipient, a template, too many segments', async () => {
    const { connector, requests } = setup({ config: config({ maxSegments: 2 }) })
    await expect(connector.send(message({ text: '  ' }))).rejects.toMatchObject({ code: 'empty_message', isRetryable: false })
    await expect(connector.send(message({ recipient: { externalId: 'oWechatOpenId' } }))).rejects.toMatchObject({ code: 'invalid_recipient' })
    await expect(connector.send({ ...message(), template: { id: 't', data: {} } } as OutboundMessage)).rejects.toMatchObject({ code: 'templates_unsupported' })
    await expect(connector.send(message({ text: '热'.repeat(135) }))).rejects.toMatchObject({ code: 'text_too_long', isRetryable: false })
    expect(requests).toHaveLength(0)
    await connector.send(message({ text: '热'.repeat(134) }))
    expect(requests).toHaveLength(1)
  })

  it('without MMS: refuses media messages and sends the text of a text message without its attachments', async () => {
    const { connector, requests } = setup()
    const photo = { url: 'https://files.example/a.jpg', mimeType: 'image/jpeg' }
    await expect(connector.send(message({ type: 'image', attachments: [photo] }))).rejects.toMatchObject({ code: 'unsupported_message_type' })
    const result = await connector.send(message({ attachments: [photo] }))
    expect(result.warnings).toEqual([{ type: 'unsupported', feature: 'attachments', details: expect.any(String) }])
    expect(new URLSearchParams(requests[0]?.body).has('MediaUrl')).toBe(false)
  })

  it('with MMS: sends attachments as MediaUrl; hub-stored files go by the public link the hub gives', async () => {
    const fake = createFakeFetch(() => jsonResponse({ sid: MESSAGE_SID, status: 'queued' }, 201))
    const publicMediaUrl = async (url: string) => `${PUBLIC}/public-media${url}?sig=abc`
    const connector = createSmsConnectorWith({
      channelId: 'sms-main',
      config: config({ mms: true }),
      dependencies: { fetch: fake.fetch, now: () => new Date(), generateId: () => 'id' },
      environment: { TWILIO_AUTH_TOKEN: AUTH_TOKEN },
      publicMediaUrl,
    })
    await connector.send(
      message({
        type: 'image',
        text: '现场照片',
        attachments: [
          { url: '/api/media/att_1', mimeType: 'image/jpeg' },
          { url: 'https://cdn.example/b.png', mimeType: 'image/png' },
        ],
      }),
    )
    const form = new URLSearchParams(fake.requests[0]?.body)
    expect(form.getAll('MediaUrl')).toEqual([`${PUBLIC}/public-media/api/media/att_1?sig=abc`, 'https://cdn.example/b.png'])
    expect(form.get('Body')).toBe('现场照片')
    await expect(connector.send(message({ type: 'image', attachments: [] }))).rejects.toMatchObject({ code: 'attachment_missing' })
  })

  it('with MMS but no public links: refuses hub-stored files instead of sending a URL Twilio cannot open', async () => {
    const { connector, requests } = setup({ config: config({ mms: true }) })
    await expect(connector.send(message({ type: 'image', attachments: [{ url: '/api/media/att_1', mimeType: 'image/jpeg' }] }))).rejects.toMatchObject({
      code: 'attachment_not_public',
      isRetryable: false,
    })
    await expect(connector.send(message({ type: 'image', attachments: [{ url: 'ftp://x/y.jpg', mimeType: 'image/jpeg' }] }))).rejects.toMatchObject({
      code: 'attachment_unreachable',
    })
    expect(requests).toHaveLength(0)
  })

  it('refuses locations and events', async () => {
    const { connector } = setup()
    await expect(connector.send(message({ type: 'location' }))).rejects.toMatchObject({ code: 'unsupported_message_type' })
    await expect(connector.send(message({ type: 'event' }))).rejects.toMatchObject({ code: 'unsupported_message_type' })
  })
})

describe('sms connector: helpers', () => {
  it('counts segments for the composer', () => {
    expect(setup().connector.countSegments('热'.repeat(71))).toMatchObject({ encoding: 'UCS-2', segments: 2 })
  })

  it('fetches MMS media for the media job with the account credentials, and leaves other urls alone', async () => {
    const { connector, requests } = setup({ handler: () => new Response(new Uint8Array([7]), { headers: { 'content-type': 'image/png' } }) })
    const media = await connector.fetchMedia(`twilio-media:https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM1/Media/ME1`)
    expect(media).toEqual({ bytes: new Uint8Array([7]), mimeType: 'image/png' })
    expect(requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`)
    expect(await connector.fetchMedia('wechat-media:abc')).toBeNull()
    expect(requests).toHaveLength(1)
  })

  it('lets a failed download throw, so the media job retries', async () => {
    const { connector } = setup({ handler: () => new Response('', { status: 503 }) })
    await expect(connector.fetchMedia(`twilio-media:https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM1/Media/ME1`)).rejects.toMatchObject({
      code: 'http_503',
    })
  })
})
