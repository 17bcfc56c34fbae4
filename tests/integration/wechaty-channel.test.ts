/**
 * The Wechaty bridge inside the real hub: a personal/WeCom account driven by wechaty-puppet-mock
 * (the only fake: it stands in for WeChat's servers), run by the hub's listener runtime in one
 * worker, with the citizen's chats and a residents' group feeding the same conversation model.
 */
import type { EventEmitter } from 'node:events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mock, PuppetMock } from 'wechaty-puppet-mock'
import { createWechatyConnectorWith } from '../../connectors/wechaty/index.js'
import { ContactIdentityModel, identityKey } from '../../server/models/contact.js'
import { Conversation } from '../../server/models/conversation.js'
import { Message, type MessageDoc } from '../../server/models/message.js'
import type { MessageDto } from '../../server/presenters/dto.js'
import { eventually } from '../support/eventually.js'
import { startTestHub, type TestHub, testConfig } from '../support/test-hub.js'

let hub: TestHub
let mocker: mock.Mocker
let adminToken: string
let agentToken: string
let botUser: mock.ContactMock
let citizen: mock.ContactMock
let neighbour: mock.ContactMock
let room: mock.RoomMock

interface ChannelStatusDto {
  id: string
  state: string
  qrCode?: string
  account?: string
}

async function botStatus(): Promise<ChannelStatusDto | undefined> {
  const response = await hub.api('/api/admin/channel-status', { token: adminToken })
  const body = (await response.json()) as { channels: ChannelStatusDto[] }
  return body.channels.find((channel) => channel.id === 'wx-bot')
}

/** Texts `talkerId` sent, as a mock contact or room sees them. */
function textsFrom(talkerId: string, seenBy: mock.ContactMock | mock.RoomMock): string[] {
  const texts: string[] = []
  ;(seenBy as unknown as EventEmitter).on('message', (message: mock.MessageMock) => {
    if (message.payload.talkerId === talkerId) texts.push(message.payload.text ?? '')
  })
  return texts
}

async function conversationMessages(externalId: string): Promise<MessageDoc[]> {
  const identity = await ContactIdentityModel.findById(identityKey('wx-bot', externalId)).lean()
  if (!identity) return []
  const conversation = await Conversation.findOne({ contactId: identity.contactId, channel: 'wx-bot' }).limit(1).lean()
  if (!conversation) return []
  return Message.find({ conversationId: conversation._id }).sort({ seq: 1 }).limit(100).lean<MessageDoc[]>()
}

beforeAll(async () => {
  mocker = new mock.Mocker()
  botUser = mocker.createContact({ name: 'Hotline Bot' })
  citizen = mocker.createContact({ name: 'Citizen Li' })
  neighbour = mocker.createContact({ name: 'Neighbour Wang' })
  room = mocker.createRoom({ topic: 'Happy Lane residents', memberIdList: [botUser.id, citizen.id, neighbour.id] })
  hub = await startTestHub({
    config: {
      ...testConfig,
      channels: [
        ...testConfig.channels,
        { id: 'wx-bot', type: 'wechaty', name: 'Hotline WeChat account', queue: 'general', puppet: 'wechaty-puppet-mock', rooms: 'all' },
      ],
    },
    createConnector: (channel, dependencies) =>
      channel.type === 'wechaty'
        ? createWechatyConnectorWith({ channelId: channel.id, config: channel, dependencies, createPuppet: () => new PuppetMock({ mocker }) })
        : undefined,
  })
  adminToken = await hub.login('admin@test.local', 'admin-password-123')
  const agent = await hub.createUser('agent', ['general'])
  agentToken = await hub.login(agent.email, agent.password)
})
afterAll(async () => {
  await hub?.stop()
})

describe('Wechaty bridge', () => {
  it('shows admins the login QR code, then the logged-in account', async () => {
    await eventually(botStatus, (status) => status !== undefined && status.state !== 'offline')
    mocker.scan('https://login.weixin.qq.com/l/mock-qr-0001', 2)
    const waiting = await eventually(botStatus, (status) => status?.state === 'waiting_for_login')
    expect(waiting?.qrCode).toBe('https://login.weixin.qq.com/l/mock-qr-0001')
    mocker.login(botUser)
    const online = await eventually(botStatus, (status) => status?.state === 'online')
    expect(online?.account).toBe('Hotline Bot')

    const agentView = await hub.api('/api/admin/channel-status', { token: agentToken })
    expect(agentView.status).toBe(403)
  })

  it("turns a citizen's private chat into a conversation, ignores the bot's own messages, and delivers the agent's reply", async () => {
    const received = textsFrom(botUser.id, citizen)
    citizen.say('我家楼下的路灯不亮了').to(botUser)
    const [first] = await eventually(
      () => conversationMessages(citizen.id),
      (messages) => messages.length === 1,
    )
    expect(first).toMatchObject({ direction: 'inbound', body: '我家楼下的路灯不亮了', seq: 1 })

    const response = await hub.api(`/api/conversations/${first?.conversationId}/messages`, {
      method: 'POST',
      token: agentToken,
      json: { clientId: 'wechaty-reply-0001', body: '收到，已通知路灯所。' },
    })
    expect(response.status).toBe(201)
    const reply = ((await response.json()) as { message: MessageDto }).message
    await eventually(
      async () => received,
      (texts) => texts.includes('收到，已通知路灯所。'),
    )
    expect(received).toEqual(['收到，已通知路灯所。'])
    const sent = await eventually(
      () => Message.findById(reply.id).lean<MessageDoc>(),
      (message) => message?.status === 'sent',
    )
    expect(sent?.status).toBe('sent')
    // The bot's reply came back from the puppet as a message too; it must not become a citizen message.
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect((await conversationMessages(citizen.id)).map((message) => message.direction)).toEqual(['inbound', 'outbound'])
  })

  it('makes a residents group one conversation and answers into the group', async () => {
    const inRoom = textsFrom(botUser.id, room)
    neighbour.say('小区门口积水严重').to(room)
    const roomId = `room:${room.id}`
    const [first] = await eventually(
      () => conversationMessages(roomId),
      (messages) => messages.length === 1,
    )
    expect(first?.body).toBe('小区门口积水严重')
    expect(first?.sender.name).toBe('Neighbour Wang')
    const response = await hub.api(`/api/conversations/${first?.conversationId}/messages`, {
      method: 'POST',
      token: agentToken,
      json: { clientId: 'wechaty-room-0001', body: '已派人查看排水情况。' },
    })
    expect(response.status).toBe(201)
    await eventually(
      async () => inRoom,
      (texts) => texts.includes('已派人查看排水情况。'),
    )
    expect(inRoom).toEqual(['已派人查看排水情况。'])
  })
})
