import { describe, expect, it } from 'vitest'
import { ConnectorSendError, type InboundRequest, type OutboundMessage, type SharedCache } from '../spec.js'
import { createFakeFetch, type FakeHandler, jsonResponse, type RecordedRequest } from './__fixtures__/fake-fetch.js'
import { V1, V2, V3, V6 } from './__fixtures__/published-vectors.js'
import { wechatConnector } from './index.js'
import { parseWechatXml } from './parse-wechat-xml.js'
import { isValidMessageSignature, messageSignature, urlSignature } from './signature.js'
import { type WechatConfig, wechatConfigSchema } from './wechat-config.js'
import { createWechatConnectorWith } from './wechat-connector.js'
import { createWechatCipher } from './wechat-crypto.js'

const environment = { WECHAT_APP_SECRET: 'app-secret-from-env' }
const RECEIVED_AT = new Date('2025-03-01T08:00:00Z')

function config(patch: Partial<WechatConfig> & Pick<WechatConfig, 'token' | 'appId' | 'mode'>): WechatConfig {
  return wechatConfigSchema.parse({ type: 'wechat', apiBaseUrl: 'http://127.0.0.1:9/fake', ...patch })
}

function connectorFor(channelConfig: WechatConfig, options: { handler?: FakeHandler; sharedCache?: SharedCache; random?: string } = {}) {
  const fake = createFakeFetch(options.handler ?? (() => new Response('unexpected call', { status: 599 })))
  const connector = createWechatConnectorWith({
    channelId: 'wechat-main',
    config: channelConfig,
    dependencies: { fetch: fake.fetch, now: () => RECEIVED_AT, generateId: () => 'id-1', ...(options.sharedCache ? { sharedCache: options.sharedCache } : {}) },
    environment,
    ...(options.random ? { randomBytes: (size: number) => Buffer.from(options.random ?? '', 'ascii').subarray(0, size) } : {}),
  })
  return { connector, requests: fake.requests }
}

function request(method: string, url: string, body = '', receivedAt = RECEIVED_AT): InboundRequest {
  return { method, url, headers: { 'content-type': 'text/xml' }, body, receivedAt }
}

/** A plaintext-mode push signed the way WeChat signs it. */
function plainPush(token: string, xml: string, timestamp = String(RECEIVED_AT.getTime() / 1000), nonce = '777') {
  return request(
    'POST',
    `/webhooks/wechat-main?signature=${urlSignature({ token, timestamp, nonce })}&timestamp=${timestamp}&nonce=${nonce}&openid=oCitizen`,
    xml,
  )
}

