import { describe, expect, it } from 'vitest'
import { ApiError, NetworkError } from '../../inbox/src/api/http.js'
import { translator } from '../../inbox/src/i18n/languages.js'
import { adjacentConversationId } from '../../inbox/src/state/adjacent-conversation.js'
import { globalKeyAction } from '../../inbox/src/state/global-keys.js'
import { byPresenceThenName, initialPresence, needsHeartbeat } from '../../inbox/src/state/presence.js'
import { transferAgents, transferErrorText, transferQueues } from '../../inbox/src/state/transfer.js'
import { shownView, viewsFor } from '../../inbox/src/state/views.js'
import { formatWaitSeconds, loadText, parseWallboard, presenceCounts, WallboardFormatError } from '../../inbox/src/state/wallboard.js'

const en = translator('en')
const zh = translator('zh-CN')

describe('presence', () => {
  it('starts online unless this browser remembers another valid choice', () => {
    expect(initialPresence(null)).toBe('online')
    expect(initialPresence('away')).toBe('away')
    expect(initialPresence('offline')).toBe('offline')
    expect(initialPresence('busy')).toBe('online')
  })

  it('beats only while online or away', () => {
    expect(needsHeartbeat('online')).toBe(true)
    expect(needsHeartbeat('away')).toBe(true)
    expect(needsHeartbeat('offline')).toBe(false)
  })

  it('orders online agents first, then away, then offline, by name within each', () => {
    const agents = [
      { name: 'Zoe', presence: 'online' as const },
      { name: 'Ann', presence: 'offline' as const },
      { name: 'Bob', presence: 'away' as const },
      { name: 'Amy', presence: 'online' as const },
    ]
    expect(byPresenceThenName(agents, 'en').map((agent) => agent.name)).toEqual(['Amy', 'Zoe', 'Bob', 'Ann'])
  })
})

describe('adjacentConversationId', () => {
  const ids = ['a', 'b', 'c']
  it('moves one step and stops at the ends', () => {
    expect(adjacentConversationId(ids, 'a', 1)).toBe('b')
    expect(adjacentConversationId(ids, 'b', -1)).toBe('a')
    expect(adjacentConversationId(ids, 'c', 1)).toBeNull()
    expect(adjacentConversationId(ids, 'a', -1)).toBeNull()
  })

  it('starts from the first (j) or last (k) when nothing listed is selected', () => {
    expect(adjacentConversationId(ids, null, 1)).toBe('a')
    expect(adjacentConversationId(ids, 'gone', -1)).toBe('c')
    expect(adjacentConversationId([], null, 1)).toBeNull()
  })
})

describe('globalKeyAction shortcuts', () => {
  const key = (value: string, extra: Partial<Parameters<typeof globalKeyAction>[0]> = {}) => ({
    key: value,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    isComposing: false,
    ...extra,
  })

  it('maps j, k, e, t and ? outside fields', () => {
    expect(globalKeyAction(key('j'), { editable: false })).toBe('next-conversation')
    expect(globalKeyAction(key('k'), { editable: false })).toBe('previous-conversation')
    expect(globalKeyAction(key('e'), { editable: false })).toBe('resolve')
    expect(globalKeyAction(key('T'), { editable: false })).toBe('transfer')
    expect(globalKeyAction(key('?'), { editable: false })).toBe('show-help')
    expect(globalKeyAction(key('x'), { editable: false })).toBeNull()
    expect(globalKeyAction(key('Enter'), { editable: false })).toBeNull()
  })

  it('never fires while typing, composing, with modifiers or inside an open dialog', () => {
    expect(globalKeyAction(key('e'), { editable: true })).toBeNull()
    expect(globalKeyAction(key('j', { isComposing: true }), { editable: false })).toBeNull()
    expect(globalKeyAction(key('t', { ctrlKey: true }), { editable: false })).toBeNull()
    expect(globalKeyAction(key('Escape'), { editable: false, inDialog: true })).toBeNull()
    expect(globalKeyAction(key('j'), { editable: false, inDialog: true })).toBeNull()
  })
})

