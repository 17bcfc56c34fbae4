import { describe, expect, it } from 'vitest'
import { fetchSession, SessionError } from '../../widget/src/frame/session-api.js'

const session = {
  token: 'tok-new',
  visitorId: 'v1',
  channel: { id: 'web', title: { 'zh-CN': '在线咨询', en: 'Chat' }, greeting: { 'zh-CN': '您好', en: 'Hello' }, maxMessageLength: 2000 },
}

function fakeFetch(status: number, body: unknown, seen: RequestInit[] = []): typeof fetch {
  return async (_input, init) => {
    if (init) seen.push(init)
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
  }
}

describe('fetchSession', () => {
  it('posts the channel and the token, without cookies', async () => {
    const seen: RequestInit[] = []
    await expect(fetchSession('web', 'tok-old', fakeFetch(200, session, seen))).resolves.toEqual(session)
    expect(JSON.parse(String(seen[0]?.body))).toEqual({ channelId: 'web', token: 'tok-old' })
    expect(seen[0]?.credentials).toBe('omit')
    await fetchSession('web', null, fakeFetch(200, session, seen))
    expect(JSON.parse(String(seen[1]?.body))).toEqual({ channelId: 'web' })
  })

  it('turns the API error body into a SessionError; 4xx is permanent, 5xx is not', async () => {
    const notFound = fetchSession('nope', null, fakeFetch(404, { error: { code: 'channel_not_found', message: 'no such channel' } }))
    await expect(notFound).rejects.toMatchObject({ code: 'channel_not_found', permanent: true })
    await expect(fetchSession('web', null, fakeFetch(503, {}))).rejects.toMatchObject({ code: 'http_503', permanent: false })
    await expect(fetchSession('web', null, fakeFetch(429, {}))).rejects.toMatchObject({ permanent: false })
  })

  it('ignores a nonsensical channel limit instead of failing the session', async () => {
    const odd = { ...session, channel: { ...session.channel, maxMessageLength: -1 } }
    const result = await fetchSession('web', null, fakeFetch(200, odd))
    expect(result.channel.maxMessageLength).toBeUndefined()
  })

  it('rejects a response without the expected shape, and network failures, as retryable', async () => {
    await expect(fetchSession('web', null, fakeFetch(200, { token: 'x' }))).rejects.toBeInstanceOf(SessionError)
    const offline: typeof fetch = async () => {
      throw new TypeError('Failed to fetch')
    }
    await expect(fetchSession('web', null, offline)).rejects.toMatchObject({ code: 'network', permanent: false })
  })
})
