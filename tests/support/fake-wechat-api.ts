/**
 * A local stand-in for api.weixin.qq.com that speaks its wire format (query-string
 * access_token, JSON bodies, errcode/errmsg answers), so the hub's real HTTP calls can be
 * observed and the provider's failure modes (expired token, 48-hour window) reproduced.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedCall {
  method: string
  path: string
  query: Record<string, string>
  body: string
}

export interface FakeWechatApi {
  baseUrl: string
  calls: RecordedCall[]
  /** Tokens issued so far (the last one is valid unless revoked). */
  tokens: string[]
  /** Makes WeChat answer 40001 for this token, as when another client refreshed it. */
  revokeToken(token: string): void
  /** openids whose 48-hour customer-service window has closed (45015). */
  outsideWindow: Set<string>
  /** Media the fake serves from /cgi-bin/media/get. */
  media: Map<string, { contentType: string; fileName: string; bytes: Buffer }>
  callsTo(path: string): RecordedCall[]
  close(): Promise<void>
}

export const FAKE_APP_SECRET = 'fake-app-secret-0123456789abcdef'

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')))
    request.on('error', reject)
  })
}

export async function startFakeWechatApi(appId: string): Promise<FakeWechatApi> {
  const calls: RecordedCall[] = []
  const tokens: string[] = []
  const revoked = new Set<string>()
  const outsideWindow = new Set<string>()
  const media = new Map<string, { contentType: string; fileName: string; bytes: Buffer }>()
  let nextTemplateMsgId = 9_007_199_254_740_993n // beyond 2^53: ids must stay strings

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake')
    const body = await readBody(request)
    const query = Object.fromEntries(url.searchParams)
    calls.push({ method: request.method ?? 'GET', path: url.pathname, query, body })
    const json = (value: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json; encoding=utf-8' })
      response.end(typeof value === 'string' ? value : JSON.stringify(value))
    }

    if (url.pathname === '/cgi-bin/token') {
      if (query.appid !== appId || query.secret !== FAKE_APP_SECRET) return json({ errcode: 40125, errmsg: 'invalid appsecret' })
      const token = `TOKEN_${randomBytes(12).toString('hex')}`
      tokens.push(token)
      return json({ access_token: token, expires_in: 7200 })
    }
    const token = query.access_token ?? ''
    if (!tokens.includes(token) || revoked.has(token)) return json({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' })

    switch (url.pathname) {
      case '/cgi-bin/message/custom/send': {
        const message = JSON.parse(Buffer.from(body, 'latin1').toString('utf8')) as { touser: string }
        if (outsideWindow.has(message.touser)) return json({ errcode: 45015, errmsg: 'response out of time limit or subscription is canceled' })
        return json({ errcode: 0, errmsg: 'ok' })
      }
      case '/cgi-bin/message/template/send': {
        const msgid = nextTemplateMsgId++
        // Written by hand: JSON.stringify cannot print a 64-bit integer without rounding it.
        return json(`{"errcode":0,"errmsg":"ok","msgid":${msgid.toString()}}`)
      }
      case '/cgi-bin/media/get': {
        const item = media.get(query.media_id ?? '')
        if (!item) return json({ errcode: 40007, errmsg: 'invalid media_id' })
        response.writeHead(200, { 'content-type': item.contentType, 'content-disposition': `attachment; filename="${item.fileName}"` })
        response.end(item.bytes)
        return
      }
      case '/cgi-bin/media/upload':
        return json({ type: query.type, media_id: `MEDIA_${randomBytes(8).toString('hex')}`, created_at: Math.floor(Date.now() / 1000) })
      default:
        return json({ errcode: 40066, errmsg: 'invalid url' })
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    tokens,
    revokeToken: (token) => revoked.add(token),
    outsideWindow,
    media,
    callsTo: (path) => calls.filter((call) => call.path === path),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
