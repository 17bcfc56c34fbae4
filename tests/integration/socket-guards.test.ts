/**
 * Bad frames, bad tokens and nosy visitors on the realtime sockets: every one gets a
 * clear error frame, the socket (or at least the process) survives, and nothing is
 * stored half-way or shown to the wrong person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueVisitorToken } from '../../connectors/webchat/visitor-token.js'
import { isWebchatConnector } from '../../connectors/webchat/webchat-connector.js'
import { Message } from '../../server/models/message.js'
import type { InboxServerFrame, WidgetServerFrame } from '../../server/realtime/protocol.js'
import { openSocket } from '../support/socket-client.js'
import { startTestHub, type TestHub } from '../support/test-hub.js'
import { connectVisitor } from '../support/widget-visitor.js'

let hub: TestHub

beforeAll(async () => {
  hub = await startTestHub({ env: { WIDGET_MAX_FRAME_BYTES: '2048' } })
})
afterAll(async () => {
  await hub?.stop()
})

type ErrorFrame = Extract<WidgetServerFrame, { type: 'error' }>
const isError = (code: string) => (frame: { type: string }) => frame.type === 'error' && (frame as ErrorFrame).code === code

function webchatSecret(): string {
  const connector = hub.hub.context.channels.get('web')?.connector
  if (!connector || !isWebchatConnector(connector)) throw new Error('the test hub has no webchat channel')
  return connector.config.visitorTokenSecret
}

describe('widget socket', () => {
  it('answers malformed frames with error frames and keeps the socket usable', async () => {
    const visitor = await connectVisitor(hub)
    visitor.socket.sendRaw('{not json')
    await visitor.socket.waitFor(isError('invalid_json'))
    visitor.socket.send({ type: 'launch-missiles' })
    await visitor.socket.waitFor(isError('invalid_frame'))
    visitor.socket.send({ type: 'message', clientId: 'no-text-0001' })
    await visitor.socket.waitFor(isError('invalid_frame'))
    visitor.socket.socket.send(Buffer.from([1, 2, 3]), { binary: true })
    await visitor.socket.waitFor(isError('invalid_frame'))

    const stored = await visitor.say('Still here after all that')
    expect(stored.seq).toBe(1)
    expect(await Message.countDocuments({ conversationId: stored.conversationId })).toBe(1)
    await visitor.socket.close()
  })

  it('refuses an oversized frame by size, names the message that failed, and stores nothing of it', async () => {
    const visitor = await connectVisitor(hub)
    visitor.socket.send({ type: 'message', clientId: 'too-big-1', text: '长'.repeat(1000) })
    const error = (await visitor.socket.waitFor(isError('frame_too_large'))) as ErrorFrame
    expect(error.clientId).toBe('too-big-1')
    expect(visitor.socket.socket.readyState).toBe(visitor.socket.socket.OPEN)
    const stored = await visitor.say('A short one')
    expect(stored.seq).toBe(1)
    expect(await Message.countDocuments({ conversationId: stored.conversationId })).toBe(1)
    await visitor.socket.close()
  })

  it('refuses messages before hello, and a second hello on the same socket', async () => {
    const socket = await openSocket<WidgetServerFrame>(`${hub.wsUrl}/ws/widget?channel=web`)
    socket.send({ type: 'message', clientId: 'early-message', text: 'hello?' })
    await socket.waitFor(isError('not_authenticated'))
    await socket.close()

    const visitor = await connectVisitor(hub)
    visitor.socket.send({ type: 'hello', token: visitor.token })
    await visitor.socket.waitFor(isError('already_authenticated'))
    await visitor.socket.close()
  })

  it('closes with 4003 on a forged, tampered or expired visitor token, and opens nothing', async () => {
    const secret = webchatSecret()
    const visitorId = 'AAAAAAAAAAAAAAAAAAAAAA'
    const expired = issueVisitorToken({ secret, channelId: 'web', visitorId, ttlDays: 1, now: () => new Date(Date.now() - 3 * 86_400_000) })
    const valid = issueVisitorToken({ secret, channelId: 'web', visitorId, ttlDays: 1, now: () => new Date() })
    const tampered = valid.replace(/^A/, 'B')
    const otherChannel = issueVisitorToken({ secret, channelId: 'sms', visitorId, ttlDays: 1, now: () => new Date() })
    for (const [token, code] of [
      [expired, 'visitor_token_expired'],
      [tampered, 'visitor_token_bad_signature'],
      [otherChannel, 'visitor_token_bad_signature'],
      ['garbage', 'visitor_token_malformed'],
    ] as const) {
      const socket = await openSocket<WidgetServerFrame>(`${hub.wsUrl}/ws/widget?channel=web`)
      socket.send({ type: 'hello', token })
      await socket.waitFor(isError(code))
      expect((await socket.closed).code).toBe(4003)
    }
  })

  it("never shows one visitor another visitor's conversation, even when asked for it by id", async () => {
    const alice = await connectVisitor(hub)
    const aliceMessage = await alice.say('My ID number is 110101199003077777')
    const mallory = await connectVisitor(hub, { resume: { conversationId: aliceMessage.conversationId, seq: 0 } })
    expect(mallory.ready.conversationId).toBeNull()
    // Mallory's own message opens Mallory's own conversation; Alice's never reaches this socket.
    const own = await mallory.say('hi')
    expect(own.conversationId).not.toBe(aliceMessage.conversationId)
    await alice.say('Another private detail')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(mallory.socket.frames.some((frame) => JSON.stringify(frame).includes('110101199003077777'))).toBe(false)
    expect(mallory.socket.frames.some((frame) => JSON.stringify(frame).includes('Another private detail'))).toBe(false)

    // A read receipt for Alice's message sent by Mallory changes nothing.
    mallory.socket.send({ type: 'receipt', status: 'read', messageIds: [aliceMessage.id] })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect((await Message.findById(aliceMessage.id).lean())?.status).toBe('delivered')
    await alice.socket.close()
    await mallory.socket.close()
  })

  it('replays exactly the messages after the resume seq on reconnect', async () => {
    const visitor = await connectVisitor(hub)
    const first = await visitor.say('one')
    await visitor.say('two')
    await visitor.say('three')
    await visitor.socket.close()
    const again = await connectVisitor(hub, { token: visitor.token, resume: { conversationId: first.conversationId, seq: 1 } })
    expect(again.ready).toMatchObject({ conversationId: first.conversationId, lastSeq: 3 })
    await again.socket.waitFor((frame) => frame.type === 'message' && frame.message.seq === 3)
    expect(again.messages().map((message) => message.body)).toEqual(['two', 'three'])
    await again.socket.close()
  })

  it('deduplicates a message re-sent with the same clientId after a reconnect', async () => {
    const visitor = await connectVisitor(hub)
    const first = await visitor.say('Do not double me', 'same-client-id')
    await visitor.socket.close()
    const again = await connectVisitor(hub, { token: visitor.token, resume: { conversationId: first.conversationId, seq: 1 } })
    again.socket.send({ type: 'message', clientId: 'same-client-id', text: 'Do not double me' })
    await again.socket.waitFor((frame) => frame.type === 'ack' && frame.clientId === 'same-client-id')
    await again.say('after')
    expect(await Message.countDocuments({ conversationId: first.conversationId, body: 'Do not double me' })).toBe(1)
    await again.socket.close()
  })
})

describe('inbox socket', () => {
  it('refuses a socket without a session with 4003 after an unauthorized error', async () => {
    const socket = await openSocket<InboxServerFrame>(`${hub.wsUrl}/ws/inbox`)
    socket.send({ type: 'hello', token: 'not-a-session' })
    await socket.waitFor(isError('unauthorized'))
    expect((await socket.closed).code).toBe(4003)
  })

  it("hides another queue's conversation from a subscription", async () => {
    const visitor = await connectVisitor(hub)
    const message = await visitor.say('Housing agents must not see this')
    const housing = await hub.createUser('agent', ['housing'])
    const token = await hub.login(housing.email, housing.password)
    const inbox = await openSocket<InboxServerFrame>(`${hub.wsUrl}/ws/inbox`, { cookie: `sb_session=${token}` })
    await inbox.waitFor((frame) => frame.type === 'ready')
    inbox.send({ type: 'subscribe', topic: 'conversation', conversationId: message.conversationId, after: 0 })
    await inbox.waitFor(isError('not_found'))
    inbox.send({ type: 'subscribe', topic: 'conversations' })
    await visitor.say('A second message, published live')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(inbox.frames.some((frame) => JSON.stringify(frame).includes(message.conversationId))).toBe(false)
    await inbox.close()
    await visitor.socket.close()
  })

  it('refuses a cross-site WebSocket (foreign Origin) even with a valid session cookie', async () => {
    const agent = await hub.createUser('agent', ['general'])
    const token = await hub.login(agent.email, agent.password)
    const attempt = openSocket(`${hub.wsUrl}/ws/inbox`, { cookie: `sb_session=${token}`, origin: 'https://evil.example' })
    const outcome = await attempt.then(
      async (socket) => (await socket.closed).code,
      () => 'refused',
    )
    expect(outcome === 'refused' || outcome === 4003 || outcome === 1008).toBe(true)
  })
})
