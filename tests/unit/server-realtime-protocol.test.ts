import { describe, expect, it } from 'vitest'
import { CLOSE_CODES, clientIdSchema, inboxClientFrameSchema, widgetClientFrameSchema } from '../../server/realtime/protocol.js'

const widget = (frame: unknown) => widgetClientFrameSchema.safeParse(frame).success
const inbox = (frame: unknown) => inboxClientFrameSchema.safeParse(frame).success

describe('clientIdSchema', () => {
  it('accepts 8–64 URL-safe characters', () => {
    for (const id of ['abcdefgh', 'A1_-A1_-', 'x'.repeat(64), '0194d7a2-5b0c-7def-8a90-1234567890ab']) expect(clientIdSchema.safeParse(id).success).toBe(true)
  })

  it('rejects ids that are too short, too long or carry other characters, with a readable message', () => {
    for (const id of ['abcdefg', 'x'.repeat(65), 'abcd efgh', 'abcd.efgh', 'abcd/efgh', 'абвгдежз', '']) {
      const result = clientIdSchema.safeParse(id)
      expect(result.success).toBe(false)
      expect(result.error?.issues[0]?.message).toBe('clientId must be 8–64 URL-safe characters')
    }
  })
})

describe('widgetClientFrameSchema: valid frames', () => {
  it.each([
    ['hello with a token', { type: 'hello', token: 't' }],
    ['hello resuming a conversation', { type: 'hello', token: 't', resume: { conversationId: 'cv_1', seq: 0 } }],
    ['hello with a language', { type: 'hello', token: 't', language: 'zh-CN' }],
    ['a message', { type: 'message', clientId: 'client-0001', text: '你好' }],
    ['an empty message (the connector rejects it with a reason)', { type: 'message', clientId: 'client-0001', text: '' }],
    ['typing on', { type: 'typing', on: true }],
    ['typing off', { type: 'typing', on: false }],
    ['a delivered receipt', { type: 'receipt', status: 'delivered', messageIds: ['m1'] }],
    ['a read receipt for 100 messages', { type: 'receipt', status: 'read', messageIds: Array.from({ length: 100 }, (_, index) => `m${index}`) }],
    ['ping', { type: 'ping' }],
  ])('accepts %s', (_label, frame) => {
    expect(widget(frame)).toBe(true)
  })

  it('strips fields a frame does not declare', () => {
    expect(widgetClientFrameSchema.parse({ type: 'ping', admin: true })).toEqual({ type: 'ping' })
  })
})

describe('widgetClientFrameSchema: invalid frames', () => {
  it.each([
    ['an unknown type', { type: 'subscribe', topic: 'conversations' }],
    ['no type', { token: 't' }],
    ['hello without a token', { type: 'hello' }],
    ['hello with an empty token', { type: 'hello', token: '' }],
    ['hello with a token over 512 characters', { type: 'hello', token: 't'.repeat(513) }],
    ['hello resuming from a negative seq', { type: 'hello', token: 't', resume: { conversationId: 'cv_1', seq: -1 } }],
    ['hello resuming from a fractional seq', { type: 'hello', token: 't', resume: { conversationId: 'cv_1', seq: 1.5 } }],
    ['hello resuming without a conversation id', { type: 'hello', token: 't', resume: { seq: 1 } }],
    ['hello resuming a conversation id over 64 characters', { type: 'hello', token: 't', resume: { conversationId: 'c'.repeat(65), seq: 1 } }],
    ['hello with a language tag over 16 characters', { type: 'hello', token: 't', language: 'x'.repeat(17) }],
    ['a message with a bad client id', { type: 'message', clientId: 'short', text: 'hi' }],
    ['a message without text', { type: 'message', clientId: 'client-0001' }],
    ['a message with non-string text', { type: 'message', clientId: 'client-0001', text: 42 }],
    ['typing without a flag', { type: 'typing' }],
    ['typing with a string flag', { type: 'typing', on: 'true' }],
    ['a receipt with status sent', { type: 'receipt', status: 'sent', messageIds: ['m1'] }],
    ['a receipt with no ids', { type: 'receipt', status: 'read', messageIds: [] }],
    ['a receipt with 101 ids', { type: 'receipt', status: 'read', messageIds: Array.from({ length: 101 }, (_, index) => `m${index}`) }],
    ['a receipt with an id over 64 characters', { type: 'receipt', status: 'read', messageIds: ['m'.repeat(65)] }],
    ['null', null],
    ['a string', 'ping'],
    ['an array', [{ type: 'ping' }]],
  ])('rejects %s', (_label, frame) => {
    expect(widget(frame)).toBe(false)
  })
})

