import { describe, expect, it } from 'vitest'
import { AssignmentWatch } from '../../inbox/src/state/assignment-notice.js'
import { type CannedResponse, fillVariables, matchCanned, replaceToken, slashQuery } from '../../inbox/src/state/canned-responses.js'
import { mergeCandidates, normalizeTag, splitTags } from '../../inbox/src/state/contact-history.js'
import { listReducer } from '../../inbox/src/state/conversation-list.js'
import { acceptsNewRows, DEFAULT_FILTER, listQuery, matchesFilter, parseFilter } from '../../inbox/src/state/filters.js'
import { allowedFilter, applyView, inboxViews, parseCounts, viewCount, viewKey, viewOfFilter } from '../../inbox/src/state/inbox-views.js'
import { matchMentionables, mentionedPeople, mentionQuery, mentionText } from '../../inbox/src/state/mentions.js'
import { rowSlaBadge, withSlaFrame } from '../../inbox/src/state/sla.js'
import { parseCustomSnooze, snoozeUntil, toDateTimeLocal } from '../../inbox/src/state/snooze.js'
import type { ConversationDto } from '../../server/presenters/dto.js'

const ME = 'agent-1'

function conversation(overrides: Partial<ConversationDto> = {}): ConversationDto {
  return {
    id: 'c1',
    channel: 'web',
    channelType: 'webchat',
    status: 'open',
    queue: 'general',
    priority: 'normal',
    labels: [],
    assignee: null,
    contact: { id: 'ct1', name: 'Wang Fang' },
    lastMessage: null,
    lastSeq: 0,
    unreadCount: 0,
    waitingSince: null,
    createdAt: '2026-11-23T01:00:00.000Z',
    firstResponseAt: null,
    lastMessageAt: null,
    lastInboundAt: null,
    resolvedAt: null,
    ...overrides,
  }
}

describe('filters → query string', () => {
  it('sends every narrowing filter, trims the search and omits what is unset', () => {
    expect(listQuery({ ...DEFAULT_FILTER, queue: 'housing', priority: 'urgent', label: 'callback', q: '  漏水 ' })).toBe(
      'status=open&assignee=any&limit=50&queue=housing&priority=urgent&label=callback&q=%E6%BC%8F%E6%B0%B4',
    )
    expect(listQuery({ ...DEFAULT_FILTER, q: '   ', queue: null, label: null })).toBe('status=open&assignee=any&limit=50')
  })

  it('matches queue, priority and label like the server, and lets a search add no live rows', () => {
    const urgent = conversation({ queue: 'housing', priority: 'urgent', labels: ['callback'] })
    expect(matchesFilter(urgent, { ...DEFAULT_FILTER, queue: 'housing', priority: 'urgent', label: 'callback' }, ME)).toBe(true)
    expect(matchesFilter(urgent, { ...DEFAULT_FILTER, queue: 'general' }, ME)).toBe(false)
    expect(matchesFilter(urgent, { ...DEFAULT_FILTER, priority: 'low' }, ME)).toBe(false)
    expect(matchesFilter(urgent, { ...DEFAULT_FILTER, label: 'complaint' }, ME)).toBe(false)
    expect(acceptsNewRows({ ...DEFAULT_FILTER, q: '张' })).toBe(false)
    expect(acceptsNewRows(DEFAULT_FILTER)).toBe(true)
  })

  it('restores queue, priority and label but not the search', () => {
    expect(parseFilter(JSON.stringify({ status: 'open', assignee: 'any', channel: null, queue: 'housing', priority: 'high', label: 'x', q: 'old' }))).toEqual({
      status: 'open',
      assignee: 'any',
      channel: null,
      queue: 'housing',
      priority: 'high',
      label: 'x',
    })
    expect(parseFilter(JSON.stringify({ status: 'open', assignee: 'any', channel: null, priority: 'whenever' })).priority).toBeUndefined()
  })
})

