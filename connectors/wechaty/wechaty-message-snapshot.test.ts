import { describe, expect, it } from 'vitest'
import { readWechatySnapshot, type WechatyMessageSnapshot, wechatyListenRequest } from './wechaty-message-snapshot.js'

const RECEIVED_AT = new Date('2025-03-01T08:00:00Z')
const snapshot: WechatyMessageSnapshot = {
  version: 1,
  id: 'msg-1',
  type: 'Text',
  text: '你好',
  talker: { id: 'wxid_citizen', name: '李女士' },
  timestamp: RECEIVED_AT.getTime(),
  self: false,
  mentionSelf: false,
}

describe('wechaty listen requests', () => {
  it('carry the snapshot as JSON and read back to the same snapshot', () => {
    const request = wechatyListenRequest(snapshot, RECEIVED_AT)
    expect(request).toEqual({
      method: 'LISTEN',
      url: '/listen/wechaty',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(snapshot),
      receivedAt: RECEIVED_AT,
    })
    expect(readWechatySnapshot(request)).toEqual(snapshot)
  })

  it('read nothing from webhooks, garbage or snapshots of another version', () => {
    const request = wechatyListenRequest(snapshot, RECEIVED_AT)
    expect(readWechatySnapshot({ ...request, method: 'POST' })).toBeUndefined()
    expect(readWechatySnapshot({ ...request, body: '{not json' })).toBeUndefined()
    expect(readWechatySnapshot({ ...request, body: JSON.stringify({ ...snapshot, version: 2 }) })).toBeUndefined()
    expect(readWechatySnapshot({ ...request, body: JSON.stringify({ ...snapshot, talker: {} }) })).toBeUndefined()
  })
})
