/**
 * Routing and assignment in the real hub (FerretDB + Redis): rules place conversations in
 * queues, online agents get them atomically under concurrent arrivals without exceeding their
 * capacity, fairly; freed room is refilled at once from the longest-waiting; conversations move
 * on when the assignee does not answer or goes offline; transfers and the wallboard work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Conversation, type ConversationDoc } from '../../server/models/conversation.js'
import { Message, type MessageDoc } from '../../server/models/message.js'
import { User } from '../../server/models/user.js'
import { sweepPresence } from '../../server/routing/presence.js'
import { routingKeys } from '../../server/routing/routing-state.js'
import { eventually } from '../support/eventually.js'
import { startTestHub, type TestHub, testConfig } from '../support/test-hub.js'
import { connectVisitor, type Visitor } from '../support/widget-visitor.js'

const localized = (en: string) => ({ 'zh-CN': en, en })
let hub: TestHub
const visitors: Visitor[] = []

interface Agent {
  id: string
  name: string
  token: string
}

async function agentIn(queues: string[], options: { chat?: number; skills?: string[] } = {}): Promise<Agent> {
  const user = await hub.createUser('agent', queues)
  if (options.chat !== undefined || options.skills) {
    await User.updateOne(
      { _id: user.id },
      { $set: { ...(options.chat !== undefined ? { capacity: { chat: options.chat } } : {}), skills: options.skills ?? [] } },
    )
  }
  return { id: user.id, name: user.name, token: await hub.login(user.email, user.password) }
}

async function presence(agent: Agent, value: 'online' | 'away' | 'offline'): Promise<void> {
  const response = await hub.api('/api/me/presence', { method: 'PUT', token: agent.token, json: { presence: value } })
  expect(response.status).toBe(200)
}

/** A citizen opens the widget and writes; returns their conversation id. */
async function citizenWrites(text: string): Promise<string> {
  const visitor = await connectVisitor(hub)
  visitors.push(visitor)
  return (await visitor.say(text)).conversationId
}

async function conversation(id: string): Promise<ConversationDoc | null> {
  return Conversation.findById(id).lean<ConversationDoc>()
}

async function conversations(ids: readonly string[]): Promise<ConversationDoc[]> {
  return Promise.all(ids.map(async (id) => (await conversation(id)) as ConversationDoc))
}

async function timeline(id: string, name: string): Promise<MessageDoc[]> {
  const messages = await Message.find({ conversationId: id, type: 'event' }).limit(100).lean<MessageDoc[]>()
  return messages.filter((message) => message.metadata?.event === name)
}

beforeAll(async () => {
  hub = await startTestHub({
    config: {
      ...testConfig,
      queues: [
        { id: 'general', name: localized('General') },
        { id: 'housing', name: localized('Housing'), assignment: 'round_robin' },
        { id: 'transport', name: localized('Transport'), reassignAfterMinutes: 0.03 },
        { id: 'business', name: localized('Business') },
        { id: 'english', name: localized('English desk'), skills: [] },
        { id: 'desk', name: localized('Front desk'), assignment: 'manual' },
        {
          id: 'timed',
          name: localized('Timed desk'),
          assignment: 'manual',
          // 6 s to answer, 12 s to resolve, at risk at half time (around the clock, so the test does not wait for office hours).
          sla: { firstResponseMinutes: { normal: 0.1 }, resolutionMinutes: { normal: 0.2 }, clock: 'calendar', atRiskPercent: 50 },
        },
      ],
      routing: {
        rules: [
          { name: 'housing words', when: { keywords: ['租房'] }, set: { queue: 'housing' } },
          { name: 'transport words', when: { keywords: ['公交'] }, set: { queue: 'transport', priority: 'high' } },
          { name: 'business words', when: { keywords: ['营业执照'] }, set: { queue: 'business', labels: ['enterprise'] } },
          { name: 'english speakers', when: { pattern: '^(hello|hi)\\b' }, set: { queue: 'english', skills: ['english'] } },
          { name: 'front desk', when: { keywords: ['前台'] }, set: { queue: 'desk' } },
          { name: 'timed', when: { keywords: ['时限'] }, set: { queue: 'timed' } },
        ],
      },
    },
  })
})
afterAll(async () => {
  for (const visitor of visitors) await visitor.socket.close()
  await hub?.stop()
})

