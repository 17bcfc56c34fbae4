import { describe, expect, it } from 'vitest'
import { mapWechatyMessage } from './map-wechaty-message.js'
import type { WechatyMessageSnapshot } from './wechaty-message-snapshot.js'

const SENT_AT = new Date('2025-03-01T08:00:00Z')

function snapshot(patch: Partial<WechatyMessageSnapshot> = {}): WechatyMessageSnapshot {
  return {
    version: 1,
    id: 'msg-1',
    type: 'Text',
    text: '我家楼下的路灯坏了',
    talker: { id: 'wxid_citizen', name: '李女士' },
    timestamp: SENT_AT.getTime(),
    self: false,
    mentionSelf: false,
    ...patch,
  }
}

const room = { id: '20001234@chatroom', topic: '幸福里社区群' }

describe('mapWechatyMessage', () => {
  it('maps a 1:1 text to a message from the talker, deduped by the Wechaty message id', () => {
    expect(mapWechatyMessage(snapshot())).toEqual([
      {
        kind: 'message',
        externalId: 'msg-1',
        sender: { externalId: 'wxid_citizen', displayName: '李女士' },
        type: 'text',
        text: '我家楼下的路灯坏了',
        sentAt: SENT_AT,
        metadata: { wechatyType: 'Text' },
      },
    ])
  })

  it('makes a group message come from the room, keeping who spoke in metadata', () => {
    const [event] = mapWechatyMessage(snapshot({ room, mentionSelf: true, text: '@热线 小区门口积水' }))
    expect(event).toEqual({
      kind: 'message',
      externalId: 'msg-1',
      sender: { externalId: 'room:20001234@chatroom', displayName: '幸福里社区群' },
      author: { externalId: 'wxid_citizen', displayName: '李女士' },
      type: 'text',
      text: '@热线 小区门口积水',
      sentAt: SENT_AT,
      metadata: {
        wechatyType: 'Text',
        roomId: '20001234@chatroom',
        roomTopic: '幸福里社区群',
        talkerId: 'wxid_citizen',
        talkerName: '李女士',
        mentionSelf: 'true',
      },
    })
  })

  it('leaves out names the puppet did not give', () => {
    expect(mapWechatyMessage(snapshot({ talker: { id: 'wxid_x' } }))[0]).toMatchObject({ sender: { externalId: 'wxid_x' } })
    expect(mapWechatyMessage(snapshot({ talker: { id: 'wxid_x', name: ' ' }, room: { id: 'r@chatroom' } }))[0]).toMatchObject({
      sender: { externalId: 'room:r@chatroom' },
      author: { externalId: 'wxid_x' },
      metadata: { wechatyType: 'Text', roomId: 'r@chatroom', talkerId: 'wxid_x' },
    })
  })

  it("ignores the bot's own messages, recalls, puppet noise and empty texts", () => {
    expect(mapWechatyMessage(snapshot({ self: true }))).toEqual([])
    expect(mapWechatyMessage(snapshot({ type: 'Recalled' }))).toEqual([])
    expect(mapWechatyMessage(snapshot({ type: 'Unknown', text: '<sysmsg/>' }))).toEqual([])
    expect(mapWechatyMessage(snapshot({ text: '  ' }))).toEqual([])
  })

  it('references media by message id for a later download', () => {
    const media = (type: string, text = '') => mapWechatyMessage(snapshot({ type, text }))[0]
    expect(media('Image')).toMatchObject({
      type: 'image',
      attachments: [{ url: 'wechaty-file:msg-1', mimeType: 'image/*' }],
      metadata: { wechatyType: 'Image' },
    })
    expect(media('Emoticon')).toMatchObject({
      type: 'image',
      attachments: [{ url: 'wechaty-file:msg-1', mimeType: 'image/*' }],
      metadata: { wechatyType: 'Emoticon' },
    })
    expect(media('Audio')).toMatchObject({ type: 'audio', attachments: [{ url: 'wechaty-file:msg-1', mimeType: 'audio/*' }] })
    expect(media('Video')).toMatchObject({ type: 'video', attachments: [{ url: 'wechaty-file:msg-1', mimeType: 'video/*' }] })
    expect(media('Attachment', '投诉材料.pdf')).toMatchObject({
      type: 'file',
      attachments: [{ url: 'wechaty-file:msg-1', mimeType: 'application/octet-stream', name: '投诉材料.pdf' }],
    })
    // Some puppets put the raw XML in the text: that is no file name.
    expect(media('Attachment', '<msg><appmsg/></msg>')).toEqual(
      expect.objectContaining({ attachments: [{ url: 'wechaty-file:msg-1', mimeType: 'application/octet-stream' }] }),
    )
    expect(media('Image', 'img.jpg')).not.toHaveProperty('text')
  })

  it('maps a position to a location, and keeps an unreadable one as text', () => {
    const location = { latitude: 39.99512, longitude: 116.334154, name: '东升乡人民政府', address: '北京市海淀区成府路45号' }
    expect(mapWechatyMessage(snapshot({ type: 'Location', text: '', location }))[0]).toMatchObject({
      type: 'location',
      location: { latitude: 39.99512, longitude: 116.334154, label: '东升乡人民政府, 北京市海淀区成府路45号' },
      metadata: { wechatyType: 'Location', name: '东升乡人民政府', address: '北京市海淀区成府路45号' },
    })
    expect(mapWechatyMessage(snapshot({ type: 'Location', text: '成府路45号', location: { latitude: 120, longitude: 0 } }))[0]).toMatchObject({
      type: 'text',
      text: '成府路45号',
    })
    expect(mapWechatyMessage(snapshot({ type: 'Location', text: '' }))[0]).toMatchObject({ type: 'text', text: '[Location]' })
  })

  it('maps a link card to text with its parts in metadata', () => {
    const urlLink = { url: 'https://example.gov.cn/notice', title: '停水通知', description: '3月2日 9:00–17:00' }
    expect(mapWechatyMessage(snapshot({ type: 'Url', text: '', urlLink }))[0]).toMatchObject({
      type: 'text',
      text: '停水通知\n3月2日 9:00–17:00\nhttps://example.gov.cn/notice',
      metadata: { wechatyType: 'Url', url: urlLink.url, title: '停水通知', description: '3月2日 9:00–17:00' },
    })
    expect(mapWechatyMessage(snapshot({ type: 'Url', text: '' }))[0]).toMatchObject({ type: 'text', text: '[Url]' })
  })

  it('shows content the hub cannot render as a placeholder rather than dropping it', () => {
    expect(mapWechatyMessage(snapshot({ type: 'MiniProgram', text: '随申办' }))[0]).toMatchObject({ type: 'text', text: '[MiniProgram] 随申办' })
    expect(mapWechatyMessage(snapshot({ type: 'Transfer', text: '' }))[0]).toMatchObject({
      type: 'text',
      text: '[Transfer]',
      metadata: { wechatyType: 'Transfer' },
    })
  })
})
