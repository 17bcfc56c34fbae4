import {
  type ChannelConnector,
  CONNECTOR_SPEC_VERSION,
  type ConnectorFactory,
  ConnectorSendError,
  type FetchedMedia,
  type InboundRequest,
  type VerifyResult,
} from '../spec.js'
import { DEFAULT_MAX_WEBHOOK_BYTES, openTwilioRequest, readTwilioParams, refuse, type TwilioRequestSettings } from '../twilio/open-twilio-request.js'
import { readAuthToken } from '../twilio/twilio-config-fields.js'
import { param, type TwilioParams } from '../twilio/twilio-form.js'
import { downloadTwilioMedia, twilioMediaSource } from '../twilio/twilio-media.js'
import { requestQuery, twilioWebhookRoute, twilioWebhookUrl } from '../twilio/twilio-webhook-urls.js'
import { emptyTwimlResponse, twimlResponse } from '../twilio/twiml-response.js'
import { createAgentAccessToken } from './agent-access-token.js'
import { agentDequeueTwiml } from './agent-dequeue.js'
import { readCallParams } from './call-params.js'
import { type CaseLookup, runIvrStep } from './ivr-engine.js'
import { planIvrStep } from './ivr-plan.js'
import { AGENT_ID_PATTERN, type CallState, decodeCallState, encodeCallState } from './ivr-state.js'
import { mapCallStatusCallback, mapRecordingCallback, mapTranscriptionCallback } from './map-call-callbacks.js'
import { mapIvrEvents } from './map-ivr-events.js'
import type { TwimlUrls } from './render-twiml.js'
import type { VoiceConfig } from './voice-config.js'
import { voiceConfigProblems } from './voice-config-problems.js'

export interface VoiceConnector extends ChannelConnector<VoiceConfig> {
  readonly type: 'voice'
  /** Asynchronous: an IVR step may wait for the case lookup. The TwiML answer is in the result. */
  verify(request: InboundRequest): Promise<VerifyResult>
  /** Downloads a `twilio-media:` attachment (a voicemail recording) with the account's credentials; null for other urls. */
  fetchMedia(url: string): Promise<FetchedMedia | null>
  /** TwiML for an agent's softphone to take the next caller waiting in a call queue (undefined for an unknown queue or a malformed agent id). */
  agentDequeueTwiml(queueId: string, agent: string): string | undefined
  /**
   * A Voice access token for an agent's browser softphone (identity = the agent id the bridge step
   * reports). Undefined when `softphone` is not configured or the identity is malformed. Mint it
   * only for a signed-in agent: whoever holds it can take callers from every queue.
   */
  agentAccessToken(identity: string): string | undefined
  /** The URLs to paste in the Twilio console, all HTTP POST: the number's Voice URL and status callback, the TwiML App's Voice URL. */
  readonly webhookUrls: { voice: string; callStatus: string; agentApp: string }
}

const HANGUP_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>'

export interface VoiceFactoryExtras {
  /** Where `authTokenEnv` is looked up (default: process.env). */
  environment?: Readonly<Record<string, string | undefined>>
  /** Answers the "check my case" branch; without it callers hear that the lookup is unavailable. */
  lookupCase?: CaseLookup
}

export const createVoiceConnector: ConnectorFactory<VoiceConfig> = (options) => createVoiceConnectorWith(options)

