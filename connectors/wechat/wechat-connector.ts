import {
  type ChannelConnector,
  CONNECTOR_SPEC_VERSION,
  type ConnectorFactory,
  type InboundRequest,
  type OutboundTemplate,
  type ProviderResponse,
  type VerifyResult,
} from '../spec.js'
import { type AccessTokenStore, createMemoryAccessTokenStore, createSharedAccessTokenStore } from './access-token-store.js'
import { mapWechatInbound } from './map-inbound.js'
import { type OpenedPush, type OpenRequestSettings, openWechatPush, verifyUrlCheck } from './open-wechat-request.js'
import { buildEncryptedReplyXml, buildTextReplyXml, noReplyResponse, xmlResponse } from './passive-reply.js'
import { sendWechatMessage, WECHAT_MAX_TEXT_LENGTH } from './send-wechat-message.js'
import { createWechatApi, requestAccessToken, type TemplateMessage, type WechatApi } from './wechat-api.js'
import { encryptionConfigProblem, type WechatConfig } from './wechat-config.js'
import { createWechatCipher } from './wechat-crypto.js'
import { mediaIdFromUrl } from './wechat-media-url.js'

export interface WechatConnector extends ChannelConnector<WechatConfig> {
  readonly type: 'wechat'
  /** Synchronous here (narrower than the contract), so the server can use the answer without awaiting. */
  verify(request: InboundRequest): VerifyResult
  /**
   * The synchronous answer to a verified POST: the welcome reply to a new follower when one is
   * configured, `success` otherwise. `verify` already returns it as its response.
   */
  passiveResponse(request: InboundRequest): ProviderResponse
  /** A text passive reply to this push (encrypted when the push was); `success` when the request is not a valid push. */
  passiveTextReply(request: InboundRequest, text: string): ProviderResponse
  /**
   * The configured reply template filled with an agent's text, to reach a citizen outside the
   * 48-hour window; null when the channel has no reply template.
   */
  replyAsTemplate(text: string, at: Date): OutboundTemplate | null
  /** Sends a template message; the returned id is what TEMPLATESENDJOBFINISH status updates refer to. */
  sendTemplateMessage(message: TemplateMessage): Promise<{ externalId: string }>
  /** Media API (download inbound `wechat-media:` attachments; upload for sends). */
  readonly api: WechatApi
  readonly accessTokens: AccessTokenStore
}

export interface WechatFactoryExtras {
  /** Where `appSecretEnv` is looked up (default: process.env). */
  environment?: Readonly<Record<string, string | undefined>>
  /** Random source for encrypted replies (tests pass a fixed one). */
  randomBytes?: (size: number) => Uint8Array
  /** Overrides the token store the connector would build from `dependencies.sharedCache`. */
  accessTokenStore?: AccessTokenStore
}

/** One token per AppID, not per channel: two channels on one account must share it. */
export function accessTokenCacheKey(appId: string): string {
  return `wechat:access-token:${appId}`
}

export const createWechatConnector: ConnectorFactory<WechatConfig> = (options) => createWechatConnectorWith(options)

