/**
 * Inbox tools through the API and the inbox socket: labels, canned responses (managed by
 * supervisors, offered per queue), @mentions in internal notes reaching the colleague live,
 * and the unread counts behind the badges.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConversationDto } from '../../server/presenters/dto.js'
import type { InboxServerFrame } from '../../server/realtime/protocol.js'
import { openSocket } from '../support/socket-client.js'
import { startTestHub, type TestHub } from '../support/test-hub.js'
import { connectVisitor, type Visitor } from '../support/widget-visitor.js'

let hub: TestHub
const tokens: Record<'agent' | 'colleague' | 'supervisor' | 'housing', string> = { agent: '', colleague: '', supervisor: '', housing: '' }
const names: Record<string, string> = {}
const visitors: Visitor[] = []

async function citizenWrites(text: string): Promise<string> {
  const visitor = await connectVisitor(hub)
  visitors.push(visitor)
  return (await visitor.say(text)).conversationId
}

beforeAll(async () => {
  hub = await startTestHub()
  for (const [key, role, queues] of [
    ['agent', 'agent', ['general']],
    ['colleague', 'agent', ['general']],
    ['supervisor', 'supervisor', ['general', 'housing']],
    ['housing', 'agent', ['housing']],
  ] as const) {
    const user = await hub.createUser(role, [...queues])
    tokens[key] = await hub.login(user.email, user.password)
    names[key] = user.name
  }
})
afterAll(async () => {
  for (const visitor of visitors) await visitor.socket.close()
  await hub?.stop()
})

describe('labels', () => {
  it('adds and removes labels, without duplicates, only on visible conversations', async () => {
    const id = await citizenWrites('标签')
    const add = await hub.api(`/api/conversations/${id}/labels`, { method: 'POST', token: tokens.agent, json: { add: ['路灯', 'repeat', '路灯'] } })
    expect(((await add.json()) as { conversation: ConversationDto }).conversation.labels).toEqual(['路灯', 'repeat'])
    const remove = await hub.api(`/api/conversations/${id}/labels`, { method: 'POST', token: tokens.agent, json: { remove: ['repeat'] } })
    expect(((await remove.json()) as { conversation: ConversationDto }).conversation.labels).toEqual(['路灯'])
    expect((await hub.api(`/api/conversations/${id}/labels`, { method: 'POST', token: tokens.housing, json: { add: ['x'] } })).status).toBe(404)
    const inUse = (await (await hub.api('/api/labels', { token: tokens.agent })).json()) as { labels: string[] }
    expect(inUse.labels).toEqual(expect.arrayContaining(['路灯', 'repeat']))
    expect((await hub.api(`/api/conversations/${id}/labels`, { method: 'POST', token: tokens.agent, json: { add: [''] } })).status).toBe(400)
  })
})

describe('canned responses', () => {
  it('are managed by supervisors, unique by shortcut, and offered by queue', async () => {
    const greeting = { shortcut: 'greeting', title: 'Greeting', body: '{{contact.name}}您好，我是{{agent.name}}，很高兴为您服务。' }
    expect((await hub.api('/api/canned-responses', { method: 'POST', token: tokens.agent, json: greeting })).status).toBe(403)
    const created = await hub.api('/api/canned-responses', { method: 'POST', token: tokens.supervisor, json: greeting })
    expect(created.status).toBe(201)
    const { response } = (await created.json()) as { response: { id: string } }
    expect((await hub.api('/api/canned-responses', { method: 'POST', token: tokens.supervisor, json: greeting })).status).toBe(409)
    const housingOnly = { shortcut: '押金', title: 'Deposit', body: '押金纠纷请联系住建部门。', queue: 'housing' }
    expect((await hub.api('/api/canned-responses', { method: 'POST', token: tokens.supervisor, json: housingOnly })).status).toBe(201)
    expect((await hub.api('/api/canned-responses', { method: 'POST', token: tokens.supervisor, json: { ...greeting, shortcut: 'two words' } })).status).toBe(
      400,
    )

    const shortcutsFor = async (token: string) =>
      ((await (await hub.api('/api/canned-responses', { token })).json()) as { responses: { shortcut: string }[] }).responses.map((item) => item.shortcut)
    expect(await shortcutsFor(tokens.agent)).toEqual(['greeting'])
    expect((await shortcutsFor(tokens.housing)).sort()).toEqual(['greeting', '押金'].sort())

    const changed = await hub.api(`/api/canned-responses/${response.id}`, { method: 'PUT', token: tokens.supervisor, json: { ...greeting, title: 'Hello' } })
    expect(changed.status).toBe(200)
    expect((await hub.api(`/api/canned-responses/${response.id}`, { method: 'DELETE', token: tokens.supervisor })).status).toBe(200)
    expect((await hub.api(`/api/canned-responses/${response.id}`, { method: 'DELETE', token: tokens.supervisor })).status).toBe(404)
  })
})

describe('mentions and counts', () => {
  it('tells a colleague named in an internal note, live, and nobody else', async () => {
    const id = await citizenWrites('需要同事协助')
    const colleagueInbox = await openSocket<InboxServerFrame>(`${hub.wsUrl}/ws/inbox`, { cookie: `sb_session=${tokens.colleague}` })
    const bystanderInbox = await openSocket<InboxServerFrame>(`${hub.wsUrl}/ws/inbox`, { cookie: `sb_session=${tokens.supervisor}` })
    for (const socket of [colleagueInbox, bystanderInbox]) {
      await socket.waitFor((frame) => frame.type === 'ready')
      socket.send({ type: 'subscribe', topic: 'conversations' })
    }
    const note = await hub.api(`/api/conversations/${id}/messages`, {
      method: 'POST',
      token: tokens.agent,
      json: { clientId: 'mention-note-1', body: `@${names.colleague} 请帮忙核实地址`, private: true },
    })
    expect(note.status).toBe(201)
    const mention = await colleagueInbox.waitFor((frame) => frame.type === 'mention')
    expect(mention).toMatchObject({ type: 'mention', conversationId: id, by: names.agent })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(bystanderInbox.frames.some((frame) => frame.type === 'mention')).toBe(false)
    await colleagueInbox.close()
    await bystanderInbox.close()
  })

  it('counts open conversations with unread messages: unassigned, mine, per queue', async () => {
    const before = (await (await hub.api('/api/conversations/counts', { token: tokens.colleague })).json()) as {
      mine: number
      unassigned: number
      queues: Record<string, number>
    }
    const id = await citizenWrites('未读计数')
    const me = (await (await hub.api('/api/me', { token: tokens.colleague })).json()) as { user: { id: string } }
    await hub.api(`/api/conversations/${id}/assign`, { method: 'POST', token: tokens.colleague, json: { assigneeId: me.user.id } })
    // Counts are cached for a few seconds per user.
    await new Promise((resolve) => setTimeout(resolve, 5200))
    const after = (await (await hub.api('/api/conversations/counts', { token: tokens.colleague })).json()) as {
      mine: number
      unassigned: number
      queues: Record<string, number>
    }
    expect(after.mine).toBe(before.mine + 1)
    expect(after.queues.general).toBe((before.queues.general ?? 0) + 1)
    expect(Object.keys(after.queues)).toEqual(['general'])
  })
})
