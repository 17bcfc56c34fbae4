/**
 * The inbox's lists through the API on the real database and Redis: views and filters, search
 * by contact and message text (Chinese by character pairs), and visibility: every list and
 * every search shows a user only the queues they may see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Conversation } from '../../server/models/conversation.js'
import type { ConversationDto } from '../../server/presenters/dto.js'
import { eventually } from '../support/eventually.js'
import { startTestHub, type TestHub, testConfig } from '../support/test-hub.js'
import { connectVisitor, type Visitor } from '../support/widget-visitor.js'

const localized = (en: string) => ({ 'zh-CN': en, en })
let hub: TestHub
const visitors: Visitor[] = []
const tokens: Record<string, string> = {}
const ids: Record<string, string> = {}

async function list(token: string, query: string): Promise<ConversationDto[]> {
  const response = await hub.api(`/api/conversations?${query}`, { token })
  expect(response.status).toBe(200)
  return ((await response.json()) as { conversations: ConversationDto[] }).conversations
}

async function citizenWrites(text: string): Promise<string> {
  const visitor = await connectVisitor(hub)
  visitors.push(visitor)
  return (await visitor.say(text)).conversationId
}

beforeAll(async () => {
  hub = await startTestHub({
    config: {
      ...testConfig,
      queues: [
        { id: 'general', name: localized('General'), assignment: 'manual' },
        { id: 'housing', name: localized('Housing'), assignment: 'manual' },
      ],
      routing: {
        rules: [
          { name: 'housing', when: { keywords: ['租房', '物业'] }, set: { queue: 'housing', labels: ['housing'] } },
          { name: 'urgent', when: { keywords: ['漏水'] }, set: { priority: 'urgent' } },
        ],
      },
    },
  })
  for (const [key, role, queues] of [
    ['general', 'agent', ['general']],
    ['housing', 'agent', ['housing']],
    ['supervisor', 'supervisor', ['housing']],
    ['admin', 'admin', []],
  ] as const) {
    const user = await hub.createUser(role, [...queues])
    tokens[key] = await hub.login(user.email, user.password)
  }
  ids.streetlight = await citizenWrites('幸福路的路灯不亮了')
  ids.leak = await citizenWrites('楼上漏水严重，请尽快处理')
  ids.rent = await citizenWrites('租房押金不退怎么办')
  ids.fees = await citizenWrites('物业乱收费 invoice 2026-0042')
  await eventually(
    () =>
      Conversation.find({ routedBy: { $ne: null } })
        .limit(10)
        .lean(),
    (found) => found.length === 3,
  )
})
afterAll(async () => {
  for (const visitor of visitors) await visitor.socket.close()
  await hub?.stop()
})

describe('views and filters', () => {
  it('lists by queue, label and priority, only within what the user sees', async () => {
    const idsOf = (conversations: ConversationDto[]) => conversations.map((conversation) => conversation.id).sort()
    expect(idsOf(await list(tokens.general as string, 'status=open'))).toEqual([ids.streetlight, ids.leak].sort())
    expect(idsOf(await list(tokens.housing as string, 'status=open'))).toEqual([ids.rent, ids.fees].sort())
    expect(idsOf(await list(tokens.admin as string, 'status=open&queue=housing'))).toEqual([ids.rent, ids.fees].sort())
    expect(idsOf(await list(tokens.admin as string, 'status=open&label=housing'))).toEqual([ids.rent, ids.fees].sort())
    expect(idsOf(await list(tokens.admin as string, 'status=open&priority=urgent'))).toEqual([ids.leak])
    // Asking for another queue by name shows nothing of it.
    expect(await list(tokens.general as string, 'status=open&queue=housing')).toEqual([])
    // Supervisors see the queues they supervise, not the others.
    expect(idsOf(await list(tokens.supervisor as string, 'status=all'))).toEqual([ids.rent, ids.fees].sort())
    expect((await hub.api(`/api/conversations/${ids.streetlight}`, { token: tokens.supervisor })).status).toBe(404)
  })

  it('lists mine and unassigned', async () => {
    const me = (await (await hub.api('/api/me', { token: tokens.general })).json()) as { user: { id: string } }
    expect(
      (await hub.api(`/api/conversations/${ids.streetlight}/assign`, { method: 'POST', token: tokens.general, json: { assigneeId: me.user.id } })).status,
    ).toBe(200)
    expect((await list(tokens.general as string, 'assignee=me')).map((conversation) => conversation.id)).toEqual([ids.streetlight])
    expect((await list(tokens.general as string, 'assignee=unassigned')).map((conversation) => conversation.id)).toEqual([ids.leak])
  })
})

describe('search', () => {
  it('finds conversations by Chinese words, Latin words and numbers in the messages', async () => {
    expect((await list(tokens.admin as string, `status=all&q=${encodeURIComponent('路灯')}`)).map((conversation) => conversation.id)).toEqual([ids.streetlight])
    expect((await list(tokens.admin as string, `status=all&q=${encodeURIComponent('押金 不退')}`)).map((conversation) => conversation.id)).toEqual([ids.rent])
    expect((await list(tokens.admin as string, 'status=all&q=INVOICE')).map((conversation) => conversation.id)).toEqual([ids.fees])
    expect((await list(tokens.admin as string, 'status=all&q=0042')).map((conversation) => conversation.id)).toEqual([ids.fees])
    expect(await list(tokens.admin as string, `status=all&q=${encodeURIComponent('地铁')}`)).toEqual([])
  })

  it('finds by the contact’s name, and agents’ replies too', async () => {
    const conversation = (await (await hub.api(`/api/conversations/${ids.leak}`, { token: tokens.admin })).json()) as { contact: { name: string } }
    const byName = await list(tokens.admin as string, `status=all&q=${encodeURIComponent(conversation.contact.name)}`)
    expect(byName.map((item) => item.id)).toContain(ids.leak)
    const reply = await hub.api(`/api/conversations/${ids.leak}/messages`, {
      method: 'POST',
      token: tokens.general,
      json: { clientId: 'search-reply', body: '已派维修师傅上门' },
    })
    expect(reply.status).toBe(201)
    expect((await list(tokens.general as string, `status=all&q=${encodeURIComponent('维修师傅')}`)).map((item) => item.id)).toEqual([ids.leak])
  })

  it('never shows another queue’s conversations in search results', async () => {
    expect(await list(tokens.housing as string, `status=all&q=${encodeURIComponent('路灯')}`)).toEqual([])
    expect((await list(tokens.housing as string, `status=all&q=${encodeURIComponent('押金')}`)).map((item) => item.id)).toEqual([ids.rent])
  })
})

describe('paging', () => {
  it('pages through a view newest first without repeats or gaps, from the index and from the database alike', async () => {
    for (let index = 0; index < 5; index++) await citizenWrites(`分页测试 ${index}`)
    const walk = async () => {
      const seen: string[] = []
      let cursor: string | null = null
      for (let page = 0; page < 10; page++) {
        const response = await hub.api(`/api/conversations?status=all&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: tokens.admin })
        const body = (await response.json()) as { conversations: ConversationDto[]; nextCursor: string | null }
        seen.push(...body.conversations.map((conversation) => conversation.id))
        cursor = body.nextCursor
        if (!cursor) break
      }
      return seen
    }
    const indexed = await walk()
    const stored = await Conversation.find({}).sort({ lastMessageAt: -1, _id: -1 }).limit(100).lean()
    expect(indexed).toEqual(stored.map((conversation) => conversation._id))
    expect(new Set(indexed).size).toBe(indexed.length)

    // Without the index (a replaced Redis, before the rebuild), the database gives the same pages.
    await hub.hub.context.redis.del('sb:list:ready')
    try {
      expect(await walk()).toEqual(indexed)
    } finally {
      await hub.hub.context.redis.set('sb:list:ready', '1')
    }
  })
})
