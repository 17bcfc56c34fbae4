import { describe, expect, it } from 'vitest'
import { CONNECTOR_SPEC_VERSION, type ConnectorDependencies, ConnectorSendError, type InboundRequest, type OutboundMessage } from '../spec.js'
import { webchatConnector } from './index.js'
import { type WebchatConfig, webchatConfigSchema } from './webchat-config.js'
import { createWebchatConnector, isWebchatConnector, VISITOR_LANGUAGE_HEADER, VISITOR_TOKEN_HEADER, type WebchatConnector } from './webchat-connector.js'

const SECRET = 'webchat-test-secret-0123456789-abcdef'
const START = new Date('2025-03-01T08:00:00.000Z')
const DAY_MS = 86_400_000

function config(overrides: Partial<WebchatConfig> = {}): WebchatConfig {
  return {
    ...webchatConfigSchema.parse({
      type: 'webchat',
      title: { 'zh-CN': '在线咨询', en: 'Chat with us' },
      greeting: { 'zh-CN': '您好', en: 'Hello' },
      visitorTokenSecret: SECRET,
      maxMessageLength: 10,
      visitorTokenTtlDays: 7,
    }),
    ...overrides,
  }
}

/** A connector with a settable clock and a recording local delivery. */
function setup(options: { config?: Partial<WebchatConfig>; channelId?: string; deliverLocally?: boolean } = {}) {
  let now = START
  const delivered: OutboundMessage[] = []
  const dependencies: ConnectorDependencies = {
    fetch: () => Promise.reject(new Error('webchat must not call the network')),
    now: () => now,
    generateId: () => 'generated-id',
    ...(options.deliverLocally === false
      ? {}
      : {
          deliverLocally: async (message: OutboundMessage) => {
            delivered.push(message)
          },
        }),
  }
  const connector = createWebchatConnector({ channelId: options.channelId ?? 'web', config: config(options.config), dependencies }) as WebchatConnector
  return {
    connector,
    delivered,
    advance(ms: number) {
      now = new Date(now.getTime() + ms)
    },
  }
}

function request(body: unknown, headers: Record<string, string> = {}): InboundRequest {
  return { method: 'WS', url: '/ws/widget', headers, body: typeof body === 'string' ? body : JSON.stringify(body), receivedAt: START }
}

const message = (text: string, clientId = 'client-0001') => ({ type: 'message', clientId, text })

describe('createWebchatConnector', () => {
  it('refuses to start without a visitor token secret', () => {
    expect(() =>
      createWebchatConnector({
        channelId: 'web',
        config: config({ visitorTokenSecret: undefined }),
        dependencies: { fetch: globalThis.fetch, now: () => START, generateId: () => 'x' },
      }),
    ).toThrow(/"web".*visitorTokenSecret/)
  })

  it('describes itself as a text-only webchat channel with receipts and the configured length limit', () => {
    const { connector } = setup()
    expect(connector.specificationVersion).toBe(CONNECTOR_SPEC_VERSION)
    expect(connector.type).toBe('webchat')
    expect(connector.channelId).toBe('web')
    expect(connector.config.visitorTokenSecret).toBe(SECRET)
    expect(connector.capabilities).toEqual({
      messageTypes: ['text'],
      typingIndicator: true,
      deliveryReceipts: true,
      readReceipts: true,
      replyWindowHours: null,
      maxTextLength: 10,
    })
  })

  it('is recognised by isWebchatConnector', () => {
    expect(isWebchatConnector(setup().connector)).toBe(true)
    expect(isWebchatConnector({ ...setup().connector, type: 'wechat' })).toBe(false)
  })

  it('is registered under its type with its config schema and factory', () => {
    expect(webchatConnector.type).toBe('webchat')
    expect(webchatConnector.configSchema).toBe(webchatConfigSchema)
    expect(webchatConnector.create).toBe(createWebchatConnector)
  })
})

