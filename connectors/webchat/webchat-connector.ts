import { type ChannelConnector, CONNECTOR_SPEC_VERSION, type ConnectorFactory, ConnectorSendError, type InboundRequest, type VerifyResult } from '../spec.js'
import { parseWebchatFrame } from './parse-webchat-frame.js'
import { issueVisitorToken, newVisitorId, type VisitorTokenCheck, verifyVisitorToken } from './visitor-token.js'
import type { WebchatConfig } from './webchat-config.js'
import { webchatInboundFrameSchema } from './webchat-frame-schema.js'

/** Header that carries the visitor token on widget requests (socket frames are wrapped the same way). */
export const VISITOR_TOKEN_HEADER = 'x-visitor-token'
export const VISITOR_LANGUAGE_HEADER = 'x-visitor-language'

export interface WebchatConnector extends ChannelConnector<WebchatConfig & { visitorTokenSecret: string }> {
  readonly type: 'webchat'
  issueVisitorToken(visitorId?: string): { token: string; visitorId: string }
  verifyVisitorToken(token: string): VisitorTokenCheck
}

export const createWebchatConnector: ConnectorFactory<WebchatConfig> = ({ channelId, config, dependencies }) => {
  const secret = config.visitorTokenSecret
  if (!secret) throw new TypeError(`Channel "${channelId}": webchat needs visitorTokenSecret (the hub derives one from SESSION_SECRET).`)
  const tokenOptions = { secret, channelId, now: dependencies.now }
  const maxLength = config.maxMessageLength

  const connector: WebchatConnector = {
    specificationVersion: CONNECTOR_SPEC_VERSION,
    type: 'webchat',
    channelId,
    config: { ...config, visitorTokenSecret: secret },
    capabilities: {
      messageTypes: ['text'],
      typingIndicator: true,
      deliveryReceipts: true,
      readReceipts: true,
      replyWindowHours: null,
      maxTextLength: maxLength,
    },

    issueVisitorToken(visitorId = newVisitorId()) {
      return { visitorId, token: issueVisitorToken({ ...tokenOptions, visitorId, ttlDays: config.visitorTokenTtlDays }) }
    },

    verifyVisitorToken(token) {
      return verifyVisitorToken(token, tokenOptions)
    },

    verify(request: InboundRequest): VerifyResult {
      const token = request.headers[VISITOR_TOKEN_HEADER]
      if (!token) return { ok: false, status: 401, code: 'visitor_token_missing', message: 'A visitor token is required.' }
      const check = verifyVisitorToken(token, tokenOptions)
      if (!check.ok) {
        return { ok: false, status: 401, code: `visitor_token_${check.reason}`, message: 'The visitor token is invalid or expired; open a new session.' }
      }
      let json: unknown
      try {
        json = JSON.parse(request.body)
      } catch {
        return { ok: false, status: 400, code: 'invalid_json', message: 'The body is not valid JSON.' }
      }
      const frame = webchatInboundFrameSchema.safeParse(json)
      if (!frame.success) return { ok: false, status: 400, code: 'invalid_frame', message: 'The frame is not a message or receipt frame.' }
      if (frame.data.type === 'message') {
        const text = frame.data.text.trim()
        if (text.length === 0) return { ok: false, status: 400, code: 'empty_message', message: 'The message is empty.' }
        if (text.length > maxLength) {
          return { ok: false, status: 413, code: 'message_too_long', message: `Messages are limited to ${maxLength} characters.` }
        }
      }
      return { ok: true }
    },

    parseInbound(request: InboundRequest) {
      // Verified at ingress; the token may have expired since while the job waited, so only read the id.
      const visitorId = (request.headers[VISITOR_TOKEN_HEADER] ?? '').split('.')[0] ?? ''
      const frame = webchatInboundFrameSchema.safeParse(JSON.parse(request.body))
      if (!frame.success || !visitorId) return []
      const language = request.headers[VISITOR_LANGUAGE_HEADER]
      return parseWebchatFrame(frame.data, { visitorId, ...(language ? { language } : {}) })
    },

    async send(message) {
      if (!dependencies.deliverLocally) {
        throw new ConnectorSendError({ code: 'no_local_delivery', message: 'Webchat needs the realtime gateway to deliver.', isRetryable: false })
      }
      await dependencies.deliverLocally(message)
      return { externalId: message.messageId, status: 'sent' }
    },
  }
  return connector
}

export function isWebchatConnector(connector: ChannelConnector): connector is WebchatConnector {
  return connector.type === 'webchat'
}
