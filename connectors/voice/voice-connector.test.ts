import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it, vi } from 'vitest'
import { ConnectorSendError, type InboundRequest } from '../spec.js'
import { createFakeFetch } from '../twilio/__fixtures__/fake-fetch.js'
import { type FormParams, signedTwilioRequest } from '../twilio/__fixtures__/twilio-signing.js'
import { ACCOUNT_SID, AUTH_TOKEN, hotlineConfig, MONDAY_MORNING, PUBLIC, SATURDAY_MORNING, WAIT_MUSIC } from './__fixtures__/hotline-ivr.js'
import { voiceConnector } from './index.js'
import type { CaseLookup } from './ivr-engine.js'
import type { VoiceConfig } from './voice-config.js'
import { createVoiceConnectorWith, type VoiceConnector } from './voice-connector.js'
import { DEFAULT_VOICE_PROMPTS as P } from './voice-defaults.js'

const CALLER = '+8613800000000'
const NUMBER = '+8657112345000'
const VOICE_URL = `${PUBLIC}/webhooks/twilio/voice-main/voice`
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'

function setup(options: { config?: VoiceConfig; lookupCase?: CaseLookup } = {}) {
  const fake = createFakeFetch(() => new Response(new Uint8Array([1, 2]), { headers: { 'content-type': 'audio/mpeg' } }))
  const connector = createVoiceConnectorWith({
    channelId: 'voice-main',
    config: options.config ?? hotlineConfig(),
    dependencies: { fetch: fake.fetch, now: () => MONDAY_MORNING, generateId: () => 'id' },
    environment: { TWILIO_AUTH_TOKEN: AUTH_TOKEN },
    ...(options.lookupCase ? { lookupCase: options.lookupCase } : {}),
  })
  return { connector, requests: fake.requests }
}

const callParams = (extra: FormParams = {}): FormParams => ({
  AccountSid: ACCOUNT_SID,
  ApiVersion: '2010-04-01',
  CallSid: 'CA0000000000000000000000000000c001',
  CallStatus: 'in-progress',
  Called: NUMBER,
  Caller: CALLER,
  Direction: 'inbound',
  From: CALLER,
  To: NUMBER,
  ...extra,
})

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' })

interface Step {
  request: InboundRequest
  body: string
  twiml: Record<string, unknown>
}

/** Posts signed params to a URL Twilio would call (taken from the previous TwiML), as the hub's ingress sees it. */
async function post(connector: VoiceConnector, url: string, params: FormParams, receivedAt = MONDAY_MORNING): Promise<Step> {
  const request = signedTwilioRequest({ authToken: AUTH_TOKEN, publicUrl: url, params, receivedAt })
  const verdict = await connector.verify(request)
  if (!verdict.ok) throw new Error(`refused: ${verdict.code}`)
  expect(verdict.response?.contentType).toBe('text/xml; charset=utf-8')
  const body = verdict.response?.body ?? ''
  return { request, body, twiml: (xml.parse(body).Response ?? {}) as Record<string, unknown> }
}

function gatherAction(step: Step): string {
  const gather = step.twiml.Gather as { action?: string } | undefined
  if (!gather?.action) throw new Error(`no Gather in ${step.body}`)
  return gather.action
}

describe('voice connector: definition and construction', () => {
  it('is registered under type "voice" with its schema', () => {
    expect(voiceConnector.type).toBe('voice')
    expect(voiceConnector.configSchema.shape.type.value).toBe('voice')
  })

  it('reads the auth token from the environment variable the config names', () => {
    const build = (environment: Record<string, string | undefined>) => () =>
      createVoiceConnectorWith({
        channelId: 'voice-main',
        config: hotlineConfig({ authTokenEnv: 'HOTLINE_TWILIO_TOKEN' }),
        dependencies: { fetch, now: () => MONDAY_MORNING, generateId: () => 'x' },
        environment,
      })
    expect(build({ TWILIO_AUTH_TOKEN: 'wrong variable' })).toThrow(/HOTLINE_TWILIO_TOKEN/)
    expect(build({ HOTLINE_TWILIO_TOKEN: 't' })).not.toThrow()
  })

  it('repeats the tree check the hub’s .shape drops', () => {
    const broken = { ...hotlineConfig(), entryMenu: 'gone' }
    expect(() =>
      createVoiceConnectorWith({
        channelId: 'voice-main',
        config: broken,
        dependencies: { fetch, now: () => MONDAY_MORNING, generateId: () => 'x' },
        environment: { TWILIO_AUTH_TOKEN: 't' },
      }),
    ).toThrow(/entryMenu "gone"/)
  })

  it('sends nothing: no message types, and send refuses for good', async () => {
    const { connector } = setup()
    expect(connector.capabilities).toMatchObject({ messageTypes: [], deliveryReceipts: false, maxTextLength: 0 })
    const failure = await connector
      .send({ messageId: 'm', conversationId: 'c', recipient: { externalId: CALLER }, type: 'text', text: 'hi' })
      .catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ConnectorSendError)
    expect(failure).toMatchObject({ code: 'unsupported_channel_send', isRetryable: false })
  })

  it('tells the admin which URLs to set on the number', () => {
    expect(setup().connector.webhookUrls).toEqual({ voice: VOICE_URL, callStatus: `${VOICE_URL}/status`, agentApp: `${VOICE_URL}/agent` })
  })
})