describe('WebchatConnector visitor tokens', () => {
  it('issues a token for a new visitor that it then accepts', () => {
    const { connector } = setup()
    const issued = connector.issueVisitorToken()
    expect(issued.visitorId).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(connector.verifyVisitorToken(issued.token)).toMatchObject({ ok: true, visitorId: issued.visitorId })
  })

  it('re-issues a token for a known visitor, extending its life', () => {
    const { connector, advance } = setup()
    const first = connector.issueVisitorToken()
    advance(6 * DAY_MS)
    const renewed = connector.issueVisitorToken(first.visitorId)
    expect(renewed.visitorId).toBe(first.visitorId)
    advance(2 * DAY_MS)
    expect(connector.verifyVisitorToken(first.token)).toEqual({ ok: false, reason: 'expired' })
    expect(connector.verifyVisitorToken(renewed.token)).toMatchObject({ ok: true, visitorId: first.visitorId })
  })

  it('gives each new visitor a different id', () => {
    const { connector } = setup()
    expect(connector.issueVisitorToken().visitorId).not.toBe(connector.issueVisitorToken().visitorId)
  })

  it('does not accept a token from another webchat channel', () => {
    const other = setup({ channelId: 'web-two' }).connector.issueVisitorToken()
    expect(setup().connector.verifyVisitorToken(other.token)).toEqual({ ok: false, reason: 'bad_signature' })
  })
})

describe('WebchatConnector.verify', () => {
  const valid = () => {
    const context = setup()
    const { token } = context.connector.issueVisitorToken()
    return { ...context, headers: { [VISITOR_TOKEN_HEADER]: token } }
  }

  it('accepts a message frame from a visitor with a valid token', () => {
    const { connector, headers } = valid()
    expect(connector.verify(request(message('hello'), headers))).toEqual({ ok: true })
  })

  it('accepts a receipt frame', () => {
    const { connector, headers } = valid()
    expect(connector.verify(request({ type: 'receipt', status: 'read', messageIds: ['m1'] }, headers))).toEqual({ ok: true })
  })

  it('answers 401 visitor_token_missing without a token (or with an empty one)', () => {
    const { connector } = setup()
    expect(connector.verify(request(message('hello')))).toMatchObject({ ok: false, status: 401, code: 'visitor_token_missing' })
    expect(connector.verify(request(message('hello'), { [VISITOR_TOKEN_HEADER]: '' }))).toMatchObject({ ok: false, status: 401, code: 'visitor_token_missing' })
  })

  it('answers 401 with the reason for malformed, forged and expired tokens', () => {
    const { connector, headers, advance } = valid()
    const [id, expires] = (headers[VISITOR_TOKEN_HEADER] ?? '').split('.')
    expect(connector.verify(request(message('hi'), { [VISITOR_TOKEN_HEADER]: 'garbage' }))).toMatchObject({ status: 401, code: 'visitor_token_malformed' })
    expect(connector.verify(request(message('hi'), { [VISITOR_TOKEN_HEADER]: `${id}.${expires}.${'A'.repeat(43)}` }))).toMatchObject({
      status: 401,
      code: 'visitor_token_bad_signature',
    })
    advance(7 * DAY_MS)
    expect(connector.verify(request(message('hi'), headers))).toMatchObject({ ok: false, status: 401, code: 'visitor_token_expired' })
  })

  it('checks the token before looking at the body', () => {
    const { connector } = setup()
    expect(connector.verify(request('{not json', { [VISITOR_TOKEN_HEADER]: 'garbage' }))).toMatchObject({ status: 401 })
  })

  it('answers 400 invalid_json for a body that is not JSON', () => {
    const { connector, headers } = valid()
    for (const body of ['{not json', '', 'undefined']) {
      expect(connector.verify(request(body, headers))).toMatchObject({ ok: false, status: 400, code: 'invalid_json' })
    }
  })

  it('answers 400 invalid_frame for JSON that is not a message or receipt frame', () => {
    const { connector, headers } = valid()
    for (const body of [{ type: 'typing', on: true }, { type: 'message', clientId: 'short', text: 'hi' }, null, [], 42]) {
      expect(connector.verify(request(body, headers))).toMatchObject({ ok: false, status: 400, code: 'invalid_frame' })
    }
  })

  it('answers 400 empty_message for a message that is empty or only whitespace', () => {
    const { connector, headers } = valid()
    for (const text of ['', '   ', '\n\t ']) {
      expect(connector.verify(request(message(text), headers))).toMatchObject({ ok: false, status: 400, code: 'empty_message' })
    }
  })

  it('allows exactly maxMessageLength characters and answers 413 above it', () => {
    const { connector, headers } = valid()
    expect(connector.verify(request(message('x'.repeat(10)), headers))).toEqual({ ok: true })
    expect(connector.verify(request(message('x'.repeat(11)), headers))).toMatchObject({ ok: false, status: 413, code: 'message_too_long' })
  })

  it('measures the length after trimming, as the message will be stored', () => {
    const { connector, headers } = valid()
    expect(connector.verify(request(message(`   ${'x'.repeat(10)}   `), headers))).toEqual({ ok: true })
  })

  it('counts Chinese characters one each', () => {
    const { connector, headers } = valid()
    expect(connector.verify(request(message('市民热线服务中心您好'), headers))).toEqual({ ok: true })
    expect(connector.verify(request(message('市民热线服务中心您好呀'), headers))).toMatchObject({ status: 413 })
  })
})

