import { describe, expect, it } from 'vitest'
import type { HistoryEntry } from '../models/work-order.js'
import { extensionsOf, notesOf, parseExtensions } from './extensions.js'

const mapping = { language: 'en', timeZone: 'Asia/Shanghai' }

let sequence = 0
const entry = (action: string, from: HistoryEntry['from'], to: HistoryEntry['to'], at: string, extra: Partial<HistoryEntry> = {}): HistoryEntry => {
  sequence += 1
  return { _id: `h${sequence}`, action, from, to, at: new Date(at), actor: { type: 'user', id: 'usr_1', name: 'Agent Zhang Wei' }, ...extra }
}
const department = { type: 'user' as const, id: 'usr_2', name: 'Officer Li Na', department: 'roads' }

describe('parseExtensions', () => {
  it('is off when missing, empty or false, on for true, and a problem otherwise', () => {
    expect(parseExtensions(undefined)).toEqual({ ok: true, extensions: false })
    expect(parseExtensions('')).toEqual({ ok: true, extensions: false })
    expect(parseExtensions('false')).toEqual({ ok: true, extensions: false })
    expect(parseExtensions('true')).toEqual({ ok: true, extensions: true })
    expect(parseExtensions(' TRUE ')).toEqual({ ok: true, extensions: true })
    expect(parseExtensions('yes')).toEqual({ ok: false, problems: ['extensions is true or false'] })
  })
})

describe('notesOf', () => {
  const history: HistoryEntry[] = [
    entry('register', 'registered', 'registered', '2026-03-01T02:00:00Z'),
    entry('dispatch', 'registered', 'dispatched', '2026-03-01T03:00:00Z', { comment: 'Agent note: the caller shouted', details: { department: 'roads' } }),
    entry('urge', 'dispatched', 'dispatched', '2026-03-01T04:00:00Z', { comment: 'Hurry, Mr Chen called again' }),
    entry('return', 'dispatched', 'returned', '2026-03-01T05:00:00Z', { actor: department, comment: 'Not ours: private land' }),
    entry('dispatch', 'returned', 'dispatched', '2026-03-01T06:00:00Z'),
    entry('sign', 'dispatched', 'signed', '2026-03-01T07:00:00Z', { actor: department }),
    entry('contribute', 'signed', 'signed', '2026-03-01T07:30:00Z', { comment: 'Co-handler part' }),
    entry('reply', 'signed', 'replied', '2026-03-01T08:00:00Z', { actor: department, comment: 'We phoned Mr Chen on 13800000000' }),
    entry('approve', 'replied', 'reviewed', '2026-03-01T09:00:00Z'),
    entry('resolve', 'reviewed', 'resolved', '2026-03-01T10:00:00Z'),
    entry('ask_follow_up', 'resolved', 'follow_up', '2026-03-02T10:00:00Z', { actor: { type: 'system', id: 'work-orders', name: 'Switchboard' } }),
    entry('rate', 'follow_up', 'rated', '2026-03-02T11:00:00Z', {
      actor: { type: 'citizen', id: 'c1', name: 'Chen Jie' },
      comment: 'My neighbour Wu is to blame',
    }),
  ]

  it('lists registration and each change of state, oldest first, with the status, its public summary and a zoned datetime', () => {
    const notes = notesOf({ history, closingNote: null }, mapping)
    expect(notes).toEqual([
      { type: 'update', status: 'open', summary: 'received', description: null, datetime: '2026-03-01T10:00:00+08:00' },
      { type: 'update', status: 'open', summary: 'sent to the responsible department', description: null, datetime: '2026-03-01T11:00:00+08:00' },
      { type: 'update', status: 'open', summary: 'being sent to the right department', description: null, datetime: '2026-03-01T13:00:00+08:00' },
      { type: 'update', status: 'open', summary: 'sent to the responsible department', description: null, datetime: '2026-03-01T14:00:00+08:00' },
      { type: 'update', status: 'open', summary: 'accepted by the department', description: null, datetime: '2026-03-01T15:00:00+08:00' },
      { type: 'update', status: 'open', summary: 'answered by the department, under review', description: null, datetime: '2026-03-01T16:00:00+08:00' },
      { type: 'update', status: 'open', summary: 'reviewed, about to be closed', description: null, datetime: '2026-03-01T17:00:00+08:00' },
      { type: 'update', status: 'closed', summary: 'resolved', description: null, datetime: '2026-03-01T18:00:00+08:00' },
      { type: 'update', status: 'closed', summary: 'resolved, waiting for your rating', description: null, datetime: '2026-03-02T18:00:00+08:00' },
      { type: 'update', status: 'closed', summary: 'resolved and rated', description: null, datetime: '2026-03-02T19:00:00+08:00' },
    ])
    // Nobody's name and no comment, in any field.
    const text = JSON.stringify(notes)
    for (const secret of ['Zhang', 'Li Na', 'Chen', 'Switchboard', 'shouted', 'Hurry', 'private land', 'Co-handler', '13800000000', 'Wu', 'roads']) {
      expect(text).not.toContain(secret)
    }
  })

  it('describes a direct answer or a case not accepted with its closing note, in the hub language', () => {
    const answered = [
      entry('register', 'registered', 'registered', '2026-03-01T02:00:00Z'),
      entry('answer_directly', 'registered', 'resolved', '2026-03-01T03:00:00Z', { comment: 'internal remark' }),
    ]
    expect(notesOf({ history: answered, closingNote: 'The permit allows night work.' }, { ...mapping, language: 'zh-CN' })).toEqual([
      { type: 'update', status: 'open', summary: '已受理', description: null, datetime: '2026-03-01T10:00:00+08:00' },
      { type: 'update', status: 'closed', summary: '已办结', description: 'The permit allows night work.', datetime: '2026-03-01T11:00:00+08:00' },
    ])
    const refused = [entry('not_accept', 'registered', 'not_accepted', '2026-03-01T03:00:00Z')]
    expect(notesOf({ history: refused, closingNote: 'Please call 110' }, mapping)).toEqual([
      { type: 'update', status: 'closed', summary: 'not accepted', description: 'Please call 110', datetime: '2026-03-01T11:00:00+08:00' },
    ])
  })

  it('is empty for a confidential case and for one without history', () => {
    expect(notesOf({ history, closingNote: null, confidential: true }, mapping)).toEqual([])
    expect(notesOf({ history: [], closingNote: null }, mapping)).toEqual([])
  })
})