describe('assignment', () => {
  it('assigns concurrent arrivals once each, never past capacity, evenly, and refills freed room from the longest waiting', async () => {
    const agents = await Promise.all([agentIn(['general'], { chat: 2 }), agentIn(['general'], { chat: 2 }), agentIn(['general'], { chat: 2 })])
    for (const agent of agents) await presence(agent, 'online')

    const ids = await Promise.all(Array.from({ length: 10 }, (_, index) => citizenWrites(`市民 ${index} 的问题`)))
    const settled = await eventually(
      () => conversations(ids),
      (found) => found.filter((item) => item.assigneeId !== null).length === 6,
    )
    const perAgent = agents.map((agent) => settled.filter((item) => item.assigneeId === agent.id).length)
    expect(perAgent).toEqual([2, 2, 2])
    // Each assigned conversation has exactly one assignment in its timeline; the others wait in line.
    for (const item of settled) expect(await timeline(item._id, 'conversation.assigned')).toHaveLength(item.assigneeId ? 1 : 0)
    const waiting = await hub.hub.context.redis.zrange(routingKeys.waiting('general'), 0, -1)
    expect(waiting.sort()).toEqual(
      settled
        .filter((item) => item.assigneeId === null)
        .map((item) => item._id)
        .sort(),
    )

    // An agent resolves one: the citizen who has waited longest gets that agent at once.
    const freed = settled.find((item) => item.assigneeId === agents[0]?.id) as ConversationDoc
    const longestWaiting = [...settled].filter((item) => item.assigneeId === null).sort((a, b) => Number(a.waitingSince) - Number(b.waitingSince))[0]
    const resolved = await hub.api(`/api/conversations/${freed._id}/status`, { method: 'POST', token: agents[0]?.token, json: { status: 'resolved' } })
    expect(resolved.status).toBe(200)
    // Arrivals in the same millisecond tie for longest waiting: any of them may be the one.
    const longest = Number(longestWaiting?.waitingSince)
    const refilled = await eventually(
      async () =>
        (await conversations(ids)).find(
          (item) => item.assigneeId === agents[0]?.id && item._id !== freed._id && !settled.some((before) => before._id === item._id && before.assigneeId),
        ),
      (item) => item !== undefined,
    )
    expect(Number(refilled?.waitingSince)).toBe(longest)
    const loads = await Promise.all(agents.map((agent) => hub.hub.context.redis.scard(routingKeys.load(agent.id, 'chat'))))
    expect(loads).toEqual([2, 2, 2])
  })

  it('routes by rule and takes turns in a round-robin queue', async () => {
    const agents = [await agentIn(['housing']), await agentIn(['housing'])]
    for (const agent of agents) await presence(agent, 'online')
    const ids: string[] = []
    for (let index = 0; index < 4; index++) ids.push(await citizenWrites(`租房押金问题 ${index}`))
    const assigned = await eventually(
      () => conversations(ids),
      (found) => found.every((item) => item.assigneeId !== null),
    )
    expect(assigned.every((item) => item.queue === 'housing' && item.routedBy === 'housing words')).toBe(true)
    const order = assigned.map((item) => item.assigneeId)
    expect(order[0]).not.toBe(order[1])
    expect(order[2]).toBe(order[0])
    expect(order[3]).toBe(order[1])
  })

  it('gives conversations needing a skill only to agents with it, and none to away agents', async () => {
    const plain = await agentIn(['english'])
    const away = await agentIn(['english'], { skills: ['english'] })
    await presence(plain, 'online')
    await presence(away, 'away')
    const id = await citizenWrites('hello, I need help with my residence permit')
    await eventually(
      () => conversation(id),
      (item) => item?.requiredSkills?.includes('english') === true,
    )
    // Nobody both online and skilled: it waits.
    expect((await conversation(id))?.assigneeId).toBeNull()
    const skilled = await agentIn(['english'], { skills: ['english'] })
    await presence(skilled, 'online')
    const assigned = await eventually(
      () => conversation(id),
      (item) => item?.assigneeId !== null,
    )
    expect(assigned?.assigneeId).toBe(skilled.id)
  })

  it('never assigns in a manual queue: agents take from it', async () => {
    const agent = await agentIn(['desk'])
    await presence(agent, 'online')
    const id = await citizenWrites('前台 预约')
    await eventually(
      () => conversation(id),
      (item) => item?.queue === 'desk',
    )
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect((await conversation(id))?.assigneeId).toBeNull()
    const taken = await hub.api(`/api/conversations/${id}/assign`, { method: 'POST', token: agent.token, json: { assigneeId: agent.id } })
    expect(taken.status).toBe(200)
    expect(await hub.hub.context.redis.sismember(routingKeys.load(agent.id, 'chat'), id)).toBe(1)
  })
})

