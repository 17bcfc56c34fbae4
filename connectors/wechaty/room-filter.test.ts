import { describe, expect, it } from 'vitest'
import { acceptsWechatyMessage } from './room-filter.js'

const direct = { mentionSelf: false }
const room = { id: 'r1@chatroom', topic: '12345 便民服务群' }
const inRoom = { room, mentionSelf: false }
const mentioned = { room, mentionSelf: true }

describe('acceptsWechatyMessage', () => {
  it('always takes 1:1 messages', () => {
    for (const rooms of ['ignore', 'mentions', 'all'] as const) expect(acceptsWechatyMessage(direct, { rooms })).toBe(true)
  })

  it('takes group messages per the rooms setting', () => {
    expect([acceptsWechatyMessage(inRoom, { rooms: 'ignore' }), acceptsWechatyMessage(mentioned, { rooms: 'ignore' })]).toEqual([false, false])
    expect([acceptsWechatyMessage(inRoom, { rooms: 'mentions' }), acceptsWechatyMessage(mentioned, { rooms: 'mentions' })]).toEqual([false, true])
    expect([acceptsWechatyMessage(inRoom, { rooms: 'all' }), acceptsWechatyMessage(mentioned, { rooms: 'all' })]).toEqual([true, true])
  })

  it('takes only allowed rooms, by id or topic, when a list is configured', () => {
    expect(acceptsWechatyMessage(inRoom, { rooms: 'all', allowedRooms: ['r1@chatroom'] })).toBe(true)
    expect(acceptsWechatyMessage(inRoom, { rooms: 'all', allowedRooms: ['12345 便民服务群'] })).toBe(true)
    expect(acceptsWechatyMessage(mentioned, { rooms: 'mentions', allowedRooms: ['other@chatroom'] })).toBe(false)
    expect(acceptsWechatyMessage(direct, { rooms: 'all', allowedRooms: ['other@chatroom'] })).toBe(true)
  })
})
