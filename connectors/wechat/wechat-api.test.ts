import { describe, expect, it } from 'vitest'
import { ConnectorSendError } from '../spec.js'
import { createFakeFetch, type FakeHandler, jsonResponse } from './__fixtures__/fake-fetch.js'
import { type AccessTokenStore, createMemoryAccessTokenStore } from './access-token-store.js'
import { apiUrl, createWechatApi, requestAccessToken } from './wechat-api.js'
import { wechatApiError } from './wechat-error.js'

const BASE = 'http://127.0.0.1:9/wechat-fake'

/** A token store that hands out token-1, token-2… and records invalidations. */
function countingStore(): AccessTokenStore & { invalidated: string[] } {
  let current = 1
  const invalidated: string[] = []
  return {
    invalidated,
    async get() {
      return `token-${current}`
    },
    async invalidate(token) {
      invalidated.push(token)
      if (token === `token-${current}`) current += 1
    },
  }
}

function apiWith(handler: FakeHandler, accessTokens: AccessTokenStore = countingStore()) {
  const fake = createFakeFetch(handler)
  return { api: createWechatApi({ baseUrl: BASE, fetch: fake.fetch, accessTokens }), requests: fake.requests, accessTokens }
}

async function sendErrorOf(promise: Promise<unknown>): Promise<ConnectorSendError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ConnectorSendError) return error
    throw new Error(`expected a ConnectorSendError, got ${String(error)}`)
  }
  throw new Error('expected a ConnectorSendError, nothing was thrown')
}

describe('errcode mapping', () => {
  it.each([
    [40001, 'access_token_invalid', true],
    [40014, 'access_token_invalid', true],
    [42001, 'access_token_invalid', true],
    [-1, 'wechat_busy', true],
    [45015, 'reply_window_expired', false],
    [45047, 'reply_quota_exceeded', false],
    [45009, 'api_daily_quota_exceeded', false],
    [40003, 'invalid_openid', false],
    [99999, 'wechat_error_99999', false],
  ])('errcode %i → %s (retryable: %s)', (errcode, code, isRetryable) => {
    const error = wechatApiError(errcode, 'message from WeChat rid: 1234')
    expect(error).toBeInstanceOf(ConnectorSendError)
    expect(error.code).toBe(code)
    expect(error.isRetryable).toBe(isRetryable)
    expect(error.message).toContain('message from WeChat')
  })
})

describe('requestAccessToken', () => {
  it('asks /cgi-bin/token with the client credentials', async () => {
    const fake = createFakeFetch(() => jsonResponse({ access_token: 'ACCESS_TOKEN', expires_in: 7200 }))
    const token = await requestAccessToken({ baseUrl: BASE, fetch: fake.fetch, appId: 'wx1234567890abcdef', appSecret: 's3cret' })
    expect(token).toEqual({ accessToken: 'ACCESS_TOKEN', expiresInSeconds: 7200 })
    const [request] = fake.requests
    expect(request?.method).toBe('GET')
    expect(request?.url.pathname).toBe('/wechat-fake/cgi-bin/token')
    expect(Object.fromEntries(request?.url.searchParams ?? [])).toEqual({ grant_type: 'client_credential', appid: 'wx1234567890abcdef', secret: 's3cret' })
  })

  it('turns {errcode:40013} into a non-retryable credentials error', async () => {
    const fake = createFakeFetch(() => jsonResponse({ errcode: 40013, errmsg: 'invalid appid' }))
    const error = await sendErrorOf(requestAccessToken({ baseUrl: BASE, fetch: fake.fetch, appId: 'wx1234567890abcdef', appSecret: 's' }))
    expect(error).toMatchObject({ code: 'credentials_invalid', isRetryable: false })
  })

  it('rejects a token response without a token', async () => {
    const fake = createFakeFetch(() => jsonResponse({ expires_in: 7200 }))
    expect(await sendErrorOf(requestAccessToken({ baseUrl: BASE, fetch: fake.fetch, appId: 'wx1234567890abcdef', appSecret: 's' }))).toMatchObject({
      code: 'invalid_response',
    })
  })
})

