import type { EventEmitter } from 'node:events'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { log, types } from 'wechaty'
import { mock, PuppetMock } from 'wechaty-puppet-mock'
import {
  CONNECTOR_SPEC_VERSION,
  ConnectorSendError,
  type ConnectorStatus,
  type InboundMessage,
  type InboundRequest,
  type ListenerContext,
  type OutboundMessage,
  type RunningListener,
} from '../spec.js'
import { wechatyConnector } from './index.js'
import { type WechatyConfig, wechatyConfigSchema } from './wechaty-config.js'
import { createWechatyConnectorWith, isWechatyConnector, type WechatyConnector } from './wechaty-connector.js'

const NOW = new Date('2025-03-01T08:00:00Z')
const running: RunningListener[] = []

// Wechaty's own warnings (a mock user talking to a stopped bot…) would only clutter the output.
log.level('silent')

/** Mock events are asynchronous; leave room for a busy machine running the whole suite. */
const eventually = (assertion: () => void) => vi.waitFor(assertion, { timeout: 5000 })

afterEach(async () => {
  await Promise.all(running.splice(0).map((listener) => listener.stop()))
})

function config(patch: Partial<WechatyConfig> = {}): WechatyConfig {
  return wechatyConfigSchema.parse({ type: 'wechaty', puppet: 'wechaty-puppet-mock', ...patch })
}

/** A connector on a fresh mock puppet, a bot account, a citizen and a group they are both in. */
function setup(options: { config?: Partial<WechatyConfig>; enqueue?: ListenerContext['enqueue'] } = {}) {
  const mocker = new mock.Mocker()
  let puppets = 0
  const connector = createWechatyConnectorWith({
    channelId: 'wechaty-main',
    config: config(options.config),
    dependencies: { fetch: () => Promise.reject(new Error('wechaty must not call fetch')), now: () => NOW, generateId: () => 'id-1' },
    environment: {},
    // A mock world serves one puppet: a bot started again (after stop) gets an empty one.
    createPuppet: () => new PuppetMock({ mocker: puppets++ === 0 ? mocker : new mock.Mocker() }),
  })
  const enqueued: InboundRequest[] = []
  const statuses: ConnectorStatus[] = []
  const logs: { level: string; message: string; fields?: Record<string, unknown> }[] = []
  const context: ListenerContext = {
    enqueue:
      options.enqueue ??
      (async (request) => {
        enqueued.push(request)
      }),
    reportStatus: async (status) => {
      statuses.push(status)
    },
    log: (level, message, fields) => {
      logs.push({ level, message, ...(fields ? { fields } : {}) })
    },
  }
  const botUser = mocker.createContact({ name: 'Hotline Bot' })
  const player = mocker.createContact({ name: 'Citizen Li' })
  const neighbour = mocker.createContact({ name: 'Neighbour Wang' })
  const room = mocker.createRoom({ topic: 'Happy Lane residents', memberIdList: [botUser.id, player.id, neighbour.id] })

  const listen = async () => {
    const listener = await connector.listen(context)
    running.push(listener)
    return listener
  }
  const listenAndLogin = async () => {
    const listener = await listen()
    mocker.login(botUser)
    await eventually(() => expect(connector.status().state).toBe('online'))
    return listener
  }
  /** The events the hub would get from everything enqueued so far. */
  const parsed = () => enqueued.flatMap((request) => connector.parseInbound(request)) as InboundMessage[]

  return { mocker, connector, context, enqueued, statuses, logs, botUser, player, neighbour, room, listen, listenAndLogin, parsed }
}

function outbound(externalId: string, text = '您好，已为您登记工单 GD-2025-0001。'): OutboundMessage {
  return { messageId: 'msg_hub_1', conversationId: 'conv_1', recipient: { externalId }, type: 'text', text }
}

/** Texts that `talkerId` sent, as a mock user or room sees them (every mock message is re-emitted on both). */
function textsFrom(talkerId: string, seenBy: mock.ContactMock | mock.RoomMock): string[] {
  const texts: string[] = []
  // They are EventEmitters, but their typings (typed-emitter) do not resolve under NodeNext.
  ;(seenBy as unknown as EventEmitter).on('message', (message: mock.MessageMock) => {
    if (message.payload.talkerId === talkerId) texts.push(message.payload.text ?? '')
  })
  return texts
}

async function sendError(promise: Promise<unknown>): Promise<ConnectorSendError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(ConnectorSendError)
  return error as ConnectorSendError
}

