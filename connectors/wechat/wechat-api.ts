/**
 * A tiny client for the WeChat Official Account APIs the hub uses, over the injected fetch.
 * Every call that needs an access_token takes it from the store and, when WeChat says the
 * token is stale (40001/40014/42001), invalidates it and retries exactly once.
 * The token travels in the query string: never log request URLs.
 */
import type { AccessTokenStore, FetchedAccessToken } from './access-token-store.js'
import { isAccessTokenError, wechatApiError, wechatHttpError, wechatInvalidResponse, wechatNetworkError } from './wechat-error.js'

export type CustomMessage = { toUser: string; type: 'text'; text: string } | { toUser: string; type: 'image' | 'voice'; mediaId: string }

export interface TemplateMessage {
  toUser: string
  templateId: string
  /** `{ keyword1: { value: '…' } }`; since 2023 WeChat ignores `color`, `first` and `remark`. */
  data: Record<string, { value: string }>
  url?: string
  miniprogram?: { appId: string; pagePath?: string }
  /** WeChat's anti-replay key: the same (openid, id) is sent once. Use the hub's message id. */
  clientMessageId?: string
}

export type MediaType = 'image' | 'voice' | 'video' | 'thumb'

export type DownloadedMedia =
  | { kind: 'bytes'; bytes: Uint8Array; contentType: string; fileName?: string }
  /** Video media is not served directly: WeChat answers with a download URL. */
  | { kind: 'url'; url: string }

export interface WechatApi {
  sendCustomMessage(message: CustomMessage): Promise<void>
  /** Returns WeChat's msgid as a string: TEMPLATESENDJOBFINISH reports it as MsgID. */
  sendTemplateMessage(message: TemplateMessage): Promise<{ msgId: string }>
  /** Uploads temporary media (kept 3 days by WeChat). */
  uploadMedia(media: { type: MediaType; bytes: Uint8Array; contentType: string; fileName: string }): Promise<{ mediaId: string }>
  downloadMedia(mediaId: string): Promise<DownloadedMedia>
}

export interface WechatApiOptions {
  baseUrl: string
  fetch: typeof globalThis.fetch
  accessTokens: AccessTokenStore
  /** Downloads larger than this are refused (WeChat's own limits are 10 MB for images and videos). */
  maxDownloadBytes?: number
}

const DEFAULT_MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024

/** GET /cgi-bin/token: a fresh access_token (the store decides when to call this). */
export async function requestAccessToken(options: {
  baseUrl: string
  fetch: typeof globalThis.fetch
  appId: string
  appSecret: string
}): Promise<FetchedAccessToken> {
  const url = apiUrl(options.baseUrl, '/cgi-bin/token', { grant_type: 'client_credential', appid: options.appId, secret: options.appSecret })
  const { json, statusCode } = await callJson(options.fetch, url, { method: 'GET' })
  const accessToken = json.access_token
  const expiresIn = json.expires_in
  if (typeof accessToken !== 'string' || accessToken.length === 0 || typeof expiresIn !== 'number' || !(expiresIn > 0)) {
    throw wechatInvalidResponse(statusCode, 'no access_token/expires_in in the token response')
  }
  return { accessToken, expiresInSeconds: expiresIn }
}