describe('customer-service send', () => {
  it('posts text as JSON with the access token in the query', async () => {
    const { api, requests } = apiWith(() => jsonResponse({ errcode: 0, errmsg: 'ok' }))
    await api.sendCustomMessage({ toUser: 'OPENID', type: 'text', text: 'Hello 你好' })
    const [request] = requests
    expect(request?.method).toBe('POST')
    expect(request?.url.pathname).toBe('/wechat-fake/cgi-bin/message/custom/send')
    expect(request?.url.searchParams.get('access_token')).toBe('token-1')
    expect(request?.headers['content-type']).toContain('application/json')
    expect(request?.body).toEqual({ touser: 'OPENID', msgtype: 'text', text: { content: 'Hello 你好' } })
  })

  it('sends image and voice by media_id', async () => {
    const { api, requests } = apiWith(() => jsonResponse({ errcode: 0, errmsg: 'ok' }))
    await api.sendCustomMessage({ toUser: 'O', type: 'image', mediaId: 'M1' })
    await api.sendCustomMessage({ toUser: 'O', type: 'voice', mediaId: 'M2' })
    expect(requests.map((request) => request.body)).toEqual([
      { touser: 'O', msgtype: 'image', image: { media_id: 'M1' } },
      { touser: 'O', msgtype: 'voice', voice: { media_id: 'M2' } },
    ])
  })

  it('on a stale token, invalidates it and retries exactly once with a new one', async () => {
    const { api, requests, accessTokens } = apiWith((request) =>
      request.url.searchParams.get('access_token') === 'token-1'
        ? jsonResponse({ errcode: 40001, errmsg: 'invalid credential' })
        : jsonResponse({ errcode: 0, errmsg: 'ok' }),
    )
    await api.sendCustomMessage({ toUser: 'O', type: 'text', text: 'x' })
    expect(requests.map((request) => request.url.searchParams.get('access_token'))).toEqual(['token-1', 'token-2'])
    expect((accessTokens as ReturnType<typeof countingStore>).invalidated).toEqual(['token-1'])
  })

  it('gives up after the one retry, leaving a retryable error for the job', async () => {
    const { api, requests } = apiWith(() => jsonResponse({ errcode: 42001, errmsg: 'access_token expired' }))
    const error = await sendErrorOf(api.sendCustomMessage({ toUser: 'O', type: 'text', text: 'x' }))
    expect(error).toMatchObject({ code: 'access_token_invalid', isRetryable: true })
    expect(requests).toHaveLength(2)
  })

  it('works with the memory store: a rejected token triggers a real refresh', async () => {
    let issued = 0
    const accessTokens = createMemoryAccessTokenStore({
      now: () => new Date(0),
      fetchToken: async () => ({ accessToken: `fresh-${++issued}`, expiresInSeconds: 7200 }),
    })
    const { api, requests } = apiWith(
      (request) =>
        request.url.searchParams.get('access_token') === 'fresh-1'
          ? jsonResponse({ errcode: 40014, errmsg: 'invalid access_token' })
          : jsonResponse({ errcode: 0 }),
      accessTokens,
    )
    await api.sendCustomMessage({ toUser: 'O', type: 'text', text: 'x' })
    expect(requests.map((request) => request.url.searchParams.get('access_token'))).toEqual(['fresh-1', 'fresh-2'])
  })

  it("45015 (outside the 48 h window) is final and keeps WeChat's message", async () => {
    const { api, requests } = apiWith(() => jsonResponse({ errcode: 45015, errmsg: 'response out of time limit or subscription is canceled hint: [abc]' }))
    const error = await sendErrorOf(api.sendCustomMessage({ toUser: 'O', type: 'text', text: 'x' }))
    expect(error).toMatchObject({ code: 'reply_window_expired', isRetryable: false, statusCode: 200 })
    expect(error.message).toContain('response out of time limit')
    expect(requests).toHaveLength(1)
  })

  it('45047 (reply quota) is final', async () => {
    const { api } = apiWith(() => jsonResponse({ errcode: 45047, errmsg: 'out of response count limit' }))
    expect(await sendErrorOf(api.sendCustomMessage({ toUser: 'O', type: 'text', text: 'x' }))).toMatchObject({
      code: 'reply_quota_exceeded',
      isRetryable: false,
    })
  })

  it('-1 (system busy), HTTP 5xx and network failures are retryable', async () => {
    const busy = apiWith(() => jsonResponse({ errcode: -1, errmsg: 'system error' }))
    expect(await sendErrorOf(busy.api.sendCustomMessage({ toUser: 'O', type: 'text', text: 'x' }))).toMatchObject({ code: 'wechat_busy', isRetryable: true })
    const down = apiWith(() => new Response('Bad gateway', { status: 502 }))
    expect(await sendErrorOf(down.api.sendCustomMessage({ toUser: 'O', type: 'text', text: 'x' }))).toMatchObject({
      code: 'http_502',
      statusCode: 502,
      isRetryable: true,
    })
    const unreachable = apiWith(() => {
      throw new TypeError('fetch failed')
    })
    expect(await sendErrorOf(unreachable.api.sendCustomMessage({ toUser: 'O', type: 'text', text: 'x' }))).toMatchObject({
      code: 'network_error',
      isRetryable: true,
    })
  })

  it('HTTP 4xx is final; a non-JSON 200 is retryable', async () => {
    const forbidden = apiWith(() => new Response('no', { status: 403 }))
    expect(await sendErrorOf(forbidden.api.sendCustomMessage({ toUser: 'O', type: 'text', text: 'x' }))).toMatchObject({ code: 'http_403', isRetryable: false })
    const proxyPage = apiWith(() => new Response('<html>maintenance</html>', { status: 200 }))
    expect(await sendErrorOf(proxyPage.api.sendCustomMessage({ toUser: 'O', type: 'text', text: 'x' }))).toMatchObject({
      code: 'invalid_response',
      isRetryable: true,
    })
  })
})

