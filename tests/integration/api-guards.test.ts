/**
 * Who may do what over the REST API, and what bad requests get back: the error
 * envelope, the status code, and no change in the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuditEvent } from '../../server/models/audit-event.js'
import { Message } from '../../server/models/message.js'
import type { ConversationDto, MessageDto } from '../../server/presenters/dto.js'
import { startTestHub, type TestHub } from '../support/test-hub.js'
import { connectVisitor } from '../support/widget-visitor.js'

let hub: TestHub
let conversationId: string
const tokens = { general: '', housing: '', other: '', supervisor: '' }
let generalAgent: { id: string }
let otherAgent: { id: string }

beforeAll(async () => {
  hub = await startTestHub()
  generalAgent = await hub.createUser('agent', ['general'])
  const housingAgent = await hub.createUser('agent', ['housing'])
  otherAgent = await hub.createUser('agent', ['general'])
  const supervisor = await hub.createUser('supervisor', ['general'])
  for (const [key, user] of [
    ['general', generalAgent],
    ['housing', housingAgent],
    ['other', otherAgent],
    ['supervisor', supervisor],
  ] as const) {
    tokens[key] = await hub.login((user as { email: string }).email, (user as { password: string }).password)
  }
  const visitor = await connectVisitor(hub)
  conversationId = (await visitor.say('Where do I pay my water bill?')).conversationId
  await visitor.socket.close()
})
afterAll(async () => {
  await hub?.stop()
})

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } }
  expect(typeof body.error.message).toBe('string')
  return body.error
}

describe('authentication', () => {
  it('refuses every API route without a session, with 401 and the error envelope', async () => {
    for (const [method, path] of [
      ['GET', '/api/me'],
      ['GET', '/api/conversations'],
      ['GET', `/api/conversations/${conversationId}`],
      ['POST', `/api/conversations/${conversationId}/status`],
    ] as const) {
      const response = await hub.api(path, { method, ...(method === 'POST' ? { json: { status: 'resolved' } } : {}) })
      expect(response.status, `${method} ${path}`).toBe(401)
      expect((await errorOf(response)).code).toBe('unauthorized')
    }
  })

  it('refuses a wrong password and an unknown email alike (no account enumeration)', async () => {
    const wrongPassword = await hub.api('/api/auth/login', { method: 'POST', json: { email: 'admin@test.local', password: 'not-the-password' } })
    const unknownEmail = await hub.api('/api/auth/login', { method: 'POST', json: { email: 'nobody@test.local', password: 'not-the-password' } })
    expect(wrongPassword.status).toBe(401)
    expect(unknownEmail.status).toBe(401)
    expect(await errorOf(wrongPassword)).toEqual(await errorOf(unknownEmail))
  })

  it('ends a session on logout: the same token is refused afterwards', async () => {
    const user = await hub.createUser('agent')
    const token = await hub.login(user.email, user.password)
    expect((await hub.api('/api/me', { token })).status).toBe(200)
    expect((await hub.api('/api/auth/logout', { method: 'POST', token })).status).toBeLessThan(300)
    expect((await hub.api('/api/me', { token })).status).toBe(401)
  })

  it('locks an account after 10 failed sign-ins (429, even with the right password) but never for successful ones', async () => {
    const user = await hub.createUser('agent')
    // A whole shift signing in from one office address is not an attack.
    for (let index = 0; index < 25; index++) await hub.login(user.email, user.password)
    const victim = await hub.createUser('agent')
    for (let index = 0; index < 10; index++) {
      const response = await hub.api('/api/auth/login', { method: 'POST', json: { email: victim.email, password: 'wrong-password' } })
      expect(response.status).toBe(401)
    }
    const locked = await hub.api('/api/auth/login', { method: 'POST', json: { email: victim.email, password: victim.password } })
    expect(locked.status).toBe(429)
    expect((await errorOf(locked)).code).toBe('too_many_attempts')
    // Other accounts from the same address still sign in.
    expect(await hub.login(user.email, user.password)).toBeTruthy()
  })

  it('refuses a forged session token', async () => {
    const response = await hub.api('/api/me', { token: 'f'.repeat(64) })
    expect(response.status).toBe(401)
  })
})

describe('roles and queues', () => {
  it("hides another queue's conversation from an agent as if it did not exist (404, not 403)", async () => {
    const response = await hub.api(`/api/conversations/${conversationId}`, { token: tokens.housing })
    expect(response.status).toBe(404)
    expect((await errorOf(response)).code).toBe('not_found')
    const list = (await (await hub.api('/api/conversations?status=all', { token: tokens.housing })).json()) as { conversations: ConversationDto[] }
    expect(list.conversations.map((conversation) => conversation.id)).not.toContain(conversationId)
    const reply = await hub.api(`/api/conversations/${conversationId}/messages`, {
      method: 'POST',
      token: tokens.housing,
      json: { clientId: 'sneaky-1', body: 'hi' },
    })
    expect(reply.status).toBe(404)
    expect(await Message.countDocuments({ conversationId, type: { $ne: 'event' } })).toBe(1)
  })

  it('lets an agent of the queue see it, and a supervisor see every queue', async () => {
    expect((await hub.api(`/api/conversations/${conversationId}`, { token: tokens.general })).status).toBe(200)
    expect((await hub.api(`/api/conversations/${conversationId}`, { token: tokens.supervisor })).status).toBe(200)
  })

  it('lets an agent take a conversation but not hand it to someone else (403), which a supervisor may do', async () => {
    const handOver = await hub.api(`/api/conversations/${conversationId}/assign`, {
      method: 'POST',
      token: tokens.general,
      json: { assigneeId: otherAgent.id },
    })
    expect(handOver.status).toBe(403)
    expect((await errorOf(handOver)).code).toBe('forbidden')

    const take = await hub.api(`/api/conversations/${conversationId}/assign`, { method: 'POST', token: tokens.general, json: { assigneeId: generalAgent.id } })
    expect(take.status).toBe(200)
    expect(((await take.json()) as { conversation: ConversationDto }).conversation.assignee?.id).toBe(generalAgent.id)

    const steal = await hub.api(`/api/conversations/${conversationId}/assign`, { method: 'POST', token: tokens.other, json: { assigneeId: null } })
    expect(steal.status).toBe(403)

    const reassign = await hub.api(`/api/conversations/${conversationId}/assign`, {
      method: 'POST',
      token: tokens.supervisor,
      json: { assigneeId: otherAgent.id },
    })
    expect(reassign.status).toBe(200)
    const audits = await AuditEvent.find({ action: 'conversation.assign', 'target.id': conversationId }).limit(10).lean()
    expect(audits.map((event) => (event.details as { to: string | null }).to)).toEqual([generalAgent.id, otherAgent.id])
  })
})

describe('bad input', () => {
  it('answers invalid JSON with 400 invalid_json and stores nothing', async () => {
    const response = await hub.api(`/api/conversations/${conversationId}/messages`, {
      method: 'POST',
      token: tokens.supervisor,
      headers: { 'content-type': 'application/json' },
      body: '{"clientId": "abc", "body": ',
    })
    expect(response.status).toBe(400)
    expect((await errorOf(response)).code).toBe('invalid_json')
    expect(await Message.countDocuments({ conversationId, type: { $ne: 'event' } })).toBe(1)
  })

  it('answers a body that breaks the schema with 400 validation_failed and the details', async () => {
    const response = await hub.api(`/api/conversations/${conversationId}/messages`, {
      method: 'POST',
      token: tokens.supervisor,
      json: { clientId: 'x1', body: '' },
    })
    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: { code: string; details?: unknown } }
    expect(body.error.code).toBe('validation_failed')
    expect(body.error.details).toBeDefined()
    const badStatus = await hub.api(`/api/conversations/${conversationId}/status`, { method: 'POST', token: tokens.supervisor, json: { status: 'deleted' } })
    expect(badStatus.status).toBe(400)
    expect(await Message.countDocuments({ conversationId, type: { $ne: 'event' } })).toBe(1)
  })

  it('refuses an attachment the channel cannot carry (web chat is text only) with 409, storing no message', async () => {
    const upload = await hub.api(`/api/conversations/${conversationId}/attachments?name=a.png`, {
      method: 'POST',
      token: tokens.supervisor,
      headers: { 'content-type': 'image/png' },
      body: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    })
    expect(upload.status).toBe(201)
    const { attachment } = (await upload.json()) as { attachment: { url: string } }
    const before = await Message.countDocuments({ conversationId, type: { $ne: 'event' } })
    const response = await hub.api(`/api/conversations/${conversationId}/messages`, {
      method: 'POST',
      token: tokens.supervisor,
      json: { clientId: 'attach-web-01', attachments: [{ url: attachment.url }] },
    })
    expect(response.status).toBe(409)
    expect((await errorOf(response)).code).toBe('unsupported_message_type')
    expect(await Message.countDocuments({ conversationId, type: { $ne: 'event' } })).toBe(before)
  })

  it('answers an unknown conversation id with 404 on every route', async () => {
    for (const path of ['', '/messages?after=0']) {
      const response = await hub.api(`/api/conversations/cnv_doesnotexist${path}`, { token: tokens.supervisor })
      expect(response.status).toBe(404)
      expect((await errorOf(response)).code).toBe('not_found')
    }
  })

  it('answers a bad query with 400 (after and before together, negative seq)', async () => {
    expect((await hub.api(`/api/conversations/${conversationId}/messages?after=0&before=3`, { token: tokens.supervisor })).status).toBe(400)
    expect((await hub.api(`/api/conversations/${conversationId}/messages?after=-1`, { token: tokens.supervisor })).status).toBe(400)
  })

  it('answers an unknown route with a JSON 404', async () => {
    const response = await hub.api('/api/no-such-thing', { token: tokens.supervisor })
    expect(response.status).toBe(404)
    expect((await errorOf(response)).code).toBe('not_found')
  })
})

describe('resume after seq over REST', () => {
  it('returns only messages after the given seq, in order', async () => {
    for (const [index, body] of ['First answer', 'Second answer', 'Third answer'].entries()) {
      const response = await hub.api(`/api/conversations/${conversationId}/messages`, {
        method: 'POST',
        token: tokens.supervisor,
        json: { clientId: `resume-${index}`, body },
      })
      expect(response.status).toBe(201)
    }
    // Earlier tests put assignment events in the timeline: resume from just after the first answer, wherever it landed.
    const all = (await (await hub.api(`/api/conversations/${conversationId}/messages?limit=100`, { token: tokens.supervisor })).json()) as {
      messages: MessageDto[]
    }
    const first = all.messages.find((message) => message.body === 'First answer')
    const page = (await (await hub.api(`/api/conversations/${conversationId}/messages?after=${first?.seq}`, { token: tokens.supervisor })).json()) as {
      messages: MessageDto[]
    }
    expect(page.messages.map((message) => message.body)).toEqual(['Second answer', 'Third answer'])
    expect(page.messages.map((message) => message.seq)).toEqual([(first?.seq ?? 0) + 1, (first?.seq ?? 0) + 2])
  })

  it('stores a reply retried with the same clientId once (200 the second time)', async () => {
    const send = () =>
      hub.api(`/api/conversations/${conversationId}/messages`, { method: 'POST', token: tokens.supervisor, json: { clientId: 'retry-me', body: 'Once only' } })
    const [first, second] = [await send(), await send()]
    expect(first.status).toBe(201)
    expect(second.status).toBe(200)
    const a = ((await first.json()) as { message: MessageDto }).message
    const b = ((await second.json()) as { message: MessageDto }).message
    expect(b.id).toBe(a.id)
    expect(await Message.countDocuments({ conversationId, body: 'Once only' })).toBe(1)
  })
})