describe('views by role', () => {
  it('shows the wallboard and settings to supervisors and admins, channel status to admins only', () => {
    expect(viewsFor('agent')).toEqual(['conversations', 'work-orders'])
    expect(viewsFor('supervisor')).toEqual(['conversations', 'work-orders', 'wallboard', 'settings'])
    expect(viewsFor('admin')).toEqual(['conversations', 'work-orders', 'wallboard', 'channels', 'settings'])
    expect(shownView('agent', 'settings')).toBe('conversations')
    expect(shownView('agent', 'wallboard')).toBe('conversations')
    expect(shownView('supervisor', 'channels')).toBe('conversations')
    expect(shownView('supervisor', 'wallboard')).toBe('wallboard')
  })

  it('shows department staff their work orders and nothing else', () => {
    expect(viewsFor('department')).toEqual(['work-orders'])
    expect(shownView('department', 'conversations')).toBe('work-orders')
    expect(shownView('agent', 'work-orders')).toBe('work-orders')
  })
})

describe('transfer choices and errors', () => {
  it('offers colleagues other than oneself and the assignee, online first', () => {
    const agents = [
      { id: 'me', name: 'Me', presence: 'online' as const },
      { id: 'b', name: 'Bea', presence: 'offline' as const },
      { id: 'c', name: 'Cai', presence: 'online' as const },
      { id: 'd', name: 'Dan', presence: 'online' as const },
    ]
    expect(transferAgents(agents, ['me', 'd'], 'en').map((agent) => agent.id)).toEqual(['c', 'b'])
  })

  it('offers every other known queue once, sorted', () => {
    expect(transferQueues(['general', 'housing', 'general', '', null, 'business'], 'general')).toEqual(['business', 'housing'])
  })

  it('explains refusals in both languages', () => {
    const notInQueue = new ApiError(400, 'agent_not_in_queue', 'Bea does not work the general queue')
    expect(transferErrorText(notInQueue, en)).toMatch(/does not work this conversation’s queue/)
    expect(transferErrorText(notInQueue, zh)).toMatch(/不在此会话的队列/)
    expect(transferErrorText(new ApiError(400, 'unknown_queue', 'x'), zh)).toMatch(/队列已不存在/)
    expect(transferErrorText(new ApiError(403, 'forbidden', 'x'), en)).toMatch(/Only the assigned agent or a supervisor/)
    expect(transferErrorText(new NetworkError(new Error('offline')), en)).toBe(en('error.network'))
  })
})

describe('wallboard', () => {
  const payload = {
    queues: [
      {
        id: 'general',
        assignment: 'least_busy',
        waiting: 3,
        longestWaitSeconds: 125,
        agents: [
          { id: 'a', name: 'Ann', presence: 'online', load: { chat: 2, call: 0, email: 1 }, capacity: { chat: 5, call: 1, email: 0 } },
          { id: 'b', name: 'Bob', presence: 'lunch', load: {}, capacity: {} },
          { name: 'no id' },
        ],
      },
      { id: 'housing', waiting: -1, longestWaitSeconds: null },
      'garbage',
    ],
  }

  it('keeps what it understands and defaults the rest', () => {
    const queues = parseWallboard(payload)
    expect(queues.map((queue) => queue.id)).toEqual(['general', 'housing'])
    expect(queues[0]?.agents.map((agent) => [agent.id, agent.presence])).toEqual([
      ['a', 'online'],
      ['b', 'offline'],
    ])
    expect(queues[0]?.agents[1]?.load).toEqual({ chat: 0, call: 0, email: 0 })
    expect(queues[1]).toMatchObject({ waiting: 0, longestWaitSeconds: null, agents: [] })
    expect(() => parseWallboard({ nope: true })).toThrow(WallboardFormatError)
  })

  it('counts agents per presence', () => {
    expect(presenceCounts([{ presence: 'online' }, { presence: 'online' }, { presence: 'away' }])).toEqual({ online: 2, away: 1, offline: 0 })
  })

  it('formats the longest wait with seconds first, then minutes, hours and days', () => {
    expect(formatWaitSeconds(null, en)).toBe('None waiting')
    expect(formatWaitSeconds(42.7, en)).toBe('42 s')
    expect(formatWaitSeconds(125, en)).toBe('2 min 5 s')
    expect(formatWaitSeconds(3 * 3600 + 60 * 7, en)).toBe('3 h 7 min')
    expect(formatWaitSeconds(26 * 3600, en)).toBe('1 d 2 h')
    expect(formatWaitSeconds(125, zh)).toBe('2 分 5 秒')
  })

  it('shows load against capacity, and a zero capacity as not taken', () => {
    expect(loadText(2, 5, en)).toBe('2 of 5')
    expect(loadText(0, 0, zh)).toBe('不接待')
  })
})
