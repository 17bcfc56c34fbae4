import { describe, expect, it } from 'vitest'
import { V1, V2, V3, V6, V7 } from './__fixtures__/published-vectors.js'
import { computeSignature, isValidMessageSignature, isValidUrlSignature, messageSignature, signaturesMatch, urlSignature } from './signature.js'

describe('WeChat signatures', () => {
  it('reproduces the URL-verification signature of V1 and the POST signature of V2', () => {
    expect(urlSignature({ token: V1.token, timestamp: V1.timestamp, nonce: V1.nonce })).toBe(V1.signature)
    expect(urlSignature({ token: V2.token, timestamp: V2.timestamp, nonce: V2.nonce })).toBe(V2.signature)
  })

  it('reproduces the 3-field signature and msg_signature of V3', () => {
    expect(urlSignature({ token: V3.token, timestamp: V3.timestamp, nonce: V3.nonce })).toBe(V3.signature)
    expect(messageSignature({ token: V3.token, timestamp: V3.timestamp, nonce: V3.nonce, encrypt: V3.encrypt })).toBe(V3.msgSignature)
  })

  it('reproduces the msg_signature of V6 (request and reply) and V7', () => {
    expect(messageSignature({ token: V6.token, timestamp: V6.timestamp, nonce: V6.nonce, encrypt: V6.encrypt })).toBe(V6.msgSignature)
    const reply = V6.reply
    expect(messageSignature({ token: V6.token, timestamp: reply.timestamp, nonce: reply.nonce, encrypt: reply.encrypt })).toBe(reply.msgSignature)
    expect(messageSignature({ token: V7.token, timestamp: V7.timestamp, nonce: V7.nonce, encrypt: V7.encrypt })).toBe(V7.msgSignature)
  })

  it('sorts the parts by code unit, independent of the order they are given in', () => {
    expect(computeSignature(['1514711492', '1714036504', 'AAAAA'])).toBe(V1.signature)
    expect(computeSignature(['AAAAA', '1514711492', '1714036504'])).toBe(V1.signature)
  })

  it('accepts the published signature and rejects any other', () => {
    const params = { token: V1.token, timestamp: V1.timestamp, nonce: V1.nonce }
    expect(isValidUrlSignature({ ...params, signature: V1.signature })).toBe(true)
    expect(isValidUrlSignature({ ...params, signature: V1.signature.toUpperCase() })).toBe(true)
    expect(isValidUrlSignature({ ...params, signature: `${V1.signature.slice(0, -1)}7` })).toBe(false)
    expect(isValidUrlSignature({ ...params, signature: V1.signature.slice(0, -1) })).toBe(false)
    expect(isValidUrlSignature({ ...params, signature: '' })).toBe(false)
    expect(isValidUrlSignature({ ...params, token: 'BBBBB', signature: V1.signature })).toBe(false)
    expect(isValidUrlSignature({ ...params, nonce: '1514711493', signature: V1.signature })).toBe(false)
  })

  it('binds msg_signature to the Encrypt text', () => {
    const params = { token: V3.token, timestamp: V3.timestamp, nonce: V3.nonce, signature: V3.msgSignature }
    expect(isValidMessageSignature({ ...params, encrypt: V3.encrypt })).toBe(true)
    expect(isValidMessageSignature({ ...params, encrypt: `A${V3.encrypt.slice(1)}` })).toBe(false)
  })

  it('compares without throwing on different lengths', () => {
    expect(signaturesMatch('abc', 'abcd')).toBe(false)
    expect(signaturesMatch('abc', 'abc')).toBe(true)
  })
})