describe('inboxClientFrameSchema: valid frames', () => {
  it.each([
    ['hello with a bearer token', { type: 'hello', token: 'bearer' }],
    ['subscribe to the conversation list', { type: 'subscribe', topic: 'conversations' }],
    ['subscribe to one conversation after a seq', { type: 'subscribe', topic: 'conversation', conversationId: 'cv_1', after: 12 }],
    ['unsubscribe from a conversation', { type: 'unsubscribe', topic: 'conversation', conversationId: 'cv_1' }],
    ['typing in a conversation', { type: 'typing', conversationId: 'cv_1', on: true }],
    ['ping', { type: 'ping' }],
  ])('accepts %s', (_label, frame) => {
    expect(inbox(frame)).toBe(true)
  })

  it('subscribes to a conversation from the start when no seq is given', () => {
    expect(inboxClientFrameSchema.parse({ type: 'subscribe', topic: 'conversation', conversationId: 'cv_1' })).toEqual({
      type: 'subscribe',
      topic: 'conversation',
      conversationId: 'cv_1',
      after: 0,
    })
  })

  it('tells the two subscribe frames apart by topic', () => {
    expect(inboxClientFrameSchema.parse({ type: 'subscribe', topic: 'conversations' })).toEqual({ type: 'subscribe', topic: 'conversations' })
  })
})

describe('inboxClientFrameSchema: invalid frames', () => {
  it.each([
    ['hello with an empty token', { type: 'hello', token: '' }],
    ['hello with a token over 512 characters', { type: 'hello', token: 't'.repeat(513) }],
    ['subscribe to an unknown topic', { type: 'subscribe', topic: 'users' }],
    ['subscribe to a conversation without its id', { type: 'subscribe', topic: 'conversation' }],
    ['subscribe with a negative seq', { type: 'subscribe', topic: 'conversation', conversationId: 'cv_1', after: -1 }],
    ['subscribe with a string seq', { type: 'subscribe', topic: 'conversation', conversationId: 'cv_1', after: '5' }],
    ['subscribe with a conversation id over 64 characters', { type: 'subscribe', topic: 'conversation', conversationId: 'c'.repeat(65) }],
    ['unsubscribe from the conversation list', { type: 'unsubscribe', topic: 'conversations' }],
    ['unsubscribe without a conversation id', { type: 'unsubscribe', topic: 'conversation' }],
    ['typing without a conversation', { type: 'typing', on: true }],
    ['a widget message frame', { type: 'message', clientId: 'client-0001', text: 'hi' }],
    ['a widget receipt frame', { type: 'receipt', status: 'read', messageIds: ['m1'] }],
    ['null', null],
  ])('rejects %s', (_label, frame) => {
    expect(inbox(frame)).toBe(false)
  })
})

describe('CLOSE_CODES', () => {
  it('uses the application range 4000–4999, each code once', () => {
    const codes = Object.values(CLOSE_CODES)
    for (const code of codes) expect(code).toBeGreaterThanOrEqual(4000)
    for (const code of codes) expect(code).toBeLessThanOrEqual(4999)
    expect(new Set(codes).size).toBe(codes.length)
  })
})
