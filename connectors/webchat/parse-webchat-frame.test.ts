import { describe, expect, it } from 'vitest'
import { parseWebchatFrame, visitorHandle, type WebchatInboundFrame } from './parse-webchat-frame.js'

const VISITOR = 'k3f9Qx-_abcdefghijklmn'

describe('visitorHandle', () => {
  it('is the first four letters or digits of the visitor id, upper-cased', () => {
    expect(visitorHandle(VISITOR)).toBe('K3F9')
  })

  it('skips the URL-safe punctuation of base64url ids', () => {
    expect(visitorHandle('-_a-b_c-d_efgh')).toBe('ABCD')
  })

  it('is shorter when the id has fewer than four letters or digits, and empty for none', () => {
    expect(visitorHandle('a-b')).toBe('AB')
    expect(visitorHandle('-_-_')).toBe('')
  })
})

describe('parseWebchatFrame: message frames', () => {
  const frame: WebchatInboundFrame = { type: 'message', clientId: 'client-0001', text: '  路灯坏了 \n' }

  it('becomes one text message from the visitor, with trimmed text', () => {
    expect(parseWebchatFrame(frame, { visitorId: VISITOR })).toEqual([
      {
        kind: 'message',
        externalId: `${VISITOR}:client-0001`,
        sender: { externalId: VISITOR, displayName: 'Visitor K3F9' },
        type: 'text',
        text: '路灯坏了',
      },
    ])
  })

  it('scopes the external id by visitor, so two visitors reusing a client id never collide', () => {
    const [first] = parseWebchatFrame(frame, { visitorId: 'AAAAAAAAAAAAAAAAAAAAAA' })
    const [second] = parseWebchatFrame(frame, { visitorId: 'BBBBBBBBBBBBBBBBBBBBBB' })
    expect(first?.kind === 'message' && first.externalId).not.toBe(second?.kind === 'message' && second.externalId)
  })

  it('is the same event for a resent frame (redelivery dedupes downstream)', () => {
    expect(parseWebchatFrame(frame, { visitorId: VISITOR })).toEqual(parseWebchatFrame(frame, { visitorId: VISITOR }))
  })

  it('carries the visitor language on the sender when known', () => {
    const [event] = parseWebchatFrame(frame, { visitorId: VISITOR, language: 'en' })
    expect(event?.kind === 'message' && event.sender).toEqual({ externalId: VISITOR, displayName: 'Visitor K3F9', language: 'en' })
  })

  it('leaves the language out when it is empty', () => {
    const [event] = parseWebchatFrame(frame, { visitorId: VISITOR, language: '' })
    expect(event?.kind === 'message' && event.sender).not.toHaveProperty('language')
  })
})

describe('parseWebchatFrame: receipt frames', () => {
  it('becomes one status update per message id, reported by the visitor', () => {
    const frame: WebchatInboundFrame = { type: 'receipt', status: 'read', messageIds: ['msg_out_1', 'msg_out_2'] }
    expect(parseWebchatFrame(frame, { visitorId: VISITOR })).toEqual([
      { kind: 'status', externalId: 'msg_out_1', status: 'read', reportedBy: VISITOR },
      { kind: 'status', externalId: 'msg_out_2', status: 'read', reportedBy: VISITOR },
    ])
  })

  it('passes a delivered receipt through as delivered', () => {
    const frame: WebchatInboundFrame = { type: 'receipt', status: 'delivered', messageIds: ['msg_out_1'] }
    expect(parseWebchatFrame(frame, { visitorId: VISITOR })).toEqual([{ kind: 'status', externalId: 'msg_out_1', status: 'delivered', reportedBy: VISITOR }])
  })

  it('yields nothing for an empty id list', () => {
    expect(parseWebchatFrame({ type: 'receipt', status: 'read', messageIds: [] }, { visitorId: VISITOR })).toEqual([])
  })
})

describe('parseWebchatFrame: other frames', () => {
  it('yields nothing for a frame type it does not know', () => {
    const typing = { type: 'typing', on: true } as unknown as WebchatInboundFrame
    expect(parseWebchatFrame(typing, { visitorId: VISITOR })).toEqual([])
  })
})