describe('extensionsOf', () => {
  const history = [
    entry('register', 'registered', 'registered', '2026-03-01T02:00:00Z'),
    entry('merge', 'registered', 'merged', '2026-03-01T03:00:00Z', { comment: 'same hole as the other one', details: { masterId: 'wo_master' } }),
  ]

  it('marks a merged case a duplicate of its published master', () => {
    expect(extensionsOf({ status: 'merged', history, closingNote: null }, mapping, '2026-000001')).toEqual({
      extended_attributes: { duplicate: true, parent_service_request_id: '2026-000001' },
      notes: [
        { type: 'update', status: 'open', summary: 'received', description: null, datetime: '2026-03-01T10:00:00+08:00' },
        { type: 'update', status: 'closed', summary: 'merged with the same request', description: null, datetime: '2026-03-01T11:00:00+08:00' },
      ],
    })
    // The master is not published: still a duplicate, of a case that cannot be named.
    expect(extensionsOf({ status: 'merged', history, closingNote: null }, mapping, null).extended_attributes).toEqual({
      duplicate: true,
      parent_service_request_id: null,
    })
  })

  it('gives every other case the same keys, not a duplicate', () => {
    expect(extensionsOf({ status: 'registered', history: history.slice(0, 1), closingNote: null }, mapping, '2026-000001').extended_attributes).toEqual({
      duplicate: false,
      parent_service_request_id: null,
    })
  })
})
