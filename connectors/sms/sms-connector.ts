import twilio from 'twilio'
import {
  type ChannelConnector,
  CONNECTOR_SPEC_VERSION,
  type ConnectorFactory,
  type FetchedMedia,
  type InboundRequest,
  type ProviderResponse,
  type VerifyResult,
} from '../spec.js'
import { DEFAULT_MAX_WEBHOOK_BYTES, openTwilioRequest, readTwilioParams, refuse, type TwilioRequestSettings } from '../twilio/open-twilio-request.js'
import { createTwilioClient, type TwilioClient } from '../twilio/twilio-client.js'
import { readAuthToken } from '../twilio/twilio-config-fields.js'
import { param, type TwilioParams } from '../twilio/twilio-form.js'
import { downloadTwilioMedia, twilioMediaSource } from '../twilio/twilio-media.js'
import { twilioWebhookRoute, twilioWebhookUrl } from '../twilio/twilio-webhook-urls.js'
import { emptyTwimlResponse, twimlResponse } from '../twilio/twiml-response.js'
import { keywordOfInbound, mapSmsInbound } from './map-sms-inbound.js'
import { mapSmsStatusCallback } from './map-sms-status.js'
import { sendSmsMessage, TWILIO_MAX_BODY_LENGTH } from './send-sms-message.js'
import { type SmsConfig, smsConfigProblems } from './sms-config.js'
import { keywordReplyText } from './sms-keywords.js'
import { countSmsSegments, type SmsSegmentCount } from './sms-segments.js'

export interface SmsConnector extends ChannelConnector<SmsConfig> {
  readonly type: 'sms'
  /** Synchronous here (narrower than the contract): the TwiML answer is in the result. */
  verify(request: InboundRequest): VerifyResult
  /** What the agent's text will cost, for the composer ("2 segments"). */
  countSegments(text: string): SmsSegmentCount
  /** Downloads a `twilio-media:` attachment (MMS picture) with the account's credentials; null for other urls. */
  fetchMedia(url: string): Promise<FetchedMedia | null>
  /** The URL Twilio posts delivery receipts to (set on every send). */
  readonly statusCallbackUrl: string
  /** The URL to paste as the number's "A message comes in" webhook (HTTP POST). */
  readonly inboundWebhookUrl: string
  readonly client: TwilioClient
}

export interface SmsFactoryExtras {
  /** Where `authTokenEnv` is looked up (default: process.env). */
  environment?: Readonly<Record<string, string | undefined>>
  /** A public, signed URL for a hub-stored file, so Twilio can fetch MMS media (see send-sms-message.ts). */
  publicMediaUrl?: (url: string) => Promise<string>
}

export const createSmsConnector: ConnectorFactory<SmsConfig> = (options) => createSmsConnectorWith(options)

export function createSmsConnectorWith({
  channelId,
  config,
  dependencies,
  environment = process.env,
  publicMediaUrl,
}: Parameters<ConnectorFactory<SmsConfig>>[0] & SmsFactoryExtras): SmsConnector {
  // The hub validates `configSchema.shape`, which drops the schema's cross-field checks: repeat them.
  const [problem] = smsConfigProblems(config)
  if (problem) throw new TypeError(`Channel "${channelId}": ${problem.path.join('.')}: ${problem.message}.`)
  const authToken = readAuthToken({ channelId, authTokenEnv: config.authTokenEnv, environment })
  const client = createTwilioClient({ accountSid: config.accountSid, authToken, fetch: dependencies.fetch, apiBaseUrl: config.apiBaseUrl })
  const settings: TwilioRequestSettings = {
    accountSid: config.accountSid,
    authToken,
    publicBaseUrl: config.publicBaseUrl,
    maxBodyBytes: DEFAULT_MAX_WEBHOOK_BYTES,
  }
  const statusCallbackUrl = twilioWebhookUrl(config.publicBaseUrl, channelId, 'status')

  /** Inbound message or status callback, judged by the route and, to be safe, the parameters. */
  function kindOf(request: InboundRequest, params: TwilioParams): 'message' | 'status' | undefined {
    const route = twilioWebhookRoute(request.url)
    if (route === 'status' || (route === undefined && param(params, 'MessageStatus'))) return 'status'
    if (route === 'sms' || route === undefined) return 'message'
    return undefined
  }

  /** TwiML answer: the keyword reply (HELP, and STOP/START confirmations) or nothing. */
  function replyFor(params: TwilioParams): ProviderResponse {
    const keyword = keywordOfInbound(params, config.keywords)
    const text = keyword ? keywordReplyText(keyword, config.replies) : undefined
    if (!text) return emptyTwimlResponse()
    const response = new twilio.twiml.MessagingResponse()
    response.message(text)
    return twimlResponse(response.toString())
  }

  const connector: SmsConnector = {
    specificationVersion: CONNECTOR_SPEC_VERSION,
    type: 'sms',
    channelId,
    config,
    capabilities: {
      messageTypes: config.mms ? ['text', 'image', 'audio', 'video', 'file'] : ['text'],
      typingIndicator: false,
      deliveryReceipts: true,
      readReceipts: false,
      replyWindowHours: null,
      maxTextLength: TWILIO_MAX_BODY_LENGTH,
    },
    client,
    statusCallbackUrl,
    inboundWebhookUrl: twilioWebhookUrl(config.publicBaseUrl, channelId, 'sms'),

    verify(request): VerifyResult {
      const opened = openTwilioRequest(request, settings)
      if (!opened.ok) return opened
      const kind = kindOf(request, opened.params)
      if (kind === undefined) return refuse(400, 'unknown_route', 'SMS channels receive /sms and /status webhooks only.')
      if (!param(opened.params, 'MessageSid') && !param(opened.params, 'SmsSid')) return refuse(400, 'message_sid_missing', 'The webhook has no MessageSid.')
      if (kind === 'status') return { ok: true, response: emptyTwimlResponse() }
      if (!param(opened.params, 'From')) return refuse(400, 'from_missing', 'The webhook has no From.')
      return { ok: true, response: replyFor(opened.params) }
    },

    parseInbound(request) {
      // Verified at ingress; the queued copy is read, not re-authenticated.
      const params = readTwilioParams(request)
      if (param(params, 'AccountSid') !== config.accountSid) return []
      switch (kindOf(request, params)) {
        case 'message':
          return mapSmsInbound(params, { keywords: config.keywords })
        case 'status':
          return mapSmsStatusCallback(params)
        default:
          return []
      }
    },

    send(message) {
      return sendSmsMessage(message, {
        client,
        ...(config.messagingServiceSid ? { messagingServiceSid: config.messagingServiceSid } : {}),
        ...(config.from ? { from: config.from } : {}),
        statusCallbackUrl,
        ...(publicMediaUrl ? { publicMediaUrl } : {}),
        mms: config.mms,
        maxSegments: config.maxSegments,
      })
    },

    countSegments: countSmsSegments,

    async fetchMedia(url) {
      if (!twilioMediaSource(url)) return null
      const media = await downloadTwilioMedia({ url, fetch: dependencies.fetch, accountSid: config.accountSid, authToken, apiBaseUrl: config.apiBaseUrl })
      return { bytes: media.bytes, mimeType: media.contentType }
    },
  }
  return connector
}

export function isSmsConnector(connector: ChannelConnector): connector is SmsConnector {
  return connector.type === 'sms'
}
