import { describe, expect, it } from 'vitest'
import { webchatInboundFrameSchema } from './webchat-frame-schema.js'

const accepts = (frame: unknown) => webchatInboundFrameSchema.safeParse(frame).success

describe('webchatInboundFrameSchema: message frames', () => {
  it('accepts a message with an 8–64 character URL-safe client id', () => {
    expect(accepts({ type: 'message', clientId: 'abcd-_12', text: 'hello' })).toBe(true)
    expect(accepts({ type: 'message', clientId: 'a'.repeat(64), text: 'hello' })).toBe(true)
  })

  it('accepts any text, even empty (emptiness and length are the connector’s call)', () => {
    expect(accepts({ type: 'message', clientId: 'client-0001', text: '' })).toBe(true)
    expect(accepts({ type: 'message', clientId: 'client-0001', text: 'x'.repeat(50_000) })).toBe(true)
  })

  it.each([
    ['a client id of 7 characters', { type: 'message', clientId: 'abcdefg', text: 'hi' }],
    ['a client id of 65 characters', { type: 'message', clientId: 'a'.repeat(65), text: 'hi' }],
    ['a client id with a colon (it becomes part of the external id)', { type: 'message', clientId: 'client:0001', text: 'hi' }],
    ['a client id with a space', { type: 'message', clientId: 'client 0001', text: 'hi' }],
    ['a missing client id', { type: 'message', text: 'hi' }],
    ['a numeric client id', { type: 'message', clientId: 12345678, text: 'hi' }],
    ['missing text', { type: 'message', clientId: 'client-0001' }],
    ['non-string text', { type: 'message', clientId: 'client-0001', text: { html: '<b>' } }],
  ])('rejects %s', (_label, frame) => {
    expect(accepts(frame)).toBe(false)
  })

  it('drops unknown fields instead of passing them on', () => {
    const parsed = webchatInboundFrameSchema.parse({ type: 'message', clientId: 'client-0001', text: 'hi', sender: 'admin' })
    expect(parsed).toEqual({ type: 'message', clientId: 'client-0001', text: 'hi' })
  })
})

describe('webchatInboundFrameSchema: receipt frames', () => {
  it('accepts delivered and read receipts for 1–100 ids', () => {
    expect(accepts({ type: 'receipt', status: 'delivered', messageIds: ['m1'] })).toBe(true)
    expect(accepts({ type: 'receipt', status: 'read', messageIds: Array.from({ length: 100 }, (_, index) => `m${index}`) })).toBe(true)
  })

  it.each([
    ['status sent (only the hub says sent)', { type: 'receipt', status: 'sent', messageIds: ['m1'] }],
    ['status failed', { type: 'receipt', status: 'failed', messageIds: ['m1'] }],
    ['no ids', { type: 'receipt', status: 'read', messageIds: [] }],
    ['101 ids', { type: 'receipt', status: 'read', messageIds: Array.from({ length: 101 }, (_, index) => `m${index}`) }],
    ['an empty id', { type: 'receipt', status: 'read', messageIds: [''] }],
    ['an id of 65 characters', { type: 'receipt', status: 'read', messageIds: ['m'.repeat(65)] }],
    ['ids that are not strings', { type: 'receipt', status: 'read', messageIds: [1, 2] }],
    ['ids as a single string', { type: 'receipt', status: 'read', messageIds: 'm1' }],
  ])('rejects %s', (_label, frame) => {
    expect(accepts(frame)).toBe(false)
  })
})

describe('webchatInboundFrameSchema: anything else', () => {
  it.each([
    ['a typing frame (handled by the gateway)', { type: 'typing', on: true }],
    ['a hello frame', { type: 'hello', token: 't' }],
    ['a frame without a type', { clientId: 'client-0001', text: 'hi' }],
    ['null', null],
    ['an array', [{ type: 'message', clientId: 'client-0001', text: 'hi' }]],
    ['a string', 'message'],
  ])('rejects %s', (_label, frame) => {
    expect(accepts(frame)).toBe(false)
  })
})