/** An encrypted push, built with the connector's own scheme for cases the vectors do not cover. */
function encryptedPush(
  channel: { token: string; encodingAESKey: string; appId: string },
  xml: string,
  timestamp = String(RECEIVED_AT.getTime() / 1000),
  nonce = '888',
) {
  const encrypt = createWechatCipher(channel).encrypt(xml)
  const signature = urlSignature({ token: channel.token, timestamp, nonce })
  const msgSignature = messageSignature({ token: channel.token, timestamp, nonce, encrypt })
  return request(
    'POST',
    `/webhooks/wechat-main?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&encrypt_type=aes&msg_signature=${msgSignature}`,
    `<xml><ToUserName><![CDATA[gh_test]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
  )
}

const V3_BODY = `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[${V3.encrypt}]]></Encrypt></xml>`
const V3_URL = `/webhooks/wechat-main?signature=${V3.signature}&timestamp=${V3.timestamp}&nonce=${V3.nonce}&encrypt_type=aes&msg_signature=${V3.msgSignature}`
const v3Config = (patch: Partial<WechatConfig> = {}) =>
  config({ token: V3.token, appId: V3.appId, encodingAESKey: V3.encodingAESKey, mode: 'compatible', ...patch })
const plainConfig = (patch: Partial<WechatConfig> = {}) => config({ token: V2.token, appId: V3.appId, mode: 'plaintext', ...patch })
const safeChannel = { token: 'SafeToken1', appId: 'wx1234567890abcdef', encodingAESKey: V3.encodingAESKey }
const subscribeXml = (from = 'oNewFollower') =>
  `<xml><ToUserName><![CDATA[gh_hotline]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>1740816000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>`
const textXml = (content: string, msgId = '6054768590064713729') =>
  `<xml><ToUserName><![CDATA[gh_hotline]]></ToUserName><FromUserName><![CDATA[oCitizen]]></FromUserName><CreateTime>1740816000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`

describe('wechat connector: definition and construction', () => {
  it('is registered under type "wechat" with its schema', () => {
    expect(wechatConnector.type).toBe('wechat')
    expect(wechatConnector.configSchema.shape.type.value).toBe('wechat')
  })

  it('reads the AppSecret from the environment variable the config names', () => {
    const build = (env: Record<string, string | undefined>) => () =>
      createWechatConnectorWith({
        channelId: 'c',
        config: plainConfig({ appSecretEnv: 'HOTLINE_WX_SECRET' }),
        dependencies: { fetch, now: () => RECEIVED_AT, generateId: () => 'x' },
        environment: env,
      })
    expect(build({ WECHAT_APP_SECRET: 'wrong variable' })).toThrow(/HOTLINE_WX_SECRET/)
    expect(build({ HOTLINE_WX_SECRET: 's' })).not.toThrow()
  })

  it('refuses safe mode without a key even when the schema check was bypassed (the hub extends .shape)', () => {
    const unchecked = { ...plainConfig(), mode: 'safe' as const }
    expect(() =>
      createWechatConnectorWith({ channelId: 'c', config: unchecked, dependencies: { fetch, now: () => RECEIVED_AT, generateId: () => 'x' }, environment }),
    ).toThrow(/encodingAESKey/)
  })

  it('declares the 48-hour window and what it can send', () => {
    const { connector } = connectorFor(plainConfig())
    expect(connector.capabilities).toMatchObject({ replyWindowHours: 48, messageTypes: ['text', 'image', 'audio'], typingIndicator: false })
    expect(connector.capabilities.maxTextLength).toBeGreaterThan(600)
  })
})

describe('wechat connector: GET URL verification', () => {
  it('V1: echoes echostr exactly, as plain text', () => {
    const { connector, requests } = connectorFor(config({ token: V1.token, appId: V3.appId, mode: 'plaintext' }))
    expect(connector.verify(request('GET', V1.url))).toEqual({
      ok: true,
      response: { status: 200, contentType: 'text/plain; charset=utf-8', body: V1.echostr },
    })
    expect(requests).toHaveLength(0)
  })

  it('echoes in safe mode too (the 公众号 echostr is never encrypted)', () => {
    const { connector } = connectorFor(config({ token: V1.token, appId: V3.appId, mode: 'safe', encodingAESKey: V3.encodingAESKey }))
    expect(connector.verify(request('GET', V1.url))).toMatchObject({ ok: true, response: { body: V1.echostr } })
  })

  it('refuses a wrong token, a wrong signature and missing parameters', () => {
    const { connector } = connectorFor(config({ token: 'BBBBB', appId: V3.appId, mode: 'plaintext' }))
    expect(connector.verify(request('GET', V1.url))).toMatchObject({ ok: false, status: 403, code: 'signature_mismatch' })
    const { connector: right } = connectorFor(config({ token: V1.token, appId: V3.appId, mode: 'plaintext' }))
    expect(right.verify(request('GET', V1.url.replace('f464b2', 'f464b3')))).toMatchObject({ ok: false, status: 403 })
    expect(right.verify(request('GET', V1.url.replace(/&echostr=\d+/, '')))).toMatchObject({ ok: false, status: 400, code: 'echostr_missing' })
    expect(right.verify(request('GET', V1.url.replace(/signature=\w+&/, '')))).toMatchObject({ ok: false, status: 403, code: 'signature_missing' })
    expect(right.verify(request('GET', V1.url.replace(/&nonce=\d+/, '')))).toMatchObject({ ok: false, status: 403 })
  })

  it('applies the freshness window only when configured', () => {
    const receivedSoonAfter = new Date((Number(V1.timestamp) + 60) * 1000)
    const receivedYearsAfter = new Date('2030-01-01T00:00:00Z')
    const { connector: strict } = connectorFor(config({ token: V1.token, appId: V3.appId, mode: 'plaintext', timestampToleranceSeconds: 300 }))
    expect(strict.verify(request('GET', V1.url, '', receivedSoonAfter))).toMatchObject({ ok: true })
    expect(strict.verify(request('GET', V1.url, '', receivedYearsAfter))).toMatchObject({ ok: false, status: 403, code: 'timestamp_out_of_window' })
    const { connector: lenient } = connectorFor(config({ token: V1.token, appId: V3.appId, mode: 'plaintext' }))
    expect(lenient.verify(request('GET', V1.url, '', receivedYearsAfter))).toMatchObject({ ok: true })
  })

  it('refuses other methods', () => {
    const { connector } = connectorFor(plainConfig())
    expect(connector.verify(request('PUT', V2.url))).toMatchObject({ ok: false, status: 400 })
  })
})

describe('wechat connector: plaintext POST', () => {
  it('V2: accepts the signed push, answers "success" and parses it', () => {
    const { connector, requests } = connectorFor(plainConfig())
    const push = request('POST', V2.url, textXml('路灯坏了'))
    expect(connector.verify(push)).toEqual({ ok: true, response: { status: 200, contentType: 'text/plain; charset=utf-8', body: 'success' } })
    expect(connector.parseInbound(push)).toEqual([
      {
        kind: 'message',
        externalId: '6054768590064713729',
        sender: { externalId: 'oCitizen' },
        sentAt: new Date(1740816000 * 1000),
        type: 'text',
        text: '路灯坏了',
        metadata: { msgType: 'text', toUserName: 'gh_hotline' },
      },
    ])
    expect(requests).toHaveLength(0)
  })

  it('refuses a bad or missing signature with 403', () => {
    const { connector } = connectorFor(plainConfig())
    expect(connector.verify(request('POST', V2.url.replace('899cf8', '899cf9'), textXml('x')))).toMatchObject({
      ok: false,
      status: 403,
      code: 'signature_mismatch',
    })
    expect(connector.verify(request('POST', V2.url.replace(/signature=\w+&/, ''), textXml('x')))).toMatchObject({
      ok: false,
      status: 403,
      code: 'signature_missing',
    })
    expect(connector.parseInbound(request('POST', V2.url.replace('899cf8', '899cf9'), textXml('x')))).toEqual([])
  })

  it('refuses oversize bodies with 413 and malformed or DTD-carrying XML with 400', () => {
    const { connector } = connectorFor(plainConfig({ maxBodyBytes: 2048 }))
    expect(connector.verify(request('POST', V2.url, textXml('长'.repeat(700))))).toMatchObject({ ok: false, status: 413 })
    expect(connector.verify(request('POST', V2.url, '<xml><Content>unclosed</xml>'))).toMatchObject({ ok: false, status: 400, code: 'xml_malformed' })
    expect(connector.verify(request('POST', V2.url, '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Content>&e;</Content></xml>'))).toMatchObject({
      ok: false,
      status: 400,
      code: 'xml_doctype_forbidden',
    })
    expect(connector.verify(request('POST', V2.url, '<xml><Content>no sender</Content></xml>'))).toMatchObject({
      ok: false,
      status: 400,
      code: 'not_a_wechat_push',
    })
  })

  it('is refused in safe mode', () => {
    const { connector } = connectorFor(config({ ...safeChannel, mode: 'safe' }))
    expect(connector.verify(plainPush(safeChannel.token, textXml('x')))).toMatchObject({ ok: false, status: 403, code: 'encryption_required' })
  })

  it('checks freshness at ingress but not again when the queued job is parsed', () => {
    const { connector } = connectorFor(plainConfig({ timestampToleranceSeconds: 300 }))
    const stale = plainPush(V2.token, textXml('x'), String(RECEIVED_AT.getTime() / 1000 - 3600))
    expect(connector.verify(stale)).toMatchObject({ ok: false, status: 403, code: 'timestamp_out_of_window' })
    expect(connector.verify(plainPush(V2.token, textXml('x'), String(RECEIVED_AT.getTime() / 1000 - 200)))).toMatchObject({ ok: true })
    expect(connector.parseInbound(stale)).toHaveLength(1)
  })
})

describe('wechat connector: encrypted POST', () => {
  it('V3: verifies msg_signature, decrypts and keeps the 64-bit MsgId exact', () => {
    const { connector } = connectorFor(v3Config())
    const push = request('POST', V3_URL, V3_BODY)
    expect(connector.verify(push)).toMatchObject({ ok: true, response: { body: 'success' } })
    expect(connector.parseInbound(push)).toEqual([
      {
        kind: 'message',
        externalId: '6054768590064713728',
        sender: { externalId: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs' },
        sentAt: new Date(1409735668 * 1000),
        type: 'text',
        text: 'abcdteT',
        metadata: { msgType: 'text', toUserName: 'gh_10f6c3c3ac5a' },
      },
    ])
  })

  it('V6: the all-"A" key in safe mode (a push without the 3-field signature)', () => {
    const { connector } = connectorFor(config({ token: V6.token, appId: V6.appId, encodingAESKey: V6.encodingAESKey, mode: 'safe' }))
    const push = request('POST', `/webhooks/wechat-main?timestamp=${V6.timestamp}&nonce=${V6.nonce}&encrypt_type=aes&msg_signature=${V6.msgSignature}`, V6.body)
    expect(connector.verify(push)).toMatchObject({ ok: true })
    expect(connector.parseInbound(push)).toEqual([]) // debug_demo is not an event the hub maps
  })

  it('refuses a tampered Encrypt, a wrong msg_signature and a wrong 3-field signature', () => {
    const { connector } = connectorFor(v3Config())
    const tampered = V3_BODY.replace(V3.encrypt, `${V3.encrypt.slice(0, 10)}B${V3.encrypt.slice(11)}`)
    expect(connector.verify(request('POST', V3_URL, tampered))).toMatchObject({ ok: false, status: 403, code: 'signature_mismatch' })
    expect(connector.verify(request('POST', V3_URL.replace(V3.msgSignature, V3.msgSignature.replace('5d19', '5d18')), V3_BODY))).toMatchObject({
      ok: false,
      status: 403,
    })
    expect(connector.verify(request('POST', V3_URL.replace(V3.signature, V3.signature.replace('1612', '1613')), V3_BODY))).toMatchObject({
      ok: false,
      status: 403,
    })
    expect(connector.verify(request('POST', V3_URL.replace(/&msg_signature=\w+/, ''), V3_BODY))).toMatchObject({
      ok: false,
      status: 403,
      code: 'signature_missing',
    })
    expect(connector.parseInbound(request('POST', V3_URL, tampered))).toEqual([])
  })

  it('refuses a push encrypted for another AppID', () => {
    const { connector } = connectorFor(v3Config({ appId: 'wx0000000000000000' }))
    expect(connector.verify(request('POST', V3_URL, V3_BODY))).toMatchObject({ ok: false, status: 403, code: 'appid_mismatch' })
  })

  it('refuses a validly signed Encrypt that does not decrypt (bad padding) with 400', () => {
    const { connector } = connectorFor(v3Config())
    const bytes = Buffer.from(V3.encrypt, 'base64')
    bytes[bytes.length - 17] = (bytes[bytes.length - 17] ?? 0) ^ 0x40
    const encrypt = bytes.toString('base64')
    const msgSignature = messageSignature({ token: V3.token, timestamp: V3.timestamp, nonce: V3.nonce, encrypt })
    const push = request('POST', V3_URL.replace(V3.msgSignature, msgSignature), V3_BODY.replace(V3.encrypt, encrypt))
    expect(connector.verify(push)).toMatchObject({ ok: false, status: 400, code: 'decrypt_failed' })
  })

  it('in compatible mode trusts only the decrypted copy, not plaintext fields beside it', () => {
    const { connector } = connectorFor(v3Config())
    const forged = V3_BODY.replace(
      '</xml>',
      '<FromUserName><![CDATA[oAttacker]]></FromUserName><MsgType>text</MsgType><Content>forged</Content><MsgId>1</MsgId></xml>',
    )
    expect(connector.parseInbound(request('POST', V3_URL, forged))).toMatchObject([
      { externalId: '6054768590064713728', text: 'abcdteT', sender: { externalId: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs' } },
    ])
  })

  it('needs a key to read encrypted pushes', () => {
    const { connector } = connectorFor(config({ token: V3.token, appId: V3.appId, mode: 'plaintext' }))
    expect(connector.verify(request('POST', V3_URL, V3_BODY))).toMatchObject({ ok: false, status: 400, code: 'encryption_not_configured' })
  })
})

describe('wechat connector: passive replies', () => {
  const welcomeReply = { 'zh-CN': '您好，欢迎关注 12345 热线。', en: 'Welcome to the 12345 hotline.' }

  it('answers a new follower with the welcome text, encrypted in safe mode', () => {
    const { connector } = connectorFor(config({ ...safeChannel, mode: 'safe', welcomeReply }))
    const verdict = connector.verify(encryptedPush(safeChannel, subscribeXml()))
    if (!verdict.ok || !verdict.response) throw new Error('expected a passive reply')
    expect(verdict.response.contentType).toContain('xml')
    const envelope = parseWechatXml(verdict.response.body, { maxBytes: 65536 })
    const encrypt = envelope.Encrypt ?? ''
    expect(
      isValidMessageSignature({
        token: safeChannel.token,
        timestamp: envelope.TimeStamp ?? '',
        nonce: envelope.Nonce ?? '',
        encrypt,
        signature: envelope.MsgSignature ?? '',
      }),
    ).toBe(true)
    expect(envelope.Nonce).toBe('888')
    const reply = parseWechatXml(createWechatCipher(safeChannel).decrypt(encrypt), { maxBytes: 65536 })
    expect({ ...reply }).toEqual({
      ToUserName: 'oNewFollower',
      FromUserName: 'gh_hotline',
      CreateTime: String(RECEIVED_AT.getTime() / 1000),
      MsgType: 'text',
      Content: '您好，欢迎关注 12345 热线。\n\nWelcome to the 12345 hotline.',
    })
  })

  it('answers in plain XML in plaintext mode, and "success" to anything but a subscribe', () => {
    const { connector } = connectorFor(plainConfig({ welcomeReply: { 'zh-CN': '欢迎' } }))
    const verdict = connector.verify(plainPush(V2.token, subscribeXml('oPlain')))
    expect(verdict).toMatchObject({ ok: true, response: { body: expect.stringContaining('<Content><![CDATA[欢迎]]></Content>') } })
    expect(verdict.ok && verdict.response?.body).toContain('<ToUserName><![CDATA[oPlain]]></ToUserName>')
    expect(connector.verify(plainPush(V2.token, textXml('hi')))).toMatchObject({ ok: true, response: { body: 'success' } })
  })

  it('answers "success" to a subscribe when no welcome is configured', () => {
    const { connector } = connectorFor(plainConfig())
    expect(connector.verify(plainPush(V2.token, subscribeXml()))).toMatchObject({ ok: true, response: { body: 'success' } })
  })

  it('builds any text reply for the server, encrypted when the push was', () => {
    const { connector } = connectorFor(config({ ...safeChannel, mode: 'compatible' }))
    const push = encryptedPush(safeChannel, textXml('查询进度'))
    const response = connector.passiveTextReply(push, '您的工单正在办理中。')
    const envelope = parseWechatXml(response.body, { maxBytes: 65536 })
    expect(parseWechatXml(createWechatCipher(safeChannel).decrypt(envelope.Encrypt ?? ''), { maxBytes: 65536 }).Content).toBe('您的工单正在办理中。')
    expect(connector.passiveTextReply(plainPush(safeChannel.token, textXml('x')), 'plain').body).toContain('<Content><![CDATA[plain]]></Content>')
    expect(connector.passiveTextReply(request('POST', '/x', 'junk'), 'never').body).toBe('success')
  })
})

describe('wechat connector: send', () => {
  const outbound = (patch: Partial<OutboundMessage>): OutboundMessage => ({
    messageId: 'msg-42',
    conversationId: 'conv-1',
    recipient: { externalId: 'oCitizen' },
    type: 'text',
    text: '您好',
    ...patch,
  })

  /** A fake WeChat API (and hub storage) that answers what the connector asks. */
  const fakeWechat: FakeHandler = (incoming: RecordedRequest) => {
    switch (incoming.url.pathname) {
      case '/fake/cgi-bin/token':
        return jsonResponse({ access_token: 'TOKEN_A', expires_in: 7200 })
      case '/fake/cgi-bin/message/custom/send':
        return jsonResponse({ errcode: 0, errmsg: 'ok' })
      case '/fake/cgi-bin/media/upload':
        return jsonResponse({ type: 'image', media_id: 'UPLOADED_1', created_at: 1 })
      case '/fake/cgi-bin/message/template/send':
        return jsonResponse({ errcode: 0, errmsg: 'ok', msgid: 200228332 })
      case '/storage/photo.png':
        return new Response(new Uint8Array([137, 80, 78, 71]), { headers: { 'content-type': 'image/png' } })
      default:
        return new Response('not found', { status: 404 })
    }
  }

  it('sends text through the customer-service API with a fetched token', async () => {
    const { connector, requests } = connectorFor(plainConfig(), { handler: fakeWechat })
    expect(await connector.send(outbound({}))).toEqual({ externalId: 'msg-42', status: 'sent' })
    expect(requests.map((incoming) => incoming.url.pathname)).toEqual(['/fake/cgi-bin/token', '/fake/cgi-bin/message/custom/send'])
    expect(requests[0]?.url.searchParams.get('secret')).toBe('app-secret-from-env')
    expect(requests[1]?.url.searchParams.get('access_token')).toBe('TOKEN_A')
    expect(requests[1]?.body).toEqual({ touser: 'oCitizen', msgtype: 'text', text: { content: '您好' } })
    await connector.send(outbound({ messageId: 'msg-43' }))
    expect(requests.filter((incoming) => incoming.url.pathname === '/fake/cgi-bin/token')).toHaveLength(1)
  })

  it('refuses text over 2048 UTF-8 bytes without calling WeChat', async () => {
    const { connector, requests } = connectorFor(plainConfig(), { handler: fakeWechat })
    const error = await connector.send(outbound({ text: '长'.repeat(683) })).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ConnectorSendError)
    expect(error).toMatchObject({ code: 'text_too_long', isRetryable: false })
    expect(requests).toHaveLength(0)
    await expect(connector.send(outbound({ text: '长'.repeat(682) }))).resolves.toMatchObject({ status: 'sent' })
  })

  it('sends a wechat-media attachment by its MediaId and audio as voice', async () => {
    const { connector, requests } = connectorFor(plainConfig(), { handler: fakeWechat })
    await connector.send(outbound({ type: 'image', text: 'caption', attachments: [{ url: 'wechat-media:MEDIA_X', mimeType: 'image/jpeg' }] }))
    await connector.send(outbound({ type: 'audio', attachments: [{ url: 'wechat-media:VOICE_Y', mimeType: 'audio/amr' }] }))
    const sends = requests.filter((incoming) => incoming.url.pathname.endsWith('/custom/send')).map((incoming) => incoming.body)
    expect(sends).toEqual([
      { touser: 'oCitizen', msgtype: 'image', image: { media_id: 'MEDIA_X' } },
      { touser: 'oCitizen', msgtype: 'voice', voice: { media_id: 'VOICE_Y' } },
    ])
  })

  it('warns that a caption was dropped', async () => {
    const { connector } = connectorFor(plainConfig(), { handler: fakeWechat })
    const result = await connector.send(outbound({ type: 'image', text: 'caption', attachments: [{ url: 'wechat-media:M', mimeType: 'image/jpeg' }] }))
    expect(result.warnings).toEqual([expect.objectContaining({ type: 'unsupported', feature: 'caption' })])
  })

  it('uploads a stored image first, then sends the new MediaId', async () => {
    const { connector, requests } = connectorFor(plainConfig(), { handler: fakeWechat })
    await connector.send(
      outbound({ type: 'image', text: undefined, attachments: [{ url: 'http://127.0.0.1:9/storage/photo.png', mimeType: 'image/png', name: 'photo.png' }] }),
    )
    expect(requests.map((incoming) => incoming.url.pathname)).toEqual([
      '/storage/photo.png',
      '/fake/cgi-bin/token',
      '/fake/cgi-bin/media/upload',
      '/fake/cgi-bin/message/custom/send',
    ])
    expect(requests[3]?.body).toEqual({ touser: 'oCitizen', msgtype: 'image', image: { media_id: 'UPLOADED_1' } })
  })

  it('refuses what WeChat cannot carry, without retrying', async () => {
    const { connector, requests } = connectorFor(plainConfig(), { handler: fakeWechat })
    await expect(connector.send(outbound({ type: 'file', attachments: [{ url: 'wechat-media:F', mimeType: 'application/pdf' }] }))).rejects.toMatchObject({
      code: 'unsupported_message_type',
      isRetryable: false,
    })
    await expect(connector.send(outbound({ type: 'image', attachments: [] }))).rejects.toMatchObject({ code: 'attachment_missing', isRetryable: false })
    await expect(
      connector.send(outbound({ type: 'image', attachments: [{ url: 'http://127.0.0.1:9/x.webp', mimeType: 'image/webp' }] })),
    ).rejects.toMatchObject({
      code: 'unsupported_media_format',
    })
    await expect(connector.send(outbound({ text: '   ' }))).rejects.toMatchObject({ code: 'empty_message' })
    expect(requests).toHaveLength(0)
  })

  it('reports 45015 as a closed reply window', async () => {
    const { connector } = connectorFor(plainConfig(), {
      handler: (incoming) =>
        incoming.url.pathname.endsWith('/token')
          ? jsonResponse({ access_token: 'T', expires_in: 7200 })
          : jsonResponse({ errcode: 45015, errmsg: 'response out of time limit' }),
    })
    await expect(connector.send(outbound({}))).rejects.toMatchObject({ code: 'reply_window_expired', isRetryable: false })
  })

  it('sends template messages and returns the msgid that finish events refer to', async () => {
    const { connector } = connectorFor(plainConfig(), { handler: fakeWechat })
    expect(
      await connector.sendTemplateMessage({ toUser: 'oCitizen', templateId: 'TPL', data: { keyword1: { value: '已受理' } }, clientMessageId: 'msg-42' }),
    ).toEqual({
      externalId: '200228332',
    })
  })

  it('keeps the token in the shared cache, keyed by AppID, when the hub provides one', async () => {
    const entries = new Map<string, string>()
    const sharedCache: SharedCache = {
      get: async (key) => entries.get(key) ?? null,
      set: async (key, value) => void entries.set(key, value),
      delete: async (key) => void entries.delete(key),
      withLock: (_key, work) => work(),
    }
    const { connector } = connectorFor(plainConfig(), { handler: fakeWechat, sharedCache })
    await connector.send(outbound({}))
    expect(JSON.parse(entries.get(`wechat:access-token:${V3.appId}`) ?? '{}')).toMatchObject({ token: 'TOKEN_A' })
    // A second connector (another process) reuses it without fetching.
    const second = connectorFor(plainConfig(), { handler: fakeWechat, sharedCache })
    await second.connector.send(outbound({}))
    expect(second.requests.map((incoming) => incoming.url.pathname)).toEqual(['/fake/cgi-bin/message/custom/send'])
  })
})