export function createWechatConnectorWith({
  channelId,
  config,
  dependencies,
  environment = process.env,
  randomBytes,
  accessTokenStore,
}: Parameters<ConnectorFactory<WechatConfig>>[0] & WechatFactoryExtras): WechatConnector {
  // The hub validates `configSchema.shape`, which drops the schema's cross-field check: repeat it.
  const problem = encryptionConfigProblem(config)
  if (problem) throw new TypeError(`Channel "${channelId}": ${problem}.`)
  const appSecret = environment[config.appSecretEnv]
  if (!appSecret) {
    throw new TypeError(`Channel "${channelId}": the WeChat AppSecret is missing. Set the ${config.appSecretEnv} environment variable (named by appSecretEnv).`)
  }

  const cipher = config.encodingAESKey
    ? createWechatCipher({ encodingAESKey: config.encodingAESKey, appId: config.appId, ...(randomBytes ? { randomBytes } : {}) })
    : undefined
  const settings: OpenRequestSettings = {
    token: config.token,
    mode: config.mode,
    maxBodyBytes: config.maxBodyBytes,
    cipher,
    timestampToleranceSeconds: config.timestampToleranceSeconds,
  }
  const fetchToken = () => requestAccessToken({ baseUrl: config.apiBaseUrl, fetch: dependencies.fetch, appId: config.appId, appSecret })
  const accessTokens =
    accessTokenStore ??
    (dependencies.sharedCache
      ? createSharedAccessTokenStore({ cache: dependencies.sharedCache, key: accessTokenCacheKey(config.appId), fetchToken, now: dependencies.now })
      : createMemoryAccessTokenStore({ fetchToken, now: dependencies.now }))
  const api = createWechatApi({ baseUrl: config.apiBaseUrl, fetch: dependencies.fetch, accessTokens })
  const welcomeText = config.welcomeReply ? [config.welcomeReply['zh-CN'], config.welcomeReply.en].filter(Boolean).join('\n\n') : undefined

  function textReply(push: OpenedPush, request: InboundRequest, text: string): ProviderResponse {
    const createTime = Math.floor(request.receivedAt.getTime() / 1000)
    const toUser = push.fields.FromUserName ?? ''
    const fromUser = push.fields.ToUserName ?? ''
    const xml = buildTextReplyXml({ toUser, fromUser, createTime, content: text })
    if (!push.encrypted || !cipher) return xmlResponse(xml)
    return xmlResponse(buildEncryptedReplyXml(xml, { cipher, token: config.token, timestamp: String(createTime), nonce: push.nonce }))
  }

  function replyFor(push: OpenedPush, request: InboundRequest): ProviderResponse {
    const isSubscribe = push.fields.MsgType?.trim() === 'event' && push.fields.Event?.trim().toLowerCase() === 'subscribe'
    return isSubscribe && welcomeText ? textReply(push, request, welcomeText) : noReplyResponse()
  }

  const connector: WechatConnector = {
    specificationVersion: CONNECTOR_SPEC_VERSION,
    type: 'wechat',
    channelId,
    config,
    capabilities: {
      messageTypes: ['text', 'image', 'audio'],
      typingIndicator: false,
      deliveryReceipts: false,
      readReceipts: false,
      replyWindowHours: 48,
      maxTextLength: WECHAT_MAX_TEXT_LENGTH,
      templates: true,
    },
    api,
    accessTokens,

    verify(request): VerifyResult {
      const method = request.method.toUpperCase()
      if (method === 'GET') return verifyUrlCheck(request, settings)
      if (method !== 'POST') return { ok: false, status: 400, code: 'method_not_allowed', message: 'WeChat callbacks are GET (URL check) or POST.' }
      const opened = openWechatPush(request, settings, { checkFreshness: true })
      if (!opened.ok) return opened
      return { ok: true, response: replyFor(opened.push, request) }
    },

    parseInbound(request) {
      if (request.method.toUpperCase() !== 'POST') return []
      // Verified at ingress; freshness is not re-checked because the job may have waited in the queue.
      const opened = openWechatPush(request, settings, { checkFreshness: false })
      return opened.ok ? mapWechatInbound(opened.push.fields, { menuIntents: config.menuIntents }) : []
    },

    send(message) {
      return sendWechatMessage(message, { api, fetch: dependencies.fetch, ...(dependencies.loadMedia ? { loadMedia: dependencies.loadMedia } : {}) })
    },

    passiveResponse(request) {
      const opened = openWechatPush(request, settings, { checkFreshness: false })
      return opened.ok ? replyFor(opened.push, request) : noReplyResponse()
    },

    passiveTextReply(request, text) {
      const opened = openWechatPush(request, settings, { checkFreshness: false })
      return opened.ok ? textReply(opened.push, request, text) : noReplyResponse()
    },

    async fetchMedia(url) {
      const mediaId = mediaIdFromUrl(url)
      if (!mediaId) return null
      const media = await api.downloadMedia(mediaId)
      if (media.kind === 'bytes') return { bytes: media.bytes, mimeType: media.contentType, ...(media.fileName ? { name: media.fileName } : {}) }
      // Video: WeChat answers with a download URL, fetched here so the hub keeps its own copy.
      const response = await dependencies.fetch(media.url)
      if (!response.ok) throw new Error(`WeChat video download failed with HTTP ${response.status}`)
      return { bytes: new Uint8Array(await response.arrayBuffer()), mimeType: response.headers.get('content-type') ?? 'video/mp4' }
    },

    replyAsTemplate(text, at) {
      const template = config.replyTemplate
      if (!template) return null
      const data: Record<string, string> = { ...template.fixed, [template.textField]: truncateTemplateValue(text) }
      if (template.timeField) data[template.timeField] = formatChinaTime(at)
      return { id: template.templateId, data, ...(template.url ? { url: template.url } : {}) }
    },

    async sendTemplateMessage(message) {
      const { msgId } = await api.sendTemplateMessage(message)
      return { externalId: msgId }
    },
  }
  return connector
}

export function isWechatConnector(connector: ChannelConnector): connector is WechatConnector {
  return connector.type === 'wechat'
}

/** [memory] Template field values are short (e.g. 20 characters for `thing` fields); keep the start and mark the cut. */
const TEMPLATE_VALUE_MAX = 200

function truncateTemplateValue(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= TEMPLATE_VALUE_MAX ? flat : `${flat.slice(0, TEMPLATE_VALUE_MAX - 1)}…`
}

/** `2026-11-23 18:05` in China time, the form template time fields expect. */
function formatChinaTime(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(at)
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`
}