describe('queue position', () => {
  it('tells waiting citizens their place in line, and moves them up when an agent takes one', async () => {
    const agent = await agentIn(['desk'])
    const waiting: Visitor[] = []
    const ids: string[] = []
    for (let index = 0; index < 3; index++) {
      const visitor = await connectVisitor(hub)
      visitors.push(visitor)
      waiting.push(visitor)
      ids.push((await visitor.say(`前台 排队 ${index}`)).conversationId)
    }
    const placeOf = (visitor: Visitor) => {
      const frames = visitor.socket.frames.filter((frame) => frame.type === 'queue')
      return frames.at(-1) as { position: number | null } | undefined
    }
    // The desk line may hold citizens of earlier tests: places are relative.
    const first = await eventually(
      async () => waiting.map((visitor) => placeOf(visitor)?.position ?? null),
      (places) => places.every((place) => place !== null) && new Set(places).size === 3,
    )
    expect((first[1] ?? 0) - (first[0] ?? 0)).toBe(1)
    expect((first[2] ?? 0) - (first[1] ?? 0)).toBe(1)

    await hub.api(`/api/conversations/${ids[0]}/assign`, { method: 'POST', token: agent.token, json: { assigneeId: agent.id } })
    const moved = await eventually(
      async () => waiting.map((visitor) => placeOf(visitor)?.position ?? null),
      (places) => places[0] === null && places[1] === (first[1] ?? 0) - 1,
    )
    expect(moved[2]).toBe((first[2] ?? 0) - 1)
  })
})

describe('reassignment', () => {
  it('moves a conversation on when the assignee has not answered in time, and records why', async () => {
    const first = await agentIn(['transport'])
    await presence(first, 'online')
    const id = await citizenWrites('公交 12 路改线了吗？')
    await eventually(
      () => conversation(id),
      (item) => item?.assigneeId === first.id,
    )
    const second = await agentIn(['transport'])
    await presence(second, 'online')
    // reassignAfterMinutes 0.03 = 1.8 s without an answer.
    const moved = await eventually(
      () => conversation(id),
      (item) => item?.assigneeId === second.id,
    )
    expect(moved?.previousAssigneeId).toBe(first.id)
    const [event] = await timeline(id, 'conversation.reassigned')
    expect(event?.metadata).toMatchObject({ reason: 'no_answer', fromId: first.id })
    expect(await hub.hub.context.redis.sismember(routingKeys.load(first.id, 'chat'), id)).toBe(0)

    // Answered in time: it stays.
    const reply = await hub.api(`/api/conversations/${id}/messages`, { method: 'POST', token: second.token, json: { clientId: 'answer-1', body: '已改线。' } })
    expect(reply.status).toBe(201)
    await new Promise((resolve) => setTimeout(resolve, 2500))
    expect((await conversation(id))?.assigneeId).toBe(second.id)
  })

  it('moves waiting conversations off an agent who goes offline, or whose inbox stops beating', async () => {
    const leaving = await agentIn(['business'])
    await presence(leaving, 'online')
    const id = await citizenWrites('营业执照 年检')
    await eventually(
      () => conversation(id),
      (item) => item?.assigneeId === leaving.id,
    )
    const staying = await agentIn(['business'])
    await presence(staying, 'online')
    await presence(leaving, 'offline')
    const moved = await eventually(
      () => conversation(id),
      (item) => item?.assigneeId === staying.id,
    )
    expect(moved?.labels).toContain('enterprise')
    expect((await timeline(id, 'conversation.reassigned'))[0]?.metadata?.reason).toBe('assignee_offline')

    // The inbox of the second agent vanishes: once its heartbeat expires, the sweep takes them offline.
    const backup = await agentIn(['business'])
    await presence(backup, 'online')
    await hub.hub.context.redis.del(routingKeys.seen(staying.id))
    const gone = await sweepPresence(hub.hub.context, (agentId) => User.findById(agentId, { name: 1, queues: 1 }).lean())
    expect(gone).toContain(staying.id)
    await eventually(
      () => conversation(id),
      (item) => item?.assigneeId === backup.id,
    )
  })
})

