import { describe, expect, it } from 'vitest'
import { messageIdFromWechatyFileUrl, wechatyFileUrl } from './wechaty-file-url.js'
import { parseWechatyRecipient, wechatyRoomExternalId } from './wechaty-recipient.js'

describe('wechaty recipients', () => {
  it('tell rooms from contacts by the room: prefix', () => {
    expect(parseWechatyRecipient(wechatyRoomExternalId('r1@chatroom'))).toEqual({ kind: 'room', id: 'r1@chatroom' })
    expect(parseWechatyRecipient('wxid_citizen')).toEqual({ kind: 'contact', id: 'wxid_citizen' })
    expect(parseWechatyRecipient('room:')).toBeUndefined()
    expect(parseWechatyRecipient('')).toBeUndefined()
  })
})

describe('wechaty file urls', () => {
  it('round-trip a message id', () => {
    expect(wechatyFileUrl('msg-1')).toBe('wechaty-file:msg-1')
    expect(messageIdFromWechatyFileUrl('wechaty-file:msg-1')).toBe('msg-1')
    expect(messageIdFromWechatyFileUrl('wechaty-file:')).toBeUndefined()
    expect(messageIdFromWechatyFileUrl('wechat-media:abc')).toBeUndefined()
  })
})