export function createWechatApi(options: WechatApiOptions): WechatApi {
  const maxDownloadBytes = options.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES

  async function withAccessToken<T>(call: (accessToken: string) => Promise<T>): Promise<T> {
    const token = await options.accessTokens.get()
    try {
      return await call(token)
    } catch (error) {
      if (!isAccessTokenError(error)) throw error
      await options.accessTokens.invalidate(token)
      return call(await options.accessTokens.get())
    }
  }

  const postJson = (path: string, accessToken: string, body: unknown) =>
    callJson(options.fetch, apiUrl(options.baseUrl, path, { access_token: accessToken }), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
    })

  return {
    async sendCustomMessage(message) {
      const body =
        message.type === 'text'
          ? { touser: message.toUser, msgtype: 'text', text: { content: message.text } }
          : { touser: message.toUser, msgtype: message.type, [message.type]: { media_id: message.mediaId } }
      await withAccessToken((accessToken) => postJson('/cgi-bin/message/custom/send', accessToken, body))
    },

    async sendTemplateMessage(message) {
      const body = {
        touser: message.toUser,
        template_id: message.templateId,
        ...(message.url ? { url: message.url } : {}),
        ...(message.miniprogram
          ? { miniprogram: { appid: message.miniprogram.appId, ...(message.miniprogram.pagePath ? { pagepath: message.miniprogram.pagePath } : {}) } }
          : {}),
        ...(message.clientMessageId ? { client_msg_id: message.clientMessageId } : {}),
        data: message.data,
      }
      const { text, statusCode } = await withAccessToken((accessToken) => postJson('/cgi-bin/message/template/send', accessToken, body))
      // Read msgid from the raw text: JSON.parse would round an id beyond 2^53.
      const msgId = /"msgid"\s*:\s*"?(\d+)"?/.exec(text)?.[1]
      if (!msgId) throw wechatInvalidResponse(statusCode, 'no msgid in the template send response')
      return { msgId }
    },

    async uploadMedia(media) {
      const { json, statusCode } = await withAccessToken((accessToken) => {
        const form = new FormData()
        form.append('media', new Blob([new Uint8Array(media.bytes)], { type: media.contentType }), media.fileName)
        return callJson(options.fetch, apiUrl(options.baseUrl, '/cgi-bin/media/upload', { access_token: accessToken, type: media.type }), {
          method: 'POST',
          body: form,
        })
      })
      // Thumbnails answer with thumb_media_id.
      const mediaId = json.media_id ?? json.thumb_media_id
      if (typeof mediaId !== 'string' || mediaId.length === 0) throw wechatInvalidResponse(statusCode, 'no media_id in the upload response')
      return { mediaId }
    },

    async downloadMedia(mediaId) {
      return withAccessToken(async (accessToken) => {
        const url = apiUrl(options.baseUrl, '/cgi-bin/media/get', { access_token: accessToken, media_id: mediaId })
        const response = await send(options.fetch, url, { method: 'GET' })
        const contentType = response.headers.get('content-type') ?? 'application/octet-stream'
        // Errors (and video URLs) come back as JSON, media as bytes.
        if (/json|text\/plain/i.test(contentType)) {
          const { json, statusCode } = await readJson(response)
          if (typeof json.video_url === 'string') return { kind: 'url', url: json.video_url }
          throw wechatInvalidResponse(statusCode, 'a JSON body without video_url')
        }
        const declared = Number(response.headers.get('content-length') ?? 0)
        if (declared > maxDownloadBytes) throw wechatInvalidResponse(response.status, `media larger than ${maxDownloadBytes} bytes`)
        const bytes = new Uint8Array(await readBody(response, (readable) => readable.arrayBuffer()))
        if (bytes.length > maxDownloadBytes) throw wechatInvalidResponse(response.status, `media larger than ${maxDownloadBytes} bytes`)
        const fileName = /filename="?([^";]+)"?/i.exec(response.headers.get('content-disposition') ?? '')?.[1]
        return { kind: 'bytes', bytes, contentType, ...(fileName ? { fileName } : {}) }
      })
    },
  }
}

export function apiUrl(baseUrl: string, path: string, query: Record<string, string>): string {
  // Joined, not resolved, so a base with a path prefix (a proxy) keeps it.
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}${path}`)
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value)
  return url.toString()
}

type JsonBody = Record<string, unknown>

async function callJson(fetch: typeof globalThis.fetch, url: string, init: RequestInit): Promise<{ json: JsonBody; text: string; statusCode: number }> {
  return readJson(await send(fetch, url, init))
}

async function send(fetch: typeof globalThis.fetch, url: string, init: RequestInit): Promise<Response> {
  let response: Response
  try {
    response = await fetch(url, init)
  } catch (error) {
    throw wechatNetworkError(error)
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined)
    throw wechatHttpError(response.status)
  }
  return response
}

async function readJson(response: Response): Promise<{ json: JsonBody; text: string; statusCode: number }> {
  const text = await readBody(response, (readable) => readable.text())
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw wechatInvalidResponse(response.status, 'not JSON')
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw wechatInvalidResponse(response.status, 'not a JSON object')
  const body = json as JsonBody
  const errcode = body.errcode
  if (typeof errcode === 'number' && errcode !== 0) throw wechatApiError(errcode, typeof body.errmsg === 'string' ? body.errmsg : '', response.status)
  return { json: body, text, statusCode: response.status }
}

async function readBody<T>(response: Response, read: (response: Response) => Promise<T>): Promise<T> {
  try {
    return await read(response)
  } catch (error) {
    throw wechatNetworkError(error)
  }
}