export function createVoiceConnectorWith({
  channelId,
  config,
  dependencies,
  environment = process.env,
  lookupCase = dependencies.caseLookup,
}: Parameters<ConnectorFactory<VoiceConfig>>[0] & VoiceFactoryExtras): VoiceConnector {
  // The hub validates `configSchema.shape`, which drops the schema's cross-field checks: repeat them.
  const [problem] = voiceConfigProblems(config)
  if (problem) throw new TypeError(`Channel "${channelId}": ${problem.path.join('.')}: ${problem.message}.`)
  const authToken = readAuthToken({ channelId, authTokenEnv: config.authTokenEnv, environment })
  const softphone = config.softphone
  const apiKeySecret = softphone ? environment[softphone.apiKeySecretEnv] : undefined
  if (softphone && !apiKeySecret) {
    throw new TypeError(
      `Channel "${channelId}": the Twilio API key secret is missing. Set the ${softphone.apiKeySecretEnv} environment variable (named by softphone.apiKeySecretEnv).`,
    )
  }
  const settings: TwilioRequestSettings = {
    accountSid: config.accountSid,
    authToken,
    publicBaseUrl: config.publicBaseUrl,
    maxBodyBytes: DEFAULT_MAX_WEBHOOK_BYTES,
  }
  const urls: TwimlUrls = {
    step: (state) => twilioWebhookUrl(config.publicBaseUrl, channelId, 'voice', encodeCallState(state)),
    callback: (route, query) => twilioWebhookUrl(config.publicBaseUrl, channelId, route, query),
  }

  /** The state in the URL; one that no longer fits the tree restarts the caller at the entry menu. */
  function stateOf(request: InboundRequest): CallState {
    return (
      decodeCallState(requestQuery(request.url), config) ?? { step: 'enter', lang: config.defaultLanguage, menu: config.entryMenu, path: '', tries: 0, n: 1 }
    )
  }

  /**
   * The softphone's outgoing call (TwiML App Voice URL): `From` is `client:<identity>`, the queue
   * comes as a custom `queue` parameter of `device.connect` (default: the first call queue).
   */
  function agentCallTwiml(params: TwilioParams): string {
    const identity = /^client:(.+)$/.exec(param(params, 'From') ?? '')?.[1] ?? ''
    const queueId = param(params, 'queue') ?? Object.keys(config.callQueues)[0] ?? ''
    return connector.agentDequeueTwiml(queueId, identity) ?? HANGUP_TWIML
  }

  const connector: VoiceConnector = {
    specificationVersion: CONNECTOR_SPEC_VERSION,
    type: 'voice',
    channelId,
    config,
    capabilities: {
      messageTypes: [],
      typingIndicator: false,
      deliveryReceipts: false,
      readReceipts: false,
      replyWindowHours: null,
      maxTextLength: 0,
    },
    webhookUrls: {
      voice: twilioWebhookUrl(config.publicBaseUrl, channelId, 'voice'),
      callStatus: twilioWebhookUrl(config.publicBaseUrl, channelId, 'voice/status'),
      agentApp: twilioWebhookUrl(config.publicBaseUrl, channelId, 'voice/agent'),
    },

    async verify(request): Promise<VerifyResult> {
      const opened = openTwilioRequest(request, settings)
      if (!opened.ok) return opened
      const route = twilioWebhookRoute(request.url)
      if (route === 'voice/status' || route === 'voice/recording' || route === 'voice/transcription') return { ok: true, response: emptyTwimlResponse() }
      if (route === 'voice/agent') return { ok: true, response: twimlResponse(agentCallTwiml(opened.params)) }
      if (route !== 'voice') return refuse(400, 'unknown_route', 'Voice channels receive /voice webhooks and their callbacks only.')
      if (!param(opened.params, 'CallSid')) return refuse(400, 'call_sid_missing', 'The webhook has no CallSid.')
      const step = await runIvrStep({
        config,
        state: stateOf(request),
        params: readCallParams(opened.params),
        now: request.receivedAt,
        urls,
        lookupCase,
        channelId,
        lookupTimeoutMs: config.caseLookupTimeoutMs,
      })
      return { ok: true, response: twimlResponse(step.twiml) }
    },

    parseInbound(request) {
      // Verified at ingress; the queued copy is read, not re-authenticated.
      const params = readTwilioParams(request)
      if (param(params, 'AccountSid') !== config.accountSid) return []
      const query = requestQuery(request.url)
      switch (twilioWebhookRoute(request.url)) {
        case 'voice': {
          // The same pure plan the webhook answered with (same tree, same instant): its events.
          const state = stateOf(request)
          const callParams = readCallParams(params)
          const plan = planIvrStep({ config, state, params: callParams, now: request.receivedAt })
          return mapIvrEvents(plan.events, { params: callParams, state })
        }
        case 'voice/status':
          return mapCallStatusCallback(params)
        case 'voice/recording':
          return mapRecordingCallback(params, query)
        case 'voice/transcription':
          return mapTranscriptionCallback(params, query)
        default:
          return []
      }
    },

    async send() {
      throw new ConnectorSendError({
        code: 'unsupported_channel_send',
        message: 'A voice channel cannot send messages; reply on another channel or call the citizen back.',
        isRetryable: false,
      })
    },

    async fetchMedia(url) {
      if (!twilioMediaSource(url)) return null
      const media = await downloadTwilioMedia({ url, fetch: dependencies.fetch, accountSid: config.accountSid, authToken, apiBaseUrl: config.apiBaseUrl })
      return { bytes: media.bytes, mimeType: media.contentType }
    },

    agentAccessToken(identity) {
      if (!softphone || !apiKeySecret || !AGENT_ID_PATTERN.test(identity)) return undefined
      return createAgentAccessToken({
        accountSid: config.accountSid,
        apiKeySid: softphone.apiKeySid,
        apiKeySecret,
        twimlAppSid: softphone.twimlAppSid,
        identity,
        ttlSeconds: softphone.tokenTtlSeconds,
      })
    },

    agentDequeueTwiml(queueId, agent) {
      const queue = Object.hasOwn(config.callQueues, queueId) ? config.callQueues[queueId] : undefined
      if (!queue || !AGENT_ID_PATTERN.test(agent)) return undefined
      return agentDequeueTwiml({
        twilioQueue: queue.twilioQueue ?? queueId,
        bridgeUrl: urls.step,
        bridgeState: { step: 'bridge', lang: config.defaultLanguage, queue: queueId, agent, path: '', tries: 0, n: 0 },
      })
    },
  }
  return connector
}

export function isVoiceConnector(connector: ChannelConnector): connector is VoiceConnector {
  return connector.type === 'voice'
}