describe('live list updates with filters', () => {
  const loaded = listReducer({ items: [], nextCursor: null }, { type: 'replace', conversations: [conversation({ id: 'a' })], nextCursor: null })

  it('adds no new rows while searching, but still updates and removes the ones shown', () => {
    const searching = { ...DEFAULT_FILTER, q: '公积金' }
    expect(
      listReducer(loaded, { type: 'upsert', conversation: conversation({ id: 'b' }), filter: searching, userId: ME }).items.map((item) => item.id),
    ).toEqual(['a'])
    const renamed = listReducer(loaded, { type: 'upsert', conversation: conversation({ id: 'a', unreadCount: 2 }), filter: searching, userId: ME })
    expect(renamed.items[0]?.unreadCount).toBe(2)
    expect(listReducer(loaded, { type: 'upsert', conversation: conversation({ id: 'a', status: 'resolved' }), filter: searching, userId: ME }).items).toEqual(
      [],
    )
  })

  it('drops a row whose label was removed under a label filter', () => {
    const byLabel = { ...DEFAULT_FILTER, label: 'callback' }
    const labelled = listReducer(loaded, { type: 'upsert', conversation: conversation({ id: 'a', labels: ['callback'] }), filter: byLabel, userId: ME })
    expect(labelled.items).toHaveLength(1)
    expect(listReducer(labelled, { type: 'upsert', conversation: conversation({ id: 'a', labels: [] }), filter: byLabel, userId: ME }).items).toEqual([])
  })

  it('applies SLA frames to the row they concern, keeping the state object when nothing changes', () => {
    const frame = { conversationId: 'a', target: 'firstResponse', state: 'at_risk', dueAt: '2026-11-23T02:00:00Z' }
    const next = listReducer(loaded, { type: 'sla', frame })
    expect(next.items[0]?.sla?.firstResponse?.state).toBe('at_risk')
    expect(listReducer(loaded, { type: 'sla', frame: { ...frame, conversationId: 'zz' } })).toBe(loaded)
  })
})

describe('inbox views', () => {
  it('offers Mine, Unassigned and each worked queue; All only to supervisors and admins', () => {
    expect(inboxViews('agent', ['general', 'housing']).map(viewKey)).toEqual(['mine', 'unassigned', 'queue:general', 'queue:housing'])
    expect(inboxViews('supervisor', ['general']).map(viewKey)).toEqual(['mine', 'unassigned', 'queue:general', 'all'])
  })

  it('maps views to filters and back, keeping the other filters', () => {
    const filter = { ...DEFAULT_FILTER, priority: 'urgent' as const }
    const queue = applyView(filter, { kind: 'queue', queue: 'housing' })
    expect(queue).toEqual({ ...filter, assignee: 'any', queue: 'housing' })
    expect(viewOfFilter(queue)).toEqual({ kind: 'queue', queue: 'housing' })
    expect(applyView(queue, { kind: 'mine' })).toEqual({ ...filter, assignee: 'me' })
    expect(viewOfFilter(applyView(queue, { kind: 'all' }))).toEqual({ kind: 'all' })
  })

  it('moves an agent off a view they do not have', () => {
    const views = inboxViews('agent', ['general'])
    expect(allowedFilter(DEFAULT_FILTER, views)).toEqual({ ...DEFAULT_FILTER, queue: 'general' })
    expect(allowedFilter({ ...DEFAULT_FILTER, queue: 'housing' }, views).queue).toBe('general')
    expect(allowedFilter({ ...DEFAULT_FILTER, assignee: 'me' }, views)).toEqual({ ...DEFAULT_FILTER, assignee: 'me' })
  })

  it('reads counts defensively', () => {
    const counts = parseCounts({ mine: 2, unassigned: 5, queues: { general: 4, housing: 'x' } })
    expect(counts).toEqual({ mine: 2, unassigned: 5, queues: { general: 4 } })
    expect(viewCount({ kind: 'queue', queue: 'housing' }, counts)).toBe(0)
    expect(viewCount({ kind: 'mine' }, counts)).toBe(2)
    expect(viewCount({ kind: 'all' }, counts)).toBeNull()
    expect(parseCounts({ mine: -1, unassigned: 0, queues: {} })).toBeNull()
    expect(parseCounts(null)).toBeNull()
  })
})