describe('WebchatConnector.parseInbound', () => {
  it('turns a verified message into an event from the token’s visitor, in their language', () => {
    const { connector } = setup()
    const { token, visitorId } = connector.issueVisitorToken()
    const events = connector.parseInbound(request(message(' hi '), { [VISITOR_TOKEN_HEADER]: token, [VISITOR_LANGUAGE_HEADER]: 'en' }))
    expect(events).toEqual([
      {
        kind: 'message',
        externalId: `${visitorId}:client-0001`,
        sender: { externalId: visitorId, displayName: expect.stringMatching(/^Visitor [A-Z0-9]{1,4}$/), language: 'en' },
        type: 'text',
        text: 'hi',
      },
    ])
  })

  it('still parses a request whose token expired while it waited in the queue', () => {
    const { connector, advance } = setup()
    const { token, visitorId } = connector.issueVisitorToken()
    advance(30 * DAY_MS)
    const [event] = connector.parseInbound(request(message('hi'), { [VISITOR_TOKEN_HEADER]: token }))
    expect(event?.kind === 'message' && event.sender.externalId).toBe(visitorId)
  })

  it('leaves the language out when the header is absent', () => {
    const { connector } = setup()
    const { token } = connector.issueVisitorToken()
    const [event] = connector.parseInbound(request(message('hi'), { [VISITOR_TOKEN_HEADER]: token }))
    expect(event?.kind === 'message' && event.sender).not.toHaveProperty('language')
  })

  it('turns a receipt into status updates reported by the visitor', () => {
    const { connector } = setup()
    const { token, visitorId } = connector.issueVisitorToken()
    const events = connector.parseInbound(request({ type: 'receipt', status: 'delivered', messageIds: ['m1', 'm2'] }, { [VISITOR_TOKEN_HEADER]: token }))
    expect(events).toEqual([
      { kind: 'status', externalId: 'm1', status: 'delivered', reportedBy: visitorId },
      { kind: 'status', externalId: 'm2', status: 'delivered', reportedBy: visitorId },
    ])
  })

  it('yields nothing without a visitor token or for a frame it does not know', () => {
    const { connector } = setup()
    const { token } = connector.issueVisitorToken()
    expect(connector.parseInbound(request(message('hi')))).toEqual([])
    expect(connector.parseInbound(request({ type: 'typing', on: true }, { [VISITOR_TOKEN_HEADER]: token }))).toEqual([])
  })
})

describe('WebchatConnector.send', () => {
  const outbound: OutboundMessage = { messageId: 'msg_out_1', conversationId: 'c1', recipient: { externalId: 'v1' }, type: 'text', text: 'Hello' }

  it('hands the message to local delivery and reports it sent under the hub’s own id', async () => {
    const { connector, delivered } = setup()
    await expect(connector.send(outbound)).resolves.toEqual({ externalId: 'msg_out_1', status: 'sent' })
    expect(delivered).toEqual([outbound])
  })

  it('fails permanently when the hub gave it no local delivery', async () => {
    const { connector } = setup({ deliverLocally: false })
    const failure = await connector.send(outbound).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ConnectorSendError)
    expect(failure).toMatchObject({ code: 'no_local_delivery', isRetryable: false })
  })
})
