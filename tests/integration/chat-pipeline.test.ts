/**
 * A citizen's widget and an agent's inbox talking through the real hub:
 * real sockets, BullMQ on real Redis, FerretDB as the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConversationDto, MessageDto } from '../../server/presenters/dto.js'
import type { InboxServerFrame } from '../../server/realtime/protocol.js'
import { openSocket } from '../support/socket-client.js'
import { startTestHub, type TestHub } from '../support/test-hub.js'
import { connectVisitor } from '../support/widget-visitor.js'

let hub: TestHub
let agentToken: string
let agent: { id: string; name: string }

beforeAll(async () => {
  hub = await startTestHub()
  const created = await hub.createUser('agent', ['general'])
  agent = created
  agentToken = await hub.login(created.email, created.password)
})
afterAll(async () => {
  await hub?.stop()
})

async function openInbox() {
  const inbox = await openSocket<InboxServerFrame>(`${hub.wsUrl}/ws/inbox`, { cookie: `sb_session=${agentToken}` })
  await inbox.waitFor((frame) => frame.type === 'ready')
  inbox.send({ type: 'subscribe', topic: 'conversations' })
  return inbox
}

describe('web chat to inbox, end to end on real infrastructure', () => {
  it('stores a citizen message with seq 1, acknowledges it, and pushes it to the agent list live', async () => {
    const inbox = await openInbox()
    const visitor = await connectVisitor(hub)
    expect(visitor.ready.conversationId).toBeNull()

    const stored = await visitor.say('我家门口的路灯坏了')
    expect(stored).toMatchObject({ seq: 1, direction: 'inbound', body: '我家门口的路灯坏了', status: 'delivered' })

    const row = (await inbox.waitFor((frame) => frame.type === 'conversation' && frame.conversation.id === stored.conversationId)) as {
      conversation: ConversationDto
    }
    expect(row.conversation).toMatchObject({ status: 'open', unreadCount: 1, channel: 'web', lastSeq: 1 })
    expect(row.conversation.lastMessage?.preview).toBe('我家门口的路灯坏了')
    expect(row.conversation.waitingSince).not.toBeNull()
    await inbox.close()
    await visitor.socket.close()
  })

  it('delivers an agent reply to the citizen and flows delivery status back to the inbox', async () => {
    const visitor = await connectVisitor(hub)
    const first = await visitor.say('How do I renew my residence permit?')
    const inbox = await openInbox()
    inbox.send({ type: 'subscribe', topic: 'conversation', conversationId: first.conversationId, after: 0 })
    await inbox.waitFor((frame) => frame.type === 'message' && frame.message.seq === 1)

    const response = await hub.api(`/api/conversations/${first.conversationId}/messages`, {
      method: 'POST',
      token: agentToken,
      json: { clientId: 'reply-0001', body: 'Bring your ID card to any service centre.' },
    })
    expect(response.status).toBe(201)
    const { message: reply } = (await response.json()) as { message: MessageDto }
    expect(reply).toMatchObject({ seq: 2, direction: 'outbound', status: 'queued', sender: { type: 'agent', name: agent.name } })

    const received = await visitor.socket.waitFor((frame) => frame.type === 'message' && frame.message.seq === 2)
    if (received.type !== 'message') throw new Error('unreachable')
    expect(received.message.body).toBe('Bring your ID card to any service centre.')
    expect(received.message.sender).toEqual({ type: 'agent', name: agent.name })
    expect(received.message.prevVisibleSeq).toBe(1)

    await inbox.waitFor((frame) => frame.type === 'message.updated' && frame.message.id === reply.id && frame.message.status === 'sent')
    visitor.socket.send({ type: 'receipt', status: 'read', messageIds: [reply.id] })
    await inbox.waitFor((frame) => frame.type === 'message.updated' && frame.message.id === reply.id && frame.message.status === 'read')

    const conversation = (await (await hub.api(`/api/conversations/${first.conversationId}`, { token: agentToken })).json()) as {
      conversation: ConversationDto
    }
    expect(conversation.conversation.firstResponseAt).not.toBeNull()
    expect(conversation.conversation.waitingSince).toBeNull()
    await inbox.close()
    await visitor.socket.close()
  })

  it('forwards typing both ways without storing anything', async () => {
    const visitor = await connectVisitor(hub)
    const first = await visitor.say('typing test')
    const inbox = await openInbox()
    inbox.send({ type: 'subscribe', topic: 'conversation', conversationId: first.conversationId, after: 1 })
    await new Promise((resolve) => setTimeout(resolve, 200))
    visitor.socket.send({ type: 'typing', on: true })
    await inbox.waitFor((frame) => frame.type === 'typing' && frame.actor === 'contact' && frame.on)
    inbox.send({ type: 'typing', conversationId: first.conversationId, on: true })
    await visitor.socket.waitFor((frame) => frame.type === 'typing' && frame.on && frame.name === agent.name)
    const page = (await (await hub.api(`/api/conversations/${first.conversationId}/messages`, { token: agentToken })).json()) as { messages: MessageDto[] }
    expect(page.messages).toHaveLength(1)
    await inbox.close()
    await visitor.socket.close()
  })

  it('keeps private notes away from the citizen, live and on resume', async () => {
    const visitor = await connectVisitor(hub)
    const first = await visitor.say('Is the library open on Sunday?')
    const note = await hub.api(`/api/conversations/${first.conversationId}/messages`, {
      method: 'POST',
      token: agentToken,
      json: { clientId: 'note-000001', body: 'Citizen called twice before', private: true },
    })
    expect(note.status).toBe(201)
    await hub.api(`/api/conversations/${first.conversationId}/messages`, {
      method: 'POST',
      token: agentToken,
      json: { clientId: 'reply-000002', body: 'Yes, 9 to 5.' },
    })
    const reply = await visitor.socket.waitFor((frame) => frame.type === 'message' && frame.message.seq === 3)
    if (reply.type !== 'message') throw new Error('unreachable')
    // seq 2 is the note: the citizen sees 1 then 3, and prevVisibleSeq tells them nothing is missing.
    expect(reply.message.prevVisibleSeq).toBe(1)
    expect(visitor.messages().some((message) => message.private || message.body.includes('called twice'))).toBe(false)

    await visitor.socket.close()
    const again = await connectVisitor(hub, { token: visitor.token, resume: { conversationId: first.conversationId, seq: 0 } })
    await again.socket.waitFor((frame) => frame.type === 'message' && frame.message.seq === 3)
    expect(again.messages().map((message) => message.seq)).toEqual([1, 3])
    await again.socket.close()
  })

  it('allocates strictly increasing seqs under concurrent writers (the FerretDB lost-update case)', async () => {
    const visitor = await connectVisitor(hub)
    const first = await visitor.say('concurrency')
    const replies = await Promise.all(
      Array.from({ length: 15 }, (_, index) =>
        hub.api(`/api/conversations/${first.conversationId}/messages`, {
          method: 'POST',
          token: agentToken,
          json: { clientId: `burst-${String(index).padStart(4, '0')}`, body: `reply ${index}` },
        }),
      ),
    )
    expect(replies.every((response) => response.status === 201)).toBe(true)
    const page = (await (await hub.api(`/api/conversations/${first.conversationId}/messages?limit=100`, { token: agentToken })).json()) as {
      messages: MessageDto[]
    }
    expect(page.messages.map((message) => message.seq)).toEqual(Array.from({ length: 16 }, (_, index) => index + 1))
    const summary = (await (await hub.api(`/api/conversations/${first.conversationId}`, { token: agentToken })).json()) as { conversation: ConversationDto }
    expect(summary.conversation.lastSeq).toBe(16)
    await visitor.socket.close()
  })
})