describe('transfer and wallboard', () => {
  it('transfers to a colleague with a private note, or to another queue, each in the timeline', async () => {
    const from = await agentIn(['general'], { chat: 10 })
    const to = await agentIn(['general'], { chat: 10 })
    const id = await citizenWrites('需要转给同事')
    const taken = await hub.api(`/api/conversations/${id}/assign`, { method: 'POST', token: from.token, json: { assigneeId: from.id } })
    expect(taken.status).toBe(200)
    const transferred = await hub.api(`/api/conversations/${id}/transfer`, {
      method: 'POST',
      token: from.token,
      json: { toAgentId: to.id, note: '市民要求回电，号码已核实' },
    })
    expect(transferred.status).toBe(200)
    expect((await conversation(id))?.assigneeId).toBe(to.id)
    const note = await Message.findOne({ conversationId: id, private: true, body: '市民要求回电，号码已核实' }).lean<MessageDoc>()
    expect(note?.sender.id).toBe(from.id)
    expect((await timeline(id, 'conversation.transferred'))[0]?.metadata).toMatchObject({ fromId: from.id, toId: to.id })

    // A colleague who does not work the queue cannot receive it; a stranger cannot move it.
    const outsider = await agentIn(['housing'])
    const refused = await hub.api(`/api/conversations/${id}/transfer`, { method: 'POST', token: to.token, json: { toAgentId: outsider.id } })
    expect(refused.status).toBe(400)
    const bystander = await agentIn(['general'])
    expect((await hub.api(`/api/conversations/${id}/transfer`, { method: 'POST', token: bystander.token, json: { toQueue: 'desk' } })).status).toBe(403)

    const toQueue = await hub.api(`/api/conversations/${id}/transfer`, { method: 'POST', token: to.token, json: { toQueue: 'desk' } })
    expect(toQueue.status).toBe(200)
    const moved = await conversation(id)
    expect(moved).toMatchObject({ queue: 'desk', assigneeId: null })
    expect(await hub.hub.context.redis.zscore(routingKeys.waiting('desk'), id)).not.toBeNull()
    expect(await hub.hub.context.redis.sismember(routingKeys.load(to.id, 'chat'), id)).toBe(0)
  })

  it('shows supervisors their queues: the line, the longest wait, agents by state and load', async () => {
    const supervisor = await hub.createUser('supervisor', ['general'])
    const token = await hub.login(supervisor.email, supervisor.password)
    const response = await hub.api('/api/routing/wallboard', { token })
    expect(response.status).toBe(200)
    const board = (await response.json()) as {
      queues: { id: string; waiting: number; longestWaitSeconds: number | null; agents: { presence: string; load: { chat: number } }[] }[]
    }
    const general = board.queues.find((queue) => queue.id === 'general')
    expect(general?.waiting).toBeGreaterThan(0)
    expect(general?.longestWaitSeconds).toBeGreaterThanOrEqual(0)
    expect(general?.agents.filter((agent) => agent.presence === 'online').length).toBeGreaterThanOrEqual(3)
    const agentToken = (await agentIn(['general'])).token
    expect((await hub.api('/api/routing/wallboard', { token: agentToken })).status).toBe(403)
  })
})

describe('SLA timers', () => {
  it('runs a first-response target to at risk and breached, recording each step; a resolution in time is met', async () => {
    const agent = await agentIn(['timed'])
    const started = Date.now()
    const id = await citizenWrites('时限 测试：无人回复')
    const running = await eventually(
      () => conversation(id),
      (item) => item?.sla?.firstResponse !== undefined,
    )
    const due = running?.sla?.firstResponse?.dueAt.getTime() ?? 0
    expect(due - new Date(running?.createdAt ?? 0).getTime()).toBe(6000)
    await eventually(
      () => conversation(id),
      (item) => item?.sla?.firstResponse?.state === 'at_risk',
    )
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900)
    await eventually(
      () => conversation(id),
      (item) => item?.sla?.firstResponse?.state === 'breached',
    )
    // The step is stored first and recorded in the timeline right after: wait for the record.
    const recorded = (name: string) =>
      eventually(
        () => timeline(id, name),
        (events) => events.some((event) => event.metadata?.target === 'firstResponse'),
      )
    await recorded('sla.at_risk')
    await recorded('sla.breached')
    // Answering late records the miss; it never turns back into met.
    await hub.api(`/api/conversations/${id}/messages`, { method: 'POST', token: agent.token, json: { clientId: 'late-answer-1', body: '抱歉久等' } })
    await eventually(
      () => conversation(id),
      (item) => item?.sla?.firstResponse?.state === 'missed',
    )

    const quick = await citizenWrites('时限 测试：及时回复')
    await eventually(
      () => conversation(quick),
      (item) => item?.sla?.firstResponse?.state === 'running',
    )
    const answer = await hub.api(`/api/conversations/${quick}/messages`, {
      method: 'POST',
      token: agent.token,
      json: { clientId: 'quick-answer-1', body: '您好' },
    })
    expect(answer.status, await answer.clone().text()).toBe(201)
    await hub.api(`/api/conversations/${quick}/status`, { method: 'POST', token: agent.token, json: { status: 'resolved' } })
    const done = await eventually(
      () => conversation(quick),
      (item) => item?.sla?.resolution?.state === 'met',
    )
    expect(done?.sla?.firstResponse?.state).toBe('met')
    // The API shows them too.
    const shown = (await (await hub.api(`/api/conversations/${quick}`, { token: agent.token })).json()) as { conversation: { sla: unknown } }
    expect(shown.conversation.sla).toMatchObject({ firstResponse: { state: 'met' }, resolution: { state: 'met' } })
  })
})
