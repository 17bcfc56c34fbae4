import { describe, expect, it } from 'vitest'
import { compareConversations, EMPTY_LIST, type ListState, listReducer } from '../../inbox/src/state/conversation-list.js'
import { DEFAULT_FILTER, type ListFilter, listQuery, matchesFilter, parseFilter } from '../../inbox/src/state/filters.js'
import type { ConversationDto } from '../../server/presenters/dto.js'

function conversation(overrides: Partial<ConversationDto> & { id: string }): ConversationDto {
  return {
    channel: 'web',
    channelType: 'webchat',
    status: 'open',
    queue: 'general',
    priority: 'normal',
    labels: [],
    assignee: null,
    contact: { id: `contact-${overrides.id}`, name: `Contact ${overrides.id}` },
    lastMessage: null,
    lastSeq: 0,
    unreadCount: 0,
    waitingSince: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    firstResponseAt: null,
    lastMessageAt: null,
    lastInboundAt: null,
    resolvedAt: null,
    ...overrides,
  }
}

const ME = 'agent-1'
const openAll: ListFilter = { status: 'open', assignee: 'any', channel: null }
const at = (minute: number) => `2025-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`
const ids = (state: ListState) => state.items.map((item) => item.id)

describe('compareConversations', () => {
  it('puts the most recent activity first and breaks ties by id', () => {
    const items = [
      conversation({ id: 'b', lastMessageAt: at(5) }),
      conversation({ id: 'c', lastMessageAt: at(9) }),
      conversation({ id: 'a', lastMessageAt: at(5) }),
    ]
    expect(items.sort(compareConversations).map((item) => item.id)).toEqual(['c', 'a', 'b'])
  })

  it('falls back to createdAt when there is no message yet', () => {
    const items = [conversation({ id: 'old', lastMessageAt: at(1) }), conversation({ id: 'new', createdAt: at(30) })]
    expect(items.sort(compareConversations).map((item) => item.id)).toEqual(['new', 'old'])
  })
})

describe('listReducer', () => {
  const loaded = listReducer(EMPTY_LIST, {
    type: 'replace',
    conversations: [conversation({ id: 'a', lastMessageAt: at(1) }), conversation({ id: 'b', lastMessageAt: at(2) })],
    nextCursor: null,
  })

  it('sorts a replaced page', () => {
    expect(ids(loaded)).toEqual(['b', 'a'])
  })

  it('moves an updated conversation to the top', () => {
    const next = listReducer(loaded, { type: 'upsert', conversation: conversation({ id: 'a', lastMessageAt: at(3) }), filter: openAll, userId: ME })
    expect(ids(next)).toEqual(['a', 'b'])
  })

  it('adds a new matching conversation in order', () => {
    const next = listReducer(loaded, { type: 'upsert', conversation: conversation({ id: 'n', lastMessageAt: at(9) }), filter: openAll, userId: ME })
    expect(ids(next)).toEqual(['n', 'b', 'a'])
  })

  it('removes a conversation whose status no longer matches the filter', () => {
    const next = listReducer(loaded, {
      type: 'upsert',
      conversation: conversation({ id: 'b', status: 'resolved', lastMessageAt: at(4) }),
      filter: openAll,
      userId: ME,
    })
    expect(ids(next)).toEqual(['a'])
  })

  it('ignores a non-matching conversation it does not hold (same state object)', () => {
    const next = listReducer(loaded, { type: 'upsert', conversation: conversation({ id: 'x', status: 'pending' }), filter: openAll, userId: ME })
    expect(next).toBe(loaded)
  })

  it('leaves an older new conversation to a later page while more pages exist', () => {
    const paged = { ...loaded, nextCursor: 'cursor-2' }
    const older = listReducer(paged, { type: 'upsert', conversation: conversation({ id: 'o', lastMessageAt: at(0) }), filter: openAll, userId: ME })
    expect(ids(older)).toEqual(['b', 'a'])
    const complete = listReducer(loaded, { type: 'upsert', conversation: conversation({ id: 'o', lastMessageAt: at(0) }), filter: openAll, userId: ME })
    expect(ids(complete)).toEqual(['b', 'a', 'o'])
  })

  it('appends a page without duplicating conversations that moved', () => {
    const paged = { ...loaded, nextCursor: 'cursor-2' }
    const next = listReducer(paged, {
      type: 'append',
      conversations: [conversation({ id: 'a', lastMessageAt: at(1) }), conversation({ id: 'z', lastMessageAt: at(0) })],
      nextCursor: null,
    })
    expect(ids(next)).toEqual(['b', 'a', 'z'])
    expect(next.nextCursor).toBeNull()
  })

  it('clears', () => {
    expect(listReducer(loaded, { type: 'clear' })).toEqual(EMPTY_LIST)
  })
})

describe('matchesFilter', () => {
  const mine = conversation({ id: 'm', assignee: { id: ME, name: 'Me' } })
  const theirs = conversation({ id: 't', assignee: { id: 'agent-2', name: 'Them' } })
  const nobody = conversation({ id: 'n' })

  it('filters by assignee', () => {
    const filter = (assignee: ListFilter['assignee']) => ({ ...openAll, assignee })
    expect([mine, theirs, nobody].filter((item) => matchesFilter(item, filter('me'), ME)).map((item) => item.id)).toEqual(['m'])
    expect([mine, theirs, nobody].filter((item) => matchesFilter(item, filter('unassigned'), ME)).map((item) => item.id)).toEqual(['n'])
    expect([mine, theirs, nobody].filter((item) => matchesFilter(item, filter('any'), ME))).toHaveLength(3)
  })

  it('filters by channel and status, with "all" matching every status', () => {
    const sms = conversation({ id: 's', channel: 'sms-main', status: 'snoozed' })
    expect(matchesFilter(sms, { status: 'all', assignee: 'any', channel: 'sms-main' }, ME)).toBe(true)
    expect(matchesFilter(sms, { status: 'all', assignee: 'any', channel: 'web' }, ME)).toBe(false)
    expect(matchesFilter(sms, { status: 'open', assignee: 'any', channel: null }, ME)).toBe(false)
  })
})

describe('listQuery and parseFilter', () => {
  it('builds the API query, omitting an unset channel', () => {
    expect(listQuery(DEFAULT_FILTER)).toBe('status=open&assignee=any&limit=50')
    expect(listQuery({ status: 'all', assignee: 'me', channel: 'wechat-1' }, 'abc')).toBe('status=all&assignee=me&limit=50&channel=wechat-1&cursor=abc')
  })

  it('restores a stored filter and repairs bad fields one by one', () => {
    expect(parseFilter(JSON.stringify({ status: 'pending', assignee: 'me', channel: 'web' }))).toEqual({ status: 'pending', assignee: 'me', channel: 'web' })
    expect(parseFilter(JSON.stringify({ status: 'bogus', assignee: 'unassigned', channel: 7 }))).toEqual({
      status: 'open',
      assignee: 'unassigned',
      channel: null,
    })
    expect(parseFilter('{not json')).toEqual(DEFAULT_FILTER)
    expect(parseFilter(null)).toEqual(DEFAULT_FILTER)
  })
})
