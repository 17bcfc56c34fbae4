import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, NetworkError, request, setUnauthorizedHandler } from '../../inbox/src/api/http.js'
import { inboxSocketUrl } from '../../inbox/src/realtime/inbox-socket.js'
import { newClientId } from '../../inbox/src/state/client-id.js'
import { conversationIdFromPath, pathForConversation } from '../../inbox/src/state/route.js'

const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/

describe('routes', () => {
  it('round-trips a conversation id through the URL', () => {
    expect(pathForConversation('c/1 x')).toBe('/inbox/c/c%2F1%20x')
    expect(conversationIdFromPath(pathForConversation('c/1 x'))).toBe('c/1 x')
    expect(pathForConversation(null)).toBe('/inbox/')
  })

  it('ignores other paths and bad encodings', () => {
    expect(conversationIdFromPath('/inbox/')).toBeNull()
    expect(conversationIdFromPath('/inbox/c/')).toBeNull()
    expect(conversationIdFromPath('/other/c/1')).toBeNull()
    expect(conversationIdFromPath('/inbox/c/%E0%A4%A')).toBeNull()
  })
})

describe('newClientId', () => {
  it('matches the protocol’s clientId rule, with and without randomUUID', () => {
    expect(newClientId()).toMatch(CLIENT_ID)
    const insecure = { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) } as unknown as Crypto
    const id = newClientId(insecure)
    expect(id).toMatch(CLIENT_ID)
    expect(id).not.toBe(newClientId(insecure))
  })
})

describe('inboxSocketUrl', () => {
  it('follows the page protocol', () => {
    expect(inboxSocketUrl({ protocol: 'https:', host: 'hub.example.gov' })).toBe('wss://hub.example.gov/ws/inbox')
    expect(inboxSocketUrl({ protocol: 'http:', host: '127.0.0.1:3000' })).toBe('ws://127.0.0.1:3000/ws/inbox')
  })
})

describe('request', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    setUnauthorizedHandler(null)
  })

  const respond = (status: number, body: unknown) =>
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status })),
    )

  it('returns JSON and sends JSON', async () => {
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) => new Response(JSON.stringify({ ok: 1 }), { status: 201 }))
    vi.stubGlobal('fetch', fetch)
    await expect(request('POST', '/api/x', { a: 1 })).resolves.toEqual({ ok: 1 })
    expect(fetch.mock.calls[0]?.[1]).toMatchObject({ method: 'POST', body: '{"a":1}' })
  })

  it('turns the error envelope into an ApiError', async () => {
    respond(409, { error: { code: 'conflict', message: 'Already assigned', details: { by: 'x' } } })
    const failure = await request('GET', '/api/x').catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ApiError)
    expect(failure).toMatchObject({ status: 409, code: 'conflict', message: 'Already assigned', details: { by: 'x' } })
  })

  it('copes with a non-JSON error body', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })),
    )
    await expect(request('GET', '/api/x')).rejects.toMatchObject({ status: 502, code: 'http_502' })
  })

  it('reports a lost session, except for a failed login', async () => {
    const handler = vi.fn()
    setUnauthorizedHandler(handler)
    respond(401, { error: { code: 'invalid_credentials', message: 'no' } })
    await expect(request('POST', '/api/auth/login', {})).rejects.toBeInstanceOf(ApiError)
    expect(handler).not.toHaveBeenCalled()
    respond(401, { error: { code: 'unauthorized', message: 'no' } })
    await expect(request('GET', '/api/me')).rejects.toBeInstanceOf(ApiError)
    expect(handler).toHaveBeenCalledOnce()
  })

  it('distinguishes a network failure', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('fetch failed'))),
    )
    await expect(request('GET', '/api/x')).rejects.toBeInstanceOf(NetworkError)
  })

  it('returns undefined for 204', async () => {
    respond(204, undefined)
    await expect(request('POST', '/api/auth/logout')).resolves.toBeUndefined()
  })
})