describe('wechaty connector', () => {
  it('is a v1 connector registered as wechaty, text only, without receipts or reply window', () => {
    const { connector } = setup()
    expect(wechatyConnector.type).toBe('wechaty')
    expect(connector.specificationVersion).toBe(CONNECTOR_SPEC_VERSION)
    expect(isWechatyConnector(connector)).toBe(true)
    expect(connector.capabilities).toEqual({
      messageTypes: ['text'],
      typingIndicator: false,
      deliveryReceipts: false,
      readReceipts: false,
      replyWindowHours: null,
      maxTextLength: 2000,
    })
    expect(connector.status()).toEqual({ state: 'offline' })
  })

  it('refuses webhooks: the channel has none', () => {
    const { connector } = setup()
    const request: InboundRequest = { method: 'POST', url: '/webhooks/wechaty/wechaty-main', headers: {}, body: '{}', receivedAt: NOW }
    expect(connector.verify(request)).toEqual({ ok: false, status: 400, code: 'webhook_not_supported', message: expect.any(String) })
    expect(connector.parseInbound(request)).toEqual([])
  })

  it('reports the login QR code, then the account once logged in', async () => {
    const { mocker, connector, statuses, botUser, listen } = setup()
    await listen()
    mocker.scan('https://login.weixin.qq.com/l/mock-qr', types.ScanStatus.Waiting)
    await eventually(() => expect(connector.status().state).toBe('waiting_for_login'))
    expect(connector.status()).toEqual({ state: 'waiting_for_login', qrCode: 'https://login.weixin.qq.com/l/mock-qr', detail: 'scan_waiting' })

    mocker.login(botUser)
    await eventually(() => expect(connector.status().state).toBe('online'))
    expect(statuses).toEqual([
      { state: 'starting' },
      { state: 'waiting_for_login', qrCode: 'https://login.weixin.qq.com/l/mock-qr', detail: 'scan_waiting' },
      { state: 'online', account: 'Hotline Bot' },
    ])
  })

  it("enqueues a citizen's 1:1 text, which parseInbound maps to a message from them", async () => {
    const { player, botUser, enqueued, listenAndLogin, parsed } = setup()
    await listenAndLogin()
    player.say('我家楼下的路灯坏了').to(botUser)

    await eventually(() => expect(enqueued).toHaveLength(1))
    expect(enqueued[0]).toMatchObject({ method: 'LISTEN', url: '/listen/wechaty', receivedAt: NOW })
    const snapshot = JSON.parse(enqueued[0]?.body ?? '{}') as { id: string }
    expect(parsed()).toEqual([
      {
        kind: 'message',
        externalId: snapshot.id,
        sender: { externalId: player.id, displayName: 'Citizen Li' },
        type: 'text',
        text: '我家楼下的路灯坏了',
        sentAt: expect.any(Date),
        metadata: { wechatyType: 'Text' },
      },
    ])
  })

  it("ignores the bot's own messages, whether the hub or the phone sent them", async () => {
    const { connector, player, botUser, listenAndLogin, parsed } = setup()
    await listenAndLogin()
    await connector.send(outbound(player.id, 'reply from the hub'))
    botUser.say('typed on the phone').to(player)
    player.say('thanks').to(botUser)

    // Messages are handled in order: once the citizen's arrives, the bot's two were seen and dropped.
    await eventually(() => expect(parsed()).toHaveLength(1))
    expect(parsed().map((event) => event.text)).toEqual(['thanks'])
  })

  it('takes group messages that mention the bot, as a conversation with the room', async () => {
    const { player, neighbour, botUser, room, listenAndLogin, parsed } = setup({ config: { rooms: 'mentions' } })
    await listenAndLogin()
    neighbour.say('anyone else without water?').to(room)
    player.say('@Hotline Bot the water is off in building 3', [botUser]).to(room)

    await eventually(() => expect(parsed()).toHaveLength(1))
    expect(parsed()[0]).toMatchObject({
      sender: { externalId: `room:${room.id}`, displayName: 'Happy Lane residents' },
      text: '@Hotline Bot the water is off in building 3',
      metadata: { roomId: room.id, roomTopic: 'Happy Lane residents', talkerId: player.id, talkerName: 'Citizen Li', mentionSelf: 'true' },
    })
  })

  it('takes every group message with rooms: all, one conversation per room', async () => {
    const { player, neighbour, botUser, room, listenAndLogin, parsed } = setup({ config: { rooms: 'all' } })
    await listenAndLogin()
    neighbour.say('anyone else without water?').to(room)
    player.say('@Hotline Bot building 3 too', [botUser]).to(room)

    await eventually(() => expect(parsed()).toHaveLength(2))
    expect(parsed().map((event) => [event.sender.externalId, event.metadata?.talkerName])).toEqual([
      [`room:${room.id}`, 'Neighbour Wang'],
      [`room:${room.id}`, 'Citizen Li'],
    ])
  })

  it('ignores group messages with rooms: ignore, and rooms outside the allow-list', async () => {
    const settings: Partial<WechatyConfig>[] = [{ rooms: 'ignore' }, { rooms: 'all', allowedRooms: ['Another group'] }]
    for (const patch of settings) {
      const { player, botUser, room, listenAndLogin, parsed } = setup({ config: patch })
      await listenAndLogin()
      player.say('@Hotline Bot hello?', [botUser]).to(room)
      player.say('direct question').to(botUser)

      await eventually(() => expect(parsed()).toHaveLength(1))
      expect(parsed()[0]).toMatchObject({ sender: { externalId: player.id }, text: 'direct question' })
    }
  })

  it('takes allowed rooms by topic', async () => {
    const { player, room, listenAndLogin, parsed } = setup({ config: { rooms: 'all', allowedRooms: ['Happy Lane residents'] } })
    await listenAndLogin()
    player.say('the lift is broken').to(room)
    await eventually(() => expect(parsed()).toHaveLength(1))
  })

  it('delivers a reply to the citizen with contact.say', async () => {
    const { connector, player, botUser, listenAndLogin } = setup()
    const received = textsFrom(botUser.id, player)
    await listenAndLogin()

    const result = await connector.send(outbound(player.id))
    // The mock puppet does not report the sent message's id: the hub's id stands in.
    expect(result).toEqual({ externalId: 'msg_hub_1', status: 'sent' })
    await eventually(() => expect(received).toEqual(['您好，已为您登记工单 GD-2025-0001。']))
  })

  it('delivers a reply to a group with room.say', async () => {
    const { connector, room, botUser, listenAndLogin } = setup({ config: { rooms: 'all' } })
    const received = textsFrom(botUser.id, room)
    await listenAndLogin()

    await expect(connector.send(outbound(`room:${room.id}`, '维修人员今天下午到场。'))).resolves.toEqual({ externalId: 'msg_hub_1', status: 'sent' })
    await eventually(() => expect(received).toEqual(['维修人员今天下午到场。']))
  })

  it('sends the text of a message with attachments, with a warning', async () => {
    const { connector, player, listenAndLogin } = setup()
    await listenAndLogin()
    const result = await connector.send({ ...outbound(player.id), attachments: [{ url: 'https://hub.example/f/1.png', mimeType: 'image/png' }] })
    expect(result.warnings).toEqual([{ type: 'unsupported', feature: 'attachments', details: expect.any(String) }])
  })

  it('refuses unknown recipients and messages it cannot carry, without retry', async () => {
    const { connector, listenAndLogin } = setup()
    await listenAndLogin()
    for (const externalId of ['wxid_nobody', 'room:nobody@chatroom', 'room:']) {
      const error = await sendError(connector.send(outbound(externalId)))
      expect([error.code, error.isRetryable]).toEqual(['recipient_not_found', false])
    }
    const empty = await sendError(connector.send({ ...outbound('wxid_nobody'), type: 'image', text: undefined }))
    expect([empty.code, empty.isRetryable]).toEqual(['unsupported_message_type', false])
    const long = await sendError(connector.send(outbound('wxid_nobody', 'x'.repeat(2001))))
    expect([long.code, long.isRetryable]).toEqual(['text_too_long', false])
  })

  it('refuses to send before the bot runs or logs in, as a retryable failure', async () => {
    const { connector, player, listen } = setup()
    const notRunning = await sendError(connector.send(outbound(player.id)))
    expect([notRunning.code, notRunning.isRetryable, notRunning.message]).toEqual(['not_logged_in', true, 'The Wechaty bot is not running in this process.'])

    await listen()
    const notLoggedIn = await sendError(connector.send(outbound(player.id)))
    expect([notLoggedIn.code, notLoggedIn.isRetryable, notLoggedIn.message]).toEqual(['not_logged_in', true, 'The Wechaty bot is not logged in.'])
  })

  it('reports a logout and stops sending until the next login', async () => {
    const { connector, player, botUser, mocker, listenAndLogin } = setup()
    await listenAndLogin()
    await mocker.puppet.logout()
    await eventually(() => expect(connector.status().state).toBe('offline'))
    expect((await sendError(connector.send(outbound(player.id)))).code).toBe('not_logged_in')

    mocker.login(botUser)
    await eventually(() => expect(connector.status()).toEqual({ state: 'online', account: 'Hotline Bot' }))
    await expect(connector.send(outbound(player.id))).resolves.toMatchObject({ status: 'sent' })
  })

  it('logs a failed enqueue and keeps going', async () => {
    let calls = 0
    const stored: InboundRequest[] = []
    const { player, botUser, logs, listenAndLogin } = setup({
      enqueue: async (request) => {
        calls += 1
        if (calls === 1) throw new Error('redis is down')
        stored.push(request)
      },
    })
    await listenAndLogin()
    player.say('first').to(botUser)
    player.say('second').to(botUser)

    await eventually(() => expect(stored).toHaveLength(1))
    expect(JSON.parse(stored[0]?.body ?? '{}')).toMatchObject({ text: 'second' })
    expect(logs).toContainEqual({
      level: 'error',
      message: 'wechaty message could not be enqueued',
      fields: { channelId: 'wechaty-main', messageId: expect.any(String), error: 'redis is down' },
    })
  })

  it('downloads an inbound file through the running bot', async () => {
    const { mocker, connector, player, botUser, listenAndLogin, parsed } = setup()
    await listenAndLogin()
    const png = Buffer.from('89504e470d0a1a0a', 'hex')
    // What the mock puppet records for a file a user sends (ContactMock.say(fileBox)), without importing file-box.
    mocker.cacheFileBoxPayload.set('msg-photo', { type: 1, base64: png.toString('base64'), name: 'pothole.png' })
    mocker.MessageMock.create({ id: 'msg-photo', talkerId: player.id, listenerId: botUser.id, timestamp: NOW.getTime(), type: types.Message.Image })
    mocker.puppet.emit('message', { messageId: 'msg-photo' })

    await eventually(() => expect(parsed()).toHaveLength(1))
    const url = parsed()[0]?.attachments?.[0]?.url ?? ''
    expect(url).toBe('wechaty-file:msg-photo')
    const file = await connector.fetchMedia(url)
    expect(file && { ...file, bytes: Buffer.from(file.bytes).toString('hex') }).toEqual({
      bytes: '89504e470d0a1a0a',
      mimeType: 'image/png',
      name: 'pothole.png',
    })
    await expect(connector.fetchMedia('wechat-media:abc')).resolves.toBeNull()
  })

  it('fetches media only where the bot runs and is logged in', async () => {
    const { connector, listen } = setup()
    await expect(connector.fetchMedia('https://hub.example/f/1.png')).resolves.toBeNull()
    await expect(connector.fetchMedia('wechaty-file:msg-photo')).rejects.toThrow('not running in this process')
    await listen()
    await expect(connector.fetchMedia('wechaty-file:msg-photo')).rejects.toThrow('not logged in')
  })

  it('stops the bot: offline, nothing sent or enqueued any more, and it can listen again', async () => {
    const { connector, context, player, botUser, enqueued, listenAndLogin } = setup()
    const listener = await listenAndLogin()
    await listener.stop()
    expect(connector.status()).toEqual({ state: 'offline', detail: 'stopped' })
    expect((await sendError(connector.send(outbound(player.id)))).code).toBe('not_logged_in')
    try {
      player.say('anyone there?').to(botUser)
    } catch {
      // The stopped mock puppet may refuse outright; either way nothing reaches the hub.
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(enqueued).toEqual([])

    running.push(await connector.listen(context))
    expect(connector.status()).toEqual({ state: 'starting' })
  })

  it('refuses a second listener in the same process', async () => {
    const { connector, context, listen } = setup()
    await listen()
    await expect(connector.listen(context)).rejects.toThrow('already running')
  })
})

describe('wechaty connector configuration', () => {
  const base = { channelId: 'wechaty-main', dependencies: { fetch, now: () => NOW, generateId: () => 'id-1' } }

  it('needs the token variable it is told about, and a token for puppets that cannot do without', () => {
    const service = config({ puppet: 'wechaty-puppet-service', puppetTokenEnv: 'WECHATY_TOKEN' })
    expect(() => createWechatyConnectorWith({ ...base, config: service, environment: {} })).toThrow('Set the WECHATY_TOKEN environment variable')
    expect(() => createWechatyConnectorWith({ ...base, config: service, environment: { WECHATY_TOKEN: 'puppet_workpro_x' } })).not.toThrow()
    expect(() => createWechatyConnectorWith({ ...base, config: config({ puppet: 'wechaty-puppet-service' }), environment: {} })).toThrow('needs a token')
  })

  it('resolves the puppet by its npm name when none is injected', async () => {
    const connector: WechatyConnector = createWechatyConnectorWith({ ...base, config: config({ puppet: 'wechaty-puppet-mock' }), environment: {} })
    const statuses: ConnectorStatus[] = []
    const listener = await connector.listen({
      enqueue: async () => undefined,
      reportStatus: async (status) => void statuses.push(status),
      log: () => undefined,
    })
    running.push(listener)
    expect(statuses).toEqual([{ state: 'starting' }])
  })
})