describe('template messages', () => {
  it('posts the template and returns msgid as an exact string', async () => {
    const { api, requests } = apiWith(() => jsonResponse('{"errcode":0,"errmsg":"ok","msgid":9007199254740993123}'))
    const result = await api.sendTemplateMessage({
      toUser: 'OPENID',
      templateId: 'ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY',
      url: 'https://hotline.example/orders/1',
      miniprogram: { appId: 'wxmini', pagePath: 'index?foo=bar' },
      clientMessageId: 'msg-1',
      data: { keyword1: { value: '巧克力' } },
    })
    expect(result).toEqual({ msgId: '9007199254740993123' })
    expect(requests[0]?.url.pathname).toBe('/wechat-fake/cgi-bin/message/template/send')
    expect(requests[0]?.body).toEqual({
      touser: 'OPENID',
      template_id: 'ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY',
      url: 'https://hotline.example/orders/1',
      miniprogram: { appid: 'wxmini', pagepath: 'index?foo=bar' },
      client_msg_id: 'msg-1',
      data: { keyword1: { value: '巧克力' } },
    })
  })

  it('maps template errors like any other call', async () => {
    const { api } = apiWith(() => jsonResponse({ errcode: 43004, errmsg: 'require subscribe' }))
    expect(await sendErrorOf(api.sendTemplateMessage({ toUser: 'O', templateId: 'T', data: {} }))).toMatchObject({
      code: 'recipient_unsubscribed',
      isRetryable: false,
    })
  })
})

describe('media', () => {
  it('uploads multipart with the type in the query', async () => {
    const { api, requests } = apiWith(() => jsonResponse({ type: 'image', media_id: 'MEDIA_1', created_at: 1 }))
    const result = await api.uploadMedia({ type: 'image', bytes: new Uint8Array([1, 2, 3]), contentType: 'image/png', fileName: 'a.png' })
    expect(result).toEqual({ mediaId: 'MEDIA_1' })
    const [request] = requests
    expect(request?.url.pathname).toBe('/wechat-fake/cgi-bin/media/upload')
    expect(request?.url.searchParams.get('type')).toBe('image')
    const form = request?.body as FormData
    const file = form.get('media') as File
    expect(file.name).toBe('a.png')
    expect(file.type).toBe('image/png')
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]))
  })

  it('downloads bytes with their type and file name', async () => {
    const { api, requests } = apiWith(
      () =>
        new Response(new Uint8Array([0xff, 0xd8]), { headers: { 'content-type': 'image/jpeg', 'content-disposition': 'attachment; filename="MEDIA_ID.jpg"' } }),
    )
    expect(await api.downloadMedia('MEDIA_ID')).toEqual({
      kind: 'bytes',
      bytes: new Uint8Array([0xff, 0xd8]),
      contentType: 'image/jpeg',
      fileName: 'MEDIA_ID.jpg',
    })
    expect(requests[0]?.url.searchParams.get('media_id')).toBe('MEDIA_ID')
  })

  it('returns the video URL WeChat answers for video media', async () => {
    const { api } = apiWith(() => jsonResponse({ video_url: 'http://example.invalid/v.mp4' }))
    expect(await api.downloadMedia('V')).toEqual({ kind: 'url', url: 'http://example.invalid/v.mp4' })
  })

  it('maps download errors, refreshing a stale token once', async () => {
    const { api, requests } = apiWith((request) =>
      request.url.searchParams.get('access_token') === 'token-1'
        ? jsonResponse({ errcode: 40001, errmsg: 'invalid credential' })
        : new Response('{"errcode":40007,"errmsg":"invalid media_id"}', { headers: { 'content-type': 'text/plain' } }),
    )
    expect(await sendErrorOf(api.downloadMedia('gone'))).toMatchObject({ code: 'invalid_media_id', isRetryable: false })
    expect(requests).toHaveLength(2)
  })

  it('refuses downloads over the size limit', async () => {
    const fake = createFakeFetch(() => new Response(new Uint8Array(2048), { headers: { 'content-type': 'audio/amr' } }))
    const api = createWechatApi({ baseUrl: BASE, fetch: fake.fetch, accessTokens: countingStore(), maxDownloadBytes: 1024 })
    expect(await sendErrorOf(api.downloadMedia('big'))).toMatchObject({ code: 'invalid_response' })
  })
})

describe('apiUrl', () => {
  it('joins a base with or without a path prefix or trailing slash', () => {
    expect(apiUrl('https://api.weixin.qq.com', '/cgi-bin/token', { a: '1' })).toBe('https://api.weixin.qq.com/cgi-bin/token?a=1')
    expect(apiUrl('https://api.weixin.qq.com/', '/cgi-bin/token', {})).toBe('https://api.weixin.qq.com/cgi-bin/token')
    expect(apiUrl('http://127.0.0.1:8080/fake/', '/cgi-bin/token', { s: 'a+b&c' })).toBe('http://127.0.0.1:8080/fake/cgi-bin/token?s=a%2Bb%26c')
  })
})
