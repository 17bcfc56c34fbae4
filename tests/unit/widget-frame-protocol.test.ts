import { describe, expect, it } from 'vitest'
import { asWebOrigin, readFrameMessage, readLoaderMessage, toWire } from '../../widget/src/frame-protocol.js'

const frameWindow = { name: 'frame' }
const parentWindow = { name: 'parent' }
const HOST = 'https://hub.example.gov.cn'
const PAGE = 'https://www.example.gov.cn'

const fromFrame = (data: unknown, overrides: Partial<{ origin: string; source: unknown }> = {}) => ({
  origin: HOST,
  source: frameWindow,
  data,
  ...overrides,
})

describe('frame protocol guard (loader side)', () => {
  const expected = { origin: HOST, window: frameWindow }

  it('accepts each frame message type with the prefix', () => {
    expect(readFrameMessage(fromFrame(toWire({ type: 'ready' })), expected)).toEqual({ type: 'ready' })
    expect(readFrameMessage(fromFrame(toWire({ type: 'close' })), expected)).toEqual({ type: 'close' })
    expect(readFrameMessage(fromFrame(toWire({ type: 'token', token: 'abc.DEF-123' })), expected)).toEqual({ type: 'token', token: 'abc.DEF-123' })
    expect(readFrameMessage(fromFrame(toWire({ type: 'unread', count: 3 })), expected)).toEqual({ type: 'unread', count: 3 })
  })

  it('rejects messages from another origin, even with the right shape', () => {
    expect(readFrameMessage(fromFrame(toWire({ type: 'close' }), { origin: 'https://evil.example' }), expected)).toBeNull()
    expect(readFrameMessage(fromFrame(toWire({ type: 'close' }), { origin: `${HOST}.evil.example` }), expected)).toBeNull()
  })

  it('rejects messages from another window with the right origin (e.g. a second frame)', () => {
    expect(readFrameMessage(fromFrame(toWire({ type: 'close' }), { source: {} }), expected)).toBeNull()
    expect(readFrameMessage(fromFrame(toWire({ type: 'close' })), { origin: HOST, window: null })).toBeNull()
  })

  it('rejects foreign and malformed payloads', () => {
    expect(readFrameMessage(fromFrame({ type: 'close' }), expected)).toBeNull()
    expect(readFrameMessage(fromFrame('{"source":"switchboard-widget","type":"close"}'), expected)).toBeNull()
    expect(readFrameMessage(fromFrame(null), expected)).toBeNull()
    expect(readFrameMessage(fromFrame(toWire({ type: 'init', token: null, open: true })), expected)).toBeNull()
    expect(readFrameMessage(fromFrame({ source: 'switchboard-widget', type: 'token', token: 'has space' }), expected)).toBeNull()
    expect(readFrameMessage(fromFrame({ source: 'switchboard-widget', type: 'token', token: 'x'.repeat(513) }), expected)).toBeNull()
    expect(readFrameMessage(fromFrame({ source: 'switchboard-widget', type: 'unread', count: -1 }), expected)).toBeNull()
    expect(readFrameMessage(fromFrame({ source: 'switchboard-widget', type: 'unread', count: 1.5 }), expected)).toBeNull()
    expect(readFrameMessage(fromFrame({ source: 'switchboard-widget', type: 'unread', count: '2' }), expected)).toBeNull()
  })
})

describe('frame protocol guard (frame side)', () => {
  const expected = { origin: PAGE, window: parentWindow }
  const fromParent = (data: unknown, origin = PAGE) => ({ origin, source: parentWindow, data })

  it('accepts init with or without a token, and opened/closed', () => {
    expect(readLoaderMessage(fromParent(toWire({ type: 'init', token: 'tok', open: true })), expected)).toEqual({ type: 'init', token: 'tok', open: true })
    expect(readLoaderMessage(fromParent(toWire({ type: 'init', token: null, open: false })), expected)).toEqual({ type: 'init', token: null, open: false })
    expect(readLoaderMessage(fromParent(toWire({ type: 'opened' })), expected)).toEqual({ type: 'opened' })
    expect(readLoaderMessage(fromParent(toWire({ type: 'closed' })), expected)).toEqual({ type: 'closed' })
  })

  it('rejects a page that is not the one named in the frame URL', () => {
    expect(readLoaderMessage(fromParent(toWire({ type: 'opened' }), 'https://other.example'), expected)).toBeNull()
  })

  it('rejects init with a bad token or a missing open flag, and frame-to-loader types', () => {
    expect(readLoaderMessage(fromParent({ source: 'switchboard-widget', type: 'init', token: 42, open: true }), expected)).toBeNull()
    expect(readLoaderMessage(fromParent({ source: 'switchboard-widget', type: 'init', token: null }), expected)).toBeNull()
    expect(readLoaderMessage(fromParent(toWire({ type: 'close' })), expected)).toBeNull()
  })
})

describe('asWebOrigin', () => {
  it('accepts exact http(s) origins only', () => {
    expect(asWebOrigin('https://www.example.gov.cn')).toBe('https://www.example.gov.cn')
    expect(asWebOrigin('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080')
    expect(asWebOrigin('https://www.example.gov.cn/')).toBeNull()
    expect(asWebOrigin('https://www.example.gov.cn/path')).toBeNull()
    expect(asWebOrigin('javascript:alert(1)')).toBeNull()
    expect(asWebOrigin('null')).toBeNull()
    expect(asWebOrigin('*')).toBeNull()
    expect(asWebOrigin(null)).toBeNull()
  })
})