describe('canned responses', () => {
  const variables = { 'contact.name': '王芳', 'agent.name': 'Li Na', 'hotline.name': '12345热线', 'conversation.id': 'cnv_1' }

  it('fills known variables and leaves unknown or empty ones visible', () => {
    expect(fillVariables('{{contact.name}}您好，我是{{ agent.name }}，{{hotline.name}}为您服务（{{conversation.id}}）', variables)).toBe(
      '王芳您好，我是Li Na，12345热线为您服务（cnv_1）',
    )
    expect(fillVariables('Dear {{contact.title}}', variables)).toBe('Dear {{contact.title}}')
    expect(fillVariables('Hi {{contact.name}}', { ...variables, 'contact.name': '' })).toBe('Hi {{contact.name}}')
  })

  it('finds "/shortcut" at a line start or after a space, not inside a URL', () => {
    expect(slashQuery('/gre', 4)).toEqual({ query: 'gre', start: 0, end: 4 })
    expect(slashQuery('Hello /', 7)).toEqual({ query: '', start: 6, end: 7 })
    expect(slashQuery('see http://x', 12)).toBeNull()
    expect(slashQuery('/greet now', 10)).toBeNull()
  })

  it('ranks shortcut matches first and keeps to the conversation’s queue', () => {
    const responses: CannedResponse[] = [
      { id: '1', shortcut: 'thanks', title: 'Thank the citizen', body: '', queue: null },
      { id: '2', shortcut: 'greet', title: 'Greeting', body: '', queue: null },
      { id: '3', shortcut: 'gas', title: 'Gas leak — evacuate', body: '', queue: 'housing' },
      { id: '4', shortcut: 'bye', title: 'Greeting at the end', body: '', queue: 'general' },
    ]
    expect(matchCanned(responses, 'thank', 'general').map((item) => item.id)).toEqual(['1'])
    expect(matchCanned(responses, 'gre', 'general').map((item) => item.id)).toEqual(['2', '4'])
    expect(matchCanned(responses, 'g', 'housing').map((item) => item.id)).toEqual(['3', '2'])
    expect(matchCanned(responses, '', 'general')).toHaveLength(3)
  })

  it('replaces the typed token and puts the caret after the insert', () => {
    expect(replaceToken('Hi /gre', { start: 3, end: 7 }, 'Hello!')).toEqual({ text: 'Hi Hello!', caret: 9 })
  })
})

describe('mentions', () => {
  const people = [
    { id: 'a', name: 'Li Na' },
    { id: 'b', name: 'Li' },
    { id: 'c', name: '张伟' },
    { id: 'd', name: 'Mary Lin' },
  ]

  it('finds an @ being typed', () => {
    expect(mentionQuery('Please @Li', 10)).toEqual({ query: 'Li', start: 7, end: 10 })
    expect(mentionQuery('@', 1)).toEqual({ query: '', start: 0, end: 1 })
    expect(mentionQuery('mail a@b', 8)).toBeNull()
    expect(mentionQuery('@Li  now', 8)).toBeNull()
    expect(mentionQuery('@ x', 3)).toBeNull()
  })

  it('matches names by prefix first, then anywhere, without the writer', () => {
    expect(matchMentionables(people, 'li').map((item) => item.id)).toEqual(['b', 'a', 'd'])
    expect(matchMentionables(people, 'li', 'b').map((item) => item.id)).toEqual(['a', 'd'])
    expect(matchMentionables(people, '伟').map((item) => item.id)).toEqual(['c'])
    expect(mentionText(people[0] as { id: string; name: string })).toBe('@Li Na ')
  })

  it('reads who a note mentions, the longest name winning', () => {
    expect(mentionedPeople('@Li Na please call back', people).map((item) => item.id)).toEqual(['a'])
    expect(mentionedPeople('@Li and @Li Na', people).map((item) => item.id)).toEqual(['a', 'b'])
    expect(mentionedPeople('@张伟请跟进', people).map((item) => item.id)).toEqual(['c'])
    expect(mentionedPeople('mail@Li', people)).toEqual([])
  })
})

