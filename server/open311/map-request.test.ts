import { describe, expect, it } from 'vitest'
import type { HistoryEntry } from '../models/work-order.js'
import { type PublishedWorkOrder, publicTextOf, requestOf } from './map-request.js'

const mapping = {
  categories: new Map([['03.01', { name: { 'zh-CN': '道路坑洼', en: 'Pothole' } }]]),
  departments: [{ id: 'roads', name: { 'zh-CN': '市政局', en: 'Roads Bureau' } }],
  language: 'en',
  timeZone: 'Asia/Shanghai',
}

describe('requestOf', () => {
  const entry = (to: HistoryEntry['to'], from: HistoryEntry['from'], at: string, comment?: string, action = 'x'): HistoryEntry => ({
    _id: `h-${at}`,
    action,
    from,
    to,
    at: new Date(at),
    actor: { type: 'user', id: 'u', name: 'U' },
    ...(comment ? { comment } : {}),
  })
  const order: PublishedWorkOrder = {
    number: '2026-000007',
    status: 'archived',
    category: '03.01',
    description: 'Deep hole',
    leadDepartment: 'roads',
    deadlines: { resolve: { dueAt: new Date('2026-03-08T02:00:00Z'), atRiskAt: new Date('2026-03-07T00:00:00Z'), state: 'met' } },
    address: '1 Main St',
    location: { latitude: 31.2, longitude: 121.5 },
    attachments: [
      { url: '/api/media/m1', mimeType: 'image/png' },
      { url: 'https://img.example/1.jpg', mimeType: 'image/jpeg' },
    ],
    history: [
      entry('registered', 'registered', '2026-03-01T02:00:00Z'),
      entry('dispatched', 'registered', '2026-03-01T03:00:00Z', 'to roads'),
      entry('resolved', 'reviewed', '2026-03-02T04:00:00Z', 'Filled'),
      entry('follow_up', 'resolved', '2026-03-03T04:00:00Z'),
      entry('archived', 'follow_up', '2026-03-04T04:00:00Z'),
    ],
    resolvedAt: new Date('2026-03-02T04:00:00Z'),
    createdAt: new Date('2026-03-01T02:00:00Z'),
    updatedAt: new Date('2026-03-04T04:00:00Z'),
  }

  it('maps every field: case number, status, department, deadline, close time, location, public media (no internal comment)', () => {
    expect(requestOf(order, mapping)).toEqual({
      service_request_id: '2026-000007',
      status: 'closed',
      // "to roads" and "Filled" were written by staff, not for the citizen.
      status_notes: null,
      service_name: 'Pothole',
      service_code: '03.01',
      description: 'Deep hole',
      agency_responsible: 'Roads Bureau',
      service_notice: 'closed',
      requested_datetime: '2026-03-01T10:00:00+08:00',
      // Closed: when it was closed (resolved), not the later follow-up or archive.
      updated_datetime: '2026-03-02T12:00:00+08:00',
      expected_datetime: '2026-03-08T10:00:00+08:00',
      address: '1 Main St',
      address_id: null,
      zipcode: null,
      lat: 31.2,
      long: 121.5,
      media_url: 'https://img.example/1.jpg',
    })
  })

  it('gives an open case its last change as updated_datetime, and nulls for what it lacks', () => {
    const open = {
      ...order,
      status: 'registered' as const,
      leadDepartment: null,
      deadlines: {},
      location: null,
      attachments: [],
      history: [],
      address: undefined,
    } as PublishedWorkOrder
    expect(requestOf(open, { ...mapping, serviceNotice: 'We answer within 7 days.' })).toMatchObject({
      status: 'open',
      status_notes: null,
      agency_responsible: null,
      service_notice: 'We answer within 7 days.',
      updated_datetime: '2026-03-04T12:00:00+08:00',
      expected_datetime: null,
      address: null,
      lat: null,
      long: null,
      media_url: null,
    })
  })

  it('gives as status_notes only text written for the citizen: the direct answer or the route of a case not accepted', () => {
    const answered = {
      ...order,
      status: 'follow_up' as const,
      closingNote: ' The permit allows night work. ',
      history: [
        entry('registered', 'registered', '2026-03-01T02:00:00Z', undefined, 'register'),
        entry('resolved', 'registered', '2026-03-01T03:00:00Z', 'Agent Wang: caller was rude', 'answer_directly'),
        entry('follow_up', 'resolved', '2026-03-02T03:00:00Z'),
        entry('follow_up', 'follow_up', '2026-03-02T04:00:00Z', 'Urge: internal', 'urge'),
      ],
    }
    expect(requestOf(answered, mapping).status_notes).toBe('The permit allows night work.')
    expect(requestOf({ ...answered, status: 'not_accepted', closingNote: 'Call 110' }, mapping).status_notes).toBe('Call 110')
    expect(requestOf({ ...answered, closingNote: '  ' }, mapping).status_notes).toBeNull()
  })
})

describe('publicTextOf', () => {
  it('is the closing note for a direct answer or a case not accepted, null for every other change', () => {
    const order = { closingNote: 'Call 110' }
    expect(publicTextOf({ action: 'answer_directly' }, order)).toBe('Call 110')
    expect(publicTextOf({ action: 'not_accept' }, order)).toBe('Call 110')
    for (const action of ['register', 'dispatch', 'return', 'reply', 'send_back', 'urge', 'supervise', 'contribute', 'rate', 'redo', 'archive', 'resolve']) {
      expect(publicTextOf({ action }, order), action).toBeNull()
    }
    expect(publicTextOf({ action: 'not_accept' }, { closingNote: null })).toBeNull()
  })
})
