/**
 * A caller through the IVR, as Twilio drives it: every step is a webhook signed for its public URL
 * (the test follows the action URLs the hub's TwiML gives, like Twilio does), and every call event,
 * the voicemail recording and its transcript land in the caller's conversation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formBody, twilioSignature } from '../../connectors/twilio/__fixtures__/twilio-signing.js'
import { HOTLINE_IVR } from '../../connectors/voice/__fixtures__/hotline-ivr.js'
import { ContactIdentityModel, identityKey } from '../../server/models/contact.js'
import { Conversation } from '../../server/models/conversation.js'
import { Message, type MessageDoc } from '../../server/models/message.js'
import { presentMessage } from '../../server/presenters/present.js'
import { eventually } from '../support/eventually.js'
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fake-twilio-api.js'
import { startTestHub, type TestHub, testConfig } from '../support/test-hub.js'

const ACCOUNT_SID = `AC${'5a1e'.repeat(8)}`
const AUTH_TOKEN = 'voice-test-auth-token-0123456789'
const PUBLIC = 'https://hotline.example.gov.cn'
const NUMBER = '+8657112345000'
const ALL_DAY = ['00:00-24:00']
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())

let hub: TestHub
let twilio: FakeTwilioApi
let counter = 0

beforeAll(async () => {
  twilio = await startFakeTwilioApi(ACCOUNT_SID, AUTH_TOKEN)
  process.env.TWILIO_AUTH_TOKEN = AUTH_TOKEN
  process.env.TWILIO_API_KEY_SECRET = 'api-key-secret-for-tests-0123456789'
  const voice = {
    ...HOTLINE_IVR,
    publicBaseUrl: PUBLIC,
    apiBaseUrl: twilio.baseUrl,
    queue: 'general',
    businessHours: {
      timezone: 'Asia/Shanghai',
      weekly: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
      holidays: [],
      makeUpWorkdays: [],
    },
  }
  hub = await startTestHub({
    config: {
      ...testConfig,
      channels: [
        ...testConfig.channels,
        { ...voice, id: 'voice', name: 'Hotline phone', softphone: { apiKeySid: `SK${'ab12'.repeat(8)}`, twimlAppSid: `AP${'cd34'.repeat(8)}` } },
        {
          ...voice,
          id: 'voice-holiday',
          name: 'Hotline phone (holiday)',
          businessHours: { ...voice.businessHours, holidays: [{ date: today, name: { 'zh-CN': '假日', en: 'Holiday' } }] },
        },
      ],
    } as never,
  })
})
afterAll(async () => {
  await hub?.stop()
  await twilio?.close()
})

const nextCaller = () => `+86138${String(10_000_000 + counter++).slice(-8)}`

/** POSTs a signed webhook to a public URL's path on the hub and returns the TwiML. */
async function twilioPost(publicUrl: string, params: Record<string, string>): Promise<{ status: number; twiml: string }> {
  const url = new URL(publicUrl)
  const response = await fetch(`${hub.url}${url.pathname}${url.search}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(AUTH_TOKEN, publicUrl, params) },
    body: formBody(params),
  })
  return { status: response.status, twiml: await response.text() }
}

const decode = (value: string) => value.replaceAll('&amp;', '&')
/** The action URL of the TwiML's Gather, as Twilio would call it next. */
const gatherAction = (twiml: string) => decode(/<Gather[^>]*action="([^"]+)"/.exec(twiml)?.[1] ?? '')

function callParams(callSid: string, from: string, extra: Record<string, string> = {}): Record<string, string> {
  return { AccountSid: ACCOUNT_SID, CallSid: callSid, From: from, To: NUMBER, CallStatus: 'in-progress', Direction: 'inbound', ...extra }
}

async function callerMessages(channel: string, from: string): Promise<MessageDoc[]> {
  const identity = await ContactIdentityModel.findById(identityKey(channel, from)).lean()
  if (!identity) return []
  const conversation = await Conversation.findOne({ contactId: identity.contactId, channel }).limit(1).lean()
  if (!conversation) return []
  return Message.find({ conversationId: conversation._id }).sort({ seq: 1 }).limit(100).lean<MessageDoc[]>()
}

const events = (messages: MessageDoc[]) => messages.map((message) => message.metadata?.event).filter(Boolean)

describe('softphone', () => {
  it('mints a Voice access token for a signed-in agent only, and dials the queue for the agent’s browser', async () => {
    const agent = await hub.createUser('agent', ['general'])
    const token = await hub.login(agent.email, agent.password)
    expect((await hub.api('/api/voice/token')).status).toBe(401)
    const response = await hub.api('/api/voice/token', { token })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { token: string; identity: string; channelId: string }
    expect(body.channelId).toBe('voice')
    // A JWT signed with the API key secret, granting voice to this identity through the TwiML App.
    const payload = JSON.parse(Buffer.from(body.token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      iss: string
      grants: { identity: string; voice: { outgoing: { application_sid: string } } }
    }
    expect(payload.iss).toBe(`SK${'ab12'.repeat(8)}`)
    expect(payload.grants.identity).toBe(body.identity)
    expect(payload.grants.voice.outgoing.application_sid).toBe(`AP${'cd34'.repeat(8)}`)

    const dial = await twilioPost(`${PUBLIC}/webhooks/twilio/voice/voice/agent`, {
      AccountSid: ACCOUNT_SID,
      CallSid: `CA${String(counter++).padStart(32, '0')}`,
      From: `client:${body.identity}`,
      To: '',
      queue: 'general',
    })
    expect(dial.status).toBe(200)
    expect(dial.twiml).toMatch(/<Dial[^>]*><Queue[^>]*>general<\/Queue><\/Dial>/)
  })
})

describe('IVR', () => {
  it('walks language choice and the main menu to the agent queue, recording each step in the caller’s conversation', async () => {
    const from = nextCaller()
    const callSid = `CA${String(counter++).padStart(32, '0')}`
    const first = await twilioPost(`${PUBLIC}/webhooks/twilio/voice/voice`, callParams(callSid, from, { CallStatus: 'ringing' }))
    expect(first.status).toBe(200)
    expect(first.twiml).toContain('<Gather')
    const chooseLanguage = gatherAction(first.twiml)
    expect(chooseLanguage.startsWith(`${PUBLIC}/webhooks/twilio/voice/voice?`)).toBe(true)

    const menu = await twilioPost(chooseLanguage, callParams(callSid, from, { Digits: '1' }))
    expect(menu.twiml).toContain('咨询请按1')
    const queued = await twilioPost(gatherAction(menu.twiml), callParams(callSid, from, { Digits: '1' }))
    expect(queued.twiml).toMatch(/<Enqueue[^>]*>general<\/Enqueue>/)

    const messages = await eventually(
      () => callerMessages('voice', from),
      (list) => events(list).includes('call.queued'),
    )
    expect(events(messages)).toEqual(expect.arrayContaining(['call.started', 'call.queued']))
    // The inbox learns which call queue from the message itself (the softphone dials it).
    const queuedEvent = messages.find((message) => message.metadata?.event === 'call.queued')
    expect(queuedEvent && presentMessage(queuedEvent).event).toEqual({ name: 'call.queued', queue: 'general' })
    expect(messages.every((message) => message.direction === 'inbound')).toBe(true)
    // Updated right after the message is stored: wait until it has caught up with the last message.
    const lastSeq = Math.max(...messages.map((message) => message.seq))
    const conversation = await eventually(
      () => Conversation.findById(messages[0]?.conversationId).lean(),
      (found) => (found?.lastSeq ?? 0) >= lastSeq,
    )
    expect(conversation?.status).toBe('open')
  })

  it('flags a caller who hung up while waiting in the queue for a call-back (漏接回拨)', async () => {
    const from = nextCaller()
    const callSid = `CA${String(counter++).padStart(32, '0')}`
    const first = await twilioPost(`${PUBLIC}/webhooks/twilio/voice/voice`, callParams(callSid, from))
    const menu = await twilioPost(gatherAction(first.twiml), callParams(callSid, from, { Digits: '1' }))
    const queued = await twilioPost(gatherAction(menu.twiml), callParams(callSid, from, { Digits: '1' }))
    const leaveAction = decode(/<Enqueue[^>]*action="([^"]+)"/.exec(queued.twiml)?.[1] ?? '')
    expect(leaveAction).not.toBe('')
    // Twilio calls the Enqueue action when the caller leaves the queue: here, by hanging up after 95 s.
    const left = await twilioPost(leaveAction, callParams(callSid, from, { QueueResult: 'hangup', QueueTime: '95', CallStatus: 'completed' }))
    expect(left.status).toBe(200)
    const messages = await eventually(
      () => callerMessages('voice', from),
      (list) => events(list).includes('call.queue_left'),
    )
    // The conversation is updated right after the message is stored: wait for it, do not race it.
    const conversation = await eventually(
      () => Conversation.findById(messages[0]?.conversationId).lean(),
      (found) => found?.labels.includes('callback') === true,
    )
    expect(conversation?.labels).toContain('callback')
    expect(conversation?.priority).toBe('high')
  })

  it('repeats the menu on an invalid key and refuses a forged step with 403', async () => {
    const from = nextCaller()
    const callSid = `CA${String(counter++).padStart(32, '0')}`
    const first = await twilioPost(`${PUBLIC}/webhooks/twilio/voice/voice`, callParams(callSid, from))
    const menu = await twilioPost(gatherAction(first.twiml), callParams(callSid, from, { Digits: '1' }))
    const invalid = await twilioPost(gatherAction(menu.twiml), callParams(callSid, from, { Digits: '9' }))
    expect(invalid.twiml).toContain('<Gather')
    expect(invalid.twiml).toContain('咨询请按1')

    const url = new URL(gatherAction(menu.twiml))
    const forged = await fetch(`${hub.url}${url.pathname}${url.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'bm90LWEtc2lnbmF0dXJl' },
      body: formBody(callParams(callSid, from, { Digits: '1' })),
    })
    expect(forged.status).toBe(403)
  })

  it('sends callers to voicemail on a holiday, and the recording and its transcript land in the conversation', async () => {
    const from = nextCaller()
    const callSid = `CA${String(counter++).padStart(32, '0')}`
    const first = await twilioPost(`${PUBLIC}/webhooks/twilio/voice-holiday/voice`, callParams(callSid, from))
    const afterLanguage = first.twiml.includes('<Gather') ? await twilioPost(gatherAction(first.twiml), callParams(callSid, from, { Digits: '1' })) : first
    expect(afterLanguage.twiml).toContain('<Record')
    expect(afterLanguage.twiml).not.toContain('<Enqueue')
    // Twilio calls back the URLs the <Record> verb names (they carry the caller).
    const recordingCallback = decode(/recordingStatusCallback="([^"]+)"/.exec(afterLanguage.twiml)?.[1] ?? '')
    const transcribeCallback = decode(/transcribeCallback="([^"]+)"/.exec(afterLanguage.twiml)?.[1] ?? '')
    expect(recordingCallback.startsWith(`${PUBLIC}/webhooks/twilio/voice-holiday/voice/recording?`)).toBe(true)

    const recordingSid = `RE${String(counter++).padStart(32, '0')}`
    const recordingPath = `/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/${recordingSid}`
    const mp3 = Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000voicemail', 'latin1')
    twilio.media.set(`${recordingPath}.mp3`, { contentType: 'audio/mpeg', bytes: mp3 })
    const recordingParams = {
      AccountSid: ACCOUNT_SID,
      CallSid: callSid,
      RecordingSid: recordingSid,
      RecordingUrl: `https://api.twilio.com${recordingPath}`,
      RecordingDuration: '12',
      RecordingStatus: 'completed',
    }
    const recording = await twilioPost(recordingCallback, recordingParams)
    // Twilio retries callbacks it thinks failed: the retry changes nothing.
    expect((await twilioPost(recordingCallback, recordingParams)).status).toBe(200)
    expect(recording.status).toBe(200)
    const transcript = await twilioPost(transcribeCallback, {
      AccountSid: ACCOUNT_SID,
      CallSid: callSid,
      RecordingSid: recordingSid,
      TranscriptionSid: `TR${String(counter++).padStart(32, '0')}`,
      TranscriptionText: 'My street light has been out for three days.',
      TranscriptionStatus: 'completed',
    })
    expect(transcript.status).toBe(200)

    const messages = await eventually(
      () => callerMessages('voice-holiday', from),
      (list) => list.some((message) => message.attachments[0]?.url.startsWith('/api/media/')) && list.some((message) => message.body.includes('three days')),
    )
    expect(messages.filter((message) => message.type === 'audio')).toHaveLength(1)
    const voicemail = messages.find((message) => message.type === 'audio')
    expect(voicemail?.attachments[0]).toMatchObject({ mimeType: 'audio/mpeg' })
    expect(messages.some((message) => message.body.includes('My street light has been out for three days.'))).toBe(true)
  })
})