describe('voice connector: verify refuses', () => {
  it('a bad or missing signature, with no lookup and no TwiML', async () => {
    const lookupCase = vi.fn<CaseLookup>()
    const { connector } = setup({ lookupCase })
    const request = signedTwilioRequest({
      authToken: AUTH_TOKEN,
      publicUrl: `${VOICE_URL}?step=case&lang=zh-CN&menu=main&key=3`,
      params: callParams({ Digits: '2025000123' }),
    })
    expect(await connector.verify({ ...request, headers: { 'x-twilio-signature': 'bad' } })).toMatchObject({
      ok: false,
      status: 403,
      code: 'signature_mismatch',
    })
    expect(await connector.verify({ ...request, headers: {} })).toMatchObject({ ok: false, status: 403, code: 'signature_missing' })
    expect(lookupCase).not.toHaveBeenCalled()
  })

  it('a state changed in the URL (the signature covers the query string)', async () => {
    const { connector } = setup()
    const request = signedTwilioRequest({
      authToken: AUTH_TOKEN,
      publicUrl: `${VOICE_URL}?step=menu&lang=zh-CN&menu=main`,
      params: callParams({ Digits: '1' }),
    })
    const tampered = { ...request, url: request.url.replace('menu=main', 'menu=complaints') }
    expect(await connector.verify(tampered)).toMatchObject({ ok: false, status: 403, code: 'signature_mismatch' })
  })

  it('another account, an unknown route, a call without CallSid', async () => {
    const { connector } = setup()
    const other = signedTwilioRequest({ authToken: AUTH_TOKEN, publicUrl: VOICE_URL, params: callParams({ AccountSid: `AC${'0'.repeat(32)}` }) })
    expect(await connector.verify(other)).toMatchObject({ ok: false, status: 403, code: 'account_mismatch' })
    const sms = signedTwilioRequest({ authToken: AUTH_TOKEN, publicUrl: `${PUBLIC}/webhooks/twilio/voice-main/sms`, params: callParams() })
    expect(await connector.verify(sms)).toMatchObject({ ok: false, status: 400, code: 'unknown_route' })
    const noCall = signedTwilioRequest({ authToken: AUTH_TOKEN, publicUrl: VOICE_URL, params: callParams({ CallSid: '' }) })
    expect(await connector.verify(noCall)).toMatchObject({ ok: false, status: 400, code: 'call_sid_missing' })
  })
})