describe('snooze presets in the hub time zone', () => {
  it('one hour is one hour', () => {
    expect(snoozeUntil('oneHour', new Date('2026-11-23T10:00:00Z')).toISOString()).toBe('2026-11-23T11:00:00.000Z')
  })

  it('tomorrow 9:00 is 9:00 in Beijing, whatever the agent’s zone', () => {
    // 23:30 in Beijing on the 23rd is 15:30 UTC: tomorrow is the 24th, 9:00 Beijing = 01:00 UTC.
    expect(snoozeUntil('tomorrowMorning', new Date('2026-11-23T15:30:00Z'), 'Asia/Shanghai').toISOString()).toBe('2026-11-24T01:00:00.000Z')
    // 00:30 UTC on Dec 31 is 08:30 in Beijing: tomorrow is Jan 1.
    expect(snoozeUntil('tomorrowMorning', new Date('2026-12-31T00:30:00Z'), 'Asia/Shanghai').toISOString()).toBe('2027-01-01T01:00:00.000Z')
  })

  it('keeps 9:00 across a DST change', () => {
    // Berlin moves to summer time on 29 March 2026: 9:00 on the 29th is 07:00 UTC, on the 28th 08:00 UTC.
    expect(snoozeUntil('tomorrowMorning', new Date('2026-03-28T12:00:00Z'), 'Europe/Berlin').toISOString()).toBe('2026-03-29T07:00:00.000Z')
    expect(snoozeUntil('tomorrowMorning', new Date('2026-03-27T12:00:00Z'), 'Europe/Berlin').toISOString()).toBe('2026-03-28T08:00:00.000Z')
  })

  it('reads a custom time in the hub zone and refuses the past', () => {
    const now = new Date('2026-11-23T02:00:00Z')
    const custom = parseCustomSnooze('2026-11-23T14:30', now, 'Asia/Shanghai')
    expect(custom.ok && custom.until.toISOString()).toBe('2026-11-23T06:30:00.000Z')
    expect(parseCustomSnooze('2026-11-23T09:00', now, 'Asia/Shanghai')).toEqual({ ok: false, reason: 'past' })
    expect(parseCustomSnooze('soon', now)).toEqual({ ok: false, reason: 'invalid' })
    expect(toDateTimeLocal(new Date('2026-11-23T06:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-23T14:30')
  })
})

describe('SLA badges', () => {
  it('shows the most urgent target that needs attention', () => {
    const sla = {
      firstResponse: { dueAt: '2026-11-23T02:00:00Z', state: 'met' as const },
      resolution: { dueAt: '2026-11-24T02:00:00Z', state: 'at_risk' as const },
    }
    expect(rowSlaBadge(conversation({ sla }))).toEqual({ target: 'resolution', state: 'at_risk', dueAt: '2026-11-24T02:00:00Z' })
    expect(rowSlaBadge(conversation({ sla: { firstResponse: { dueAt: 'x', state: 'running' } } }))).toBeNull()
    expect(rowSlaBadge(conversation())).toBeNull()
  })

  it('applies live frames, ignoring strangers and unknown states', () => {
    const before = conversation({ sla: { firstResponse: { dueAt: '2026-11-23T02:00:00Z', state: 'running' } } })
    const after = withSlaFrame(before, { conversationId: 'c1', target: 'firstResponse', state: 'breached', dueAt: '2026-11-23T02:00:00Z' })
    expect(after.sla?.firstResponse?.state).toBe('breached')
    expect(withSlaFrame(before, { conversationId: 'c2', target: 'firstResponse', state: 'breached', dueAt: 'x' })).toBe(before)
    expect(withSlaFrame(before, { conversationId: 'c1', target: 'firstResponse', state: 'late', dueAt: 'x' })).toBe(before)
  })
})

describe('contact panel helpers', () => {
  it('lists each other contact of the search results once', () => {
    const found = [
      conversation({ id: 'a', contact: { id: 'ct2', name: 'Zhao' }, channel: 'web', lastMessageAt: '2026-11-20T00:00:00Z' }),
      conversation({ id: 'b', contact: { id: 'ct1', name: 'Wang Fang' } }),
      conversation({ id: 'c', contact: { id: 'ct2', name: 'Zhao' }, channel: 'sms', lastMessageAt: '2026-11-22T00:00:00Z' }),
    ]
    expect(mergeCandidates(found, 'ct1')).toEqual([
      { contactId: 'ct2', name: 'Zhao', channels: ['web', 'sms'], conversations: 2, lastActivityAt: '2026-11-22T00:00:00Z' },
    ])
  })

  it('normalizes tags as the hub accepts them', () => {
    expect(normalizeTag('  VIP   caller ')).toBe('VIP caller')
    expect(normalizeTag('   ')).toBeNull()
    expect(normalizeTag('x'.repeat(33))).toBeNull()
    expect(splitTags('老年人，独居、vip, vip')).toEqual(['老年人', '独居', 'vip'])
  })
})

describe('assignment notices', () => {
  it('announces a conversation that became mine, once, and not those already mine', () => {
    const watch = new AssignmentWatch(ME)
    watch.remember([conversation({ id: 'old', assignee: { id: ME, name: 'Me' } })])
    expect(watch.newlyMine(conversation({ id: 'old', assignee: { id: ME, name: 'Me' } }))).toBe(false)
    expect(watch.newlyMine(conversation({ id: 'new' }))).toBe(false)
    expect(watch.newlyMine(conversation({ id: 'new', assignee: { id: ME, name: 'Me' } }))).toBe(true)
    expect(watch.newlyMine(conversation({ id: 'new', assignee: { id: ME, name: 'Me' } }))).toBe(false)
    expect(watch.newlyMine(conversation({ id: 'other', assignee: { id: 'x', name: 'X' } }))).toBe(false)
  })
})