describe('voice connector: a caller walks the IVR (following the TwiML’s own URLs)', () => {
  it('language → English menu → complaints → agent queue, with events for the conversation', async () => {
    const { connector } = setup()
    const incoming = await post(connector, VOICE_URL, callParams({ CallStatus: 'ringing' }))
    expect(incoming.body).toContain('<Say language="zh-CN" voice="Polly.Zhiyu">您好，欢迎致电12345政务服务便民热线。</Say>')
    expect(incoming.body).toContain('<Say language="en-US" voice="Polly.Joanna">For English, press 2.</Say>')
    expect(connector.parseInbound(incoming.request)).toMatchObject([
      { type: 'event', externalId: 'CA0000000000000000000000000000c001:started', text: '[call] incoming call' },
    ])

    const english = await post(connector, gatherAction(incoming), callParams({ Digits: '2' }))
    expect(english.body).toContain('For questions press 1, complaints 2')
    expect(connector.parseInbound(english.request)).toEqual([])

    const complaints = await post(connector, gatherAction(english), callParams({ Digits: '2' }))
    expect(complaints.body).toContain('Press 1 for an agent, 2 to leave a message, 0 to go back.')

    const queued = await post(connector, gatherAction(complaints), callParams({ Digits: '1' }))
    expect(queued.twiml.Say).toMatchObject({ '#text': P.queueEnter.en })
    expect(queued.twiml.Enqueue).toMatchObject({
      '#text': 'hotline-complaints',
      method: 'POST',
      waitUrlMethod: 'POST',
      waitUrl: `${VOICE_URL}?step=queue-wait&lang=en&queue=complaints&path=21&n=4`,
      action: `${VOICE_URL}?step=queue-exit&lang=en&queue=complaints&path=21&n=4`,
    })
    expect(connector.parseInbound(queued.request)).toEqual([
      {
        kind: 'message',
        externalId: 'CA0000000000000000000000000000c001:3:queued',
        sender: { externalId: CALLER, phone: CALLER, language: 'en' },
        type: 'event',
        text: '[call] menu 2›1 → queue complaints',
        metadata: { event: 'call.queued', callSid: 'CA0000000000000000000000000000c001', language: 'en', queue: 'complaints', path: '21' },
      },
    ])
  })

  it('gives the same events for the same request twice (a retried webhook dedupes)', async () => {
    const { connector } = setup()
    const step = await post(connector, `${VOICE_URL}?step=menu&lang=zh-CN&menu=main&n=2`, callParams({ Digits: '5' }))
    expect(connector.parseInbound(step.request)).toEqual(connector.parseInbound(step.request))
    expect(connector.parseInbound(step.request)[0]).toMatchObject({ externalId: 'CA0000000000000000000000000000c001:2:voicemail' })
  })

  it('check my case: asks the lookup, says its answer in the caller’s voice, then replays the menu', async () => {
    const lookupCase = vi.fn<CaseLookup>(async (caseNumber) => `工单${caseNumber}已转市水务局办理，预计3月12日前答复。`)
    const { connector } = setup({ lookupCase })
    const menu = await post(connector, `${VOICE_URL}?step=menu&lang=zh-CN&menu=main&n=2`, callParams({ Digits: '3' }))
    expect(menu.twiml.Gather).toMatchObject({ numDigits: '10', finishOnKey: '#', timeout: '10' })
    const answered = await post(connector, gatherAction(menu), callParams({ Digits: '2025000123', FinishedOnKey: '' }))
    // The caller's number goes along, so the hub can tell the details only to whoever filed the case.
    expect(lookupCase).toHaveBeenCalledWith('2025000123', 'zh-CN', { channel: 'voice-main', externalId: CALLER })
    expect(answered.body).toContain('<Say language="zh-CN" voice="Polly.Zhiyu">工单2025000123已转市水务局办理，预计3月12日前答复。</Say><Gather')
    expect(gatherAction(answered)).toBe(`${VOICE_URL}?step=menu&lang=zh-CN&menu=main&path=3&n=4`)
    expect(connector.parseInbound(answered.request)).toMatchObject([{ text: '[call] case lookup 2025000123', metadata: { caseNumber: '2025000123' } }])
  })

  it('after hours: closed notice, voicemail with callbacks that know the caller, then the recording and transcript land as messages', async () => {
    const { connector } = setup()
    const closed = await post(connector, `${VOICE_URL}?step=language&lang=zh-CN&n=1`, callParams({ Digits: '1' }), SATURDAY_MORNING)
    expect(closed.twiml.Say).toEqual([
      { '#text': P.closed['zh-CN'], language: 'zh-CN', voice: 'Polly.Zhiyu' },
      expect.objectContaining({ '#text': P.goodbye['zh-CN'] }),
    ])
    const record = closed.twiml.Record as Record<string, string>
    const callbackQuery = `lang=zh-CN&reason=closed&caller=${encodeURIComponent(CALLER)}`
    expect(record).toMatchObject({
      action: `${VOICE_URL}?step=voicemail-done&lang=zh-CN&n=2`,
      recordingStatusCallback: `${VOICE_URL}/recording?${callbackQuery}`,
      transcribeCallback: `${VOICE_URL}/transcription?${callbackQuery}`,
      transcribe: 'true',
      maxLength: '120',
    })
    expect(connector.parseInbound(closed.request)).toMatchObject([{ text: '[call] after hours → voicemail' }])

    const done = await post(connector, record.action ?? '', callParams({ RecordingUrl: 'https://api.twilio.com/x/RE1', RecordingDuration: '30' }))
    expect(done.body).toContain(P.voicemailThanks['zh-CN'])
    expect(done.body).toContain('<Hangup/>')

    const recordingUrl = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/RE1`
    const recording = await post(connector, record.recordingStatusCallback ?? '', {
      AccountSid: ACCOUNT_SID,
      CallSid: 'CA0000000000000000000000000000c001',
      RecordingSid: 'RE1',
      RecordingUrl: recordingUrl,
      RecordingStatus: 'completed',
      RecordingDuration: '30',
    })
    expect(recording.body).toBe(EMPTY_TWIML)
    expect(connector.parseInbound(recording.request)).toMatchObject([
      { type: 'audio', externalId: 'RE1', sender: { externalId: CALLER }, attachments: [{ url: `twilio-media:${recordingUrl}.mp3` }] },
    ])

    const transcript = await post(connector, record.transcribeCallback ?? '', {
      AccountSid: ACCOUNT_SID,
      CallSid: 'CA0000000000000000000000000000c001',
      RecordingSid: 'RE1',
      TranscriptionSid: 'TR1',
      TranscriptionStatus: 'completed',
      TranscriptionText: 'Water leak at 5 Renmin Road.',
    })
    expect(transcript.body).toBe(EMPTY_TWIML)
    expect(connector.parseInbound(transcript.request)).toMatchObject([{ type: 'text', text: 'Water leak at 5 Renmin Road.', sender: { externalId: CALLER } }])
  })

  it('in the queue: hears its position over hold music, then leaves for voicemail at the maximum wait', async () => {
    const { connector } = setup()
    const waitUrl = `${VOICE_URL}?step=queue-wait&lang=zh-CN&queue=general&path=1&n=3`
    const wait = await post(connector, waitUrl, callParams({ QueuePosition: '2', QueueTime: '30', AvgQueueTime: '90', CurrentQueueSize: '2', QueueSid: 'QU1' }))
    expect(wait.twiml).toMatchObject({ Say: { '#text': '您前面还有2位来电，请耐心等待。' }, Play: WAIT_MUSIC })
    expect(connector.parseInbound(wait.request)).toEqual([])

    const overdue = await post(connector, waitUrl, callParams({ QueuePosition: '2', QueueTime: '300', QueueSid: 'QU1' }))
    expect(overdue.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Leave/></Response>')

    const exit = await post(
      connector,
      `${VOICE_URL}?step=queue-exit&lang=zh-CN&queue=general&path=1&n=3`,
      callParams({ QueueResult: 'leave', QueueTime: '300' }),
    )
    expect(exit.body).toContain(P.queueOverflow['zh-CN'])
    expect(exit.twiml.Record).toBeDefined()
    expect(connector.parseInbound(exit.request).map((event) => event.kind === 'message' && event.text)).toEqual([
      '[call] left queue general (leave) after 300 s',
      '[call] no agent free → voicemail',
    ])
  })

  it('a caller who hangs up in the queue is flagged for a call back', async () => {
    const { connector } = setup()
    const exit = await post(
      connector,
      `${VOICE_URL}?step=queue-exit&lang=zh-CN&queue=general&path=1&n=3`,
      callParams({ QueueResult: 'hangup', QueueTime: '95' }),
    )
    expect(exit.body).toBe(EMPTY_TWIML)
    expect(connector.parseInbound(exit.request)).toMatchObject([
      { metadata: { event: 'call.queue_left', abandoned: 'true', callBack: 'true', queueTime: '95' } },
    ])
  })

  it('a state that no longer fits the tree restarts the caller at the entry menu', async () => {
    const { connector } = setup()
    const stale = await post(connector, `${VOICE_URL}?step=menu&lang=zh-CN&menu=removed-menu&n=5`, callParams({ Digits: '1' }))
    expect(gatherAction(stale)).toBe(`${VOICE_URL}?step=menu&lang=zh-CN&menu=main&n=2`)
  })
})

describe('voice connector: agents and callbacks', () => {
  it('gives an agent TwiML to take the next caller, whose bridge step records who answered', async () => {
    const { connector } = setup()
    const twiml = connector.agentDequeueTwiml('complaints', 'agent-wang')
    const dial = xml.parse(twiml ?? '').Response.Dial
    expect(dial.Queue).toEqual({ '#text': 'hotline-complaints', url: `${VOICE_URL}?step=bridge&lang=zh-CN&queue=complaints&agent=agent-wang`, method: 'POST' })
    expect(connector.agentDequeueTwiml('vip', 'agent-wang')).toBeUndefined()
    expect(connector.agentDequeueTwiml('general', 'bad agent')).toBeUndefined()

    const bridge = await post(
      connector,
      dial.Queue.url,
      callParams({ QueueSid: 'QU1', QueueTime: '40', DequeingCallSid: 'CA0000000000000000000000000000a9e1' }),
    )
    expect(bridge.body).toBe(EMPTY_TWIML)
    expect(connector.parseInbound(bridge.request)).toMatchObject([
      { externalId: 'CA0000000000000000000000000000c001:answered:CA0000000000000000000000000000a9e1', text: '[call] answered by agent-wang after 40 s' },
    ])
  })

  it('acknowledges a call status callback with empty TwiML and maps the end of the call', async () => {
    const { connector } = setup()
    const status = await post(connector, `${VOICE_URL}/status`, callParams({ CallStatus: 'completed', CallDuration: '185', SequenceNumber: '2' }))
    expect(status.body).toBe(EMPTY_TWIML)
    expect(connector.parseInbound(status.request)).toMatchObject([
      { externalId: 'CA0000000000000000000000000000c001:ended', text: '[call] ended (completed, 185 s)' },
    ])
  })

  it('ignores a queued request for another account', () => {
    const { connector } = setup()
    const request = signedTwilioRequest({ authToken: AUTH_TOKEN, publicUrl: VOICE_URL, params: callParams({ AccountSid: `AC${'0'.repeat(32)}` }) })
    expect(connector.parseInbound(request)).toEqual([])
  })

  it('fetches a voicemail recording for the media job with the account credentials (null for other urls)', async () => {
    const { connector, requests } = setup()
    expect(await connector.fetchMedia('/api/media/x')).toBeNull()
    const media = await connector.fetchMedia(`twilio-media:https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/RE1.mp3`)
    expect(media).toEqual({ bytes: new Uint8Array([1, 2]), mimeType: 'audio/mpeg' })
    expect(requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`)
  })
})

describe('voice connector: agents’ softphone', () => {
  const softphone = { apiKeySid: `SK${'7'.repeat(32)}`, twimlAppSid: `AP${'8'.repeat(32)}`, tokenTtlSeconds: 900 }
  const build = (environment: Record<string, string | undefined>, config = hotlineConfig({ softphone })) =>
    createVoiceConnectorWith({ channelId: 'voice-main', config, dependencies: { fetch, now: () => MONDAY_MORNING, generateId: () => 'x' }, environment })

  it('mints a Voice access token for an agent: outgoing calls to the TwiML App, incoming to the identity', () => {
    const connector = build({ TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_API_KEY_SECRET: 'api-key-secret' })
    const token = connector.agentAccessToken('agent-wang') ?? ''
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')))
    expect(header).toMatchObject({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' })
    expect(payload).toMatchObject({
      iss: softphone.apiKeySid,
      sub: ACCOUNT_SID,
      grants: { identity: 'agent-wang', voice: { incoming: { allow: true }, outgoing: { application_sid: softphone.twimlAppSid } } },
    })
    expect(payload.exp - payload.iat).toBe(900)
  })

  it('mints nothing without a softphone config or for a malformed identity', () => {
    expect(setup().connector.agentAccessToken('agent-wang')).toBeUndefined()
    expect(build({ TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_API_KEY_SECRET: 's' }).agentAccessToken('not an id')).toBeUndefined()
  })

  it('needs the API key secret from the variable the config names', () => {
    expect(() => build({ TWILIO_AUTH_TOKEN: AUTH_TOKEN })).toThrow(/TWILIO_API_KEY_SECRET/)
  })

  it('answers the softphone’s call with the dequeue TwiML for the queue it asks for', async () => {
    const { connector } = setup()
    const agentCall = { AccountSid: ACCOUNT_SID, CallSid: 'CA0000000000000000000000000000a9e1', From: 'client:agent-wang', To: '', Direction: 'inbound' }
    const complaints = await post(connector, `${VOICE_URL}/agent`, { ...agentCall, queue: 'complaints' })
    expect(complaints.twiml.Dial).toEqual({
      Queue: { '#text': 'hotline-complaints', url: `${VOICE_URL}?step=bridge&lang=zh-CN&queue=complaints&agent=agent-wang`, method: 'POST' },
    })
    const first = await post(connector, `${VOICE_URL}/agent`, agentCall)
    expect(first.body).toContain('>general</Queue>')
    const stranger = await post(connector, `${VOICE_URL}/agent`, { ...agentCall, From: '+8613800000000' })
    expect(stranger.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>')
    expect(connector.parseInbound(complaints.request)).toEqual([])
  })
})
