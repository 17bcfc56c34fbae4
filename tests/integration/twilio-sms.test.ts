/**
 * Two-way SMS through Twilio: webhooks signed exactly as Twilio signs them (HMAC-SHA1 over the
 * public URL and the sorted form parameters, computed by the test's own signer), the real hub on
 * FerretDB + Redis, and the real twilio SDK talking to a local fake of api.twilio.com.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formBody, twilioSignature } from '../../connectors/twilio/__fixtures__/twilio-signing.js'
import { ContactIdentityModel, identityKey } from '../../server/models/contact.js'
import { Conversation } from '../../server/models/conversation.js'
import { Message, type MessageDoc } from '../../server/models/message.js'
import type { MessageDto } from '../../server/presenters/dto.js'
import { eventually } from '../support/eventually.js'
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fake-twilio-api.js'
import { startTestHub, type TestHub, testConfig } from '../support/test-hub.js'

const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`
const AUTH_TOKEN = 'twilio-test-auth-token-0123456789'
const PUBLIC = 'https://hotline.example.gov'
const HOTLINE = '+12025550100'

let hub: TestHub
let twilio: FakeTwilioApi
let agentToken: string
let counter = 0

beforeAll(async () => {
  twilio = await startFakeTwilioApi(ACCOUNT_SID, AUTH_TOKEN)
  process.env.TWILIO_AUTH_TOKEN = AUTH_TOKEN
  hub = await startTestHub({
    config: {
      ...testConfig,
      channels: [
        ...testConfig.channels,
        {
          id: 'sms',
          type: 'sms',
          name: 'Hotline SMS',
          queue: 'general',
          accountSid: ACCOUNT_SID,
          from: HOTLINE,
          publicBaseUrl: PUBLIC,
          apiBaseUrl: twilio.baseUrl,
          mms: true,
        },
      ],
    },
  })
  const agent = await hub.createUser('agent', ['general'])
  agentToken = await hub.login(agent.email, agent.password)
})
afterAll(async () => {
  await hub?.stop()
  await twilio?.close()
})

const nextNumber = () => `+1202555${String(2000 + counter++).padStart(4, '0')}`
const nextSid = (prefix: string) => `${prefix}${String(counter++).padStart(32, '0')}`

/** POSTs a webhook to the hub as Twilio would: to the hub's address, signed for its public URL. */
function twilioPost(route: string, params: Record<string, string>, options: { signature?: string } = {}): Promise<Response> {
  const path = `/webhooks/twilio/sms/${route}`
  const signature = options.signature ?? twilioSignature(AUTH_TOKEN, `${PUBLIC}${path}`, params)
  return fetch(`${hub.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: formBody(params),
  })
}

function inboundSms(from: string, body: string, messageSid = nextSid('SM'), extra: Record<string, string> = {}): Record<string, string> {
  return {
    AccountSid: ACCOUNT_SID,
    MessageSid: messageSid,
    SmsSid: messageSid,
    SmsMessageSid: messageSid,
    From: from,
    To: HOTLINE,
    Body: body,
    NumMedia: '0',
    NumSegments: '1',
    ...extra,
  }
}

async function jobsIdle(): Promise<void> {
  await eventually(
    async () => {
      const [inbound, media] = await Promise.all([
        hub.hub.context.queues.inbound.getJobCounts('waiting', 'active', 'delayed'),
        hub.hub.context.queues.media.getJobCounts('waiting', 'active', 'delayed'),
      ])
      return Object.values({ ...inbound }).reduce((a, b) => a + b, 0) + Object.values({ ...media }).reduce((a, b) => a + b, 0)
    },
    (pending) => pending === 0,
  )
}

async function messagesFrom(number: string): Promise<MessageDoc[]> {
  const identity = await ContactIdentityModel.findById(identityKey('sms', number)).lean()
  if (!identity) return []
  const conversation = await Conversation.findOne({ contactId: identity.contactId, channel: 'sms' }).limit(1).lean()
  if (!conversation) return []
  return Message.find({ conversationId: conversation._id }).sort({ seq: 1 }).limit(100).lean<MessageDoc[]>()
}

async function reply(conversationId: string, body: string): Promise<MessageDto> {
  const response = await hub.api(`/api/conversations/${conversationId}/messages`, {
    method: 'POST',
    token: agentToken,
    json: { clientId: `sms-reply-${counter++}-x`, body },
  })
  expect(response.status).toBe(201)
  return ((await response.json()) as { message: MessageDto }).message
}

/** Until Twilio accepted it (it then has Twilio's SID; Twilio's own first status is "queued") or it failed. */
const settled = (id: string) =>
  eventually(
    () => Message.findById(id).lean<MessageDoc>(),
    (message) => message !== null && (message.externalId !== undefined || message.status === 'failed'),
  )

describe('SMS webhooks', () => {
  it('stores an inbound text once however often Twilio retries it, answering empty TwiML', async () => {
    const from = nextNumber()
    const params = inboundSms(from, 'The traffic light at Main & 5th is out')
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await twilioPost('sms', params)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/xml/)
      expect(await response.text()).toMatch(/<Response\s*\/>|<Response><\/Response>/)
    }
    await jobsIdle()
    const messages = await messagesFrom(from)
    expect(messages.map((message) => [message.body, message.externalId])).toEqual([['The traffic light at Main & 5th is out', params.MessageSid]])
  })

  it('refuses a missing or wrong signature with 403 and stores nothing', async () => {
    const from = nextNumber()
    const params = inboundSms(from, 'forged')
    expect((await twilioPost('sms', params, { signature: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' })).status).toBe(403)
    const unsigned = await fetch(`${hub.url}/webhooks/twilio/sms/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: formBody(params),
    })
    expect(unsigned.status).toBe(403)
    // Signed for another URL (a replay against a different path) fails too.
    const elsewhere = twilioSignature(AUTH_TOKEN, `${PUBLIC}/webhooks/twilio/other/sms`, params)
    expect((await twilioPost('sms', params, { signature: elsewhere })).status).toBe(403)
    await jobsIdle()
    expect(await messagesFrom(from)).toEqual([])
  })

  it('downloads MMS media with the account credentials into the hub', async () => {
    const from = nextNumber()
    const mediaPath = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM00000000000000000000000000000001/Media/ME00000000000000000000000000000001`
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0xff, 0xd9])
    twilio.media.set(mediaPath, { contentType: 'image/jpeg', bytes: jpeg })
    const params = inboundSms(from, 'Photo of the pothole', nextSid('MM'), {
      NumMedia: '1',
      MediaUrl0: `https://api.twilio.com${mediaPath}`,
      MediaContentType0: 'image/jpeg',
    })
    expect((await twilioPost('sms', params)).status).toBe(200)
    const [stored] = await eventually(
      () => messagesFrom(from),
      (messages) => messages[0]?.attachments[0]?.url.startsWith('/api/media/') === true,
    )
    expect(stored?.attachments[0]).toMatchObject({ mimeType: 'image/jpeg', size: jpeg.length })
    const download = await hub.api(stored?.attachments[0]?.url ?? '', { token: agentToken })
    expect(Buffer.from(await download.arrayBuffer()).equals(jpeg)).toBe(true)
  })
})

describe('SMS replies and receipts', () => {
  it('sends an agent reply with the SDK and applies status callbacks forward only, even out of order', async () => {
    const from = nextNumber()
    await twilioPost('sms', inboundSms(from, 'Is the recycling centre open on Saturday?'))
    await jobsIdle()
    const conversationId = (await messagesFrom(from))[0]?.conversationId ?? ''
    const sent = await settled((await reply(conversationId, 'Yes, 9am to 4pm.')).id)
    expect(sent?.status).toBe('queued')
    const request = twilio.messagesSent().find((form) => form.get('To') === from)
    expect(request?.get('From')).toBe(HOTLINE)
    expect(request?.get('Body')).toBe('Yes, 9am to 4pm.')
    expect(request?.get('StatusCallback')).toBe(`${PUBLIC}/webhooks/twilio/sms/status`)
    const sid = sent?.externalId ?? ''
    expect(sid).toMatch(/^SM[0-9a-f]{32}$/)

    const status = (MessageStatus: string) => ({ AccountSid: ACCOUNT_SID, MessageSid: sid, SmsSid: sid, MessageStatus, From: HOTLINE, To: from })
    expect((await twilioPost('status', status('delivered'))).status).toBe(200)
    expect((await twilioPost('status', status('sent'))).status).toBe(200) // late, must not move it back
    await jobsIdle()
    expect((await Message.findById(sent?._id).lean())?.status).toBe('delivered')
  })

  it('marks an undelivered message failed with Twilio’s error code', async () => {
    const from = nextNumber()
    await twilioPost('sms', inboundSms(from, 'hello'))
    await jobsIdle()
    const conversationId = (await messagesFrom(from))[0]?.conversationId ?? ''
    const sent = await settled((await reply(conversationId, 'Hello back')).id)
    const sid = sent?.externalId ?? ''
    await twilioPost('status', {
      AccountSid: ACCOUNT_SID,
      MessageSid: sid,
      SmsSid: sid,
      MessageStatus: 'undelivered',
      ErrorCode: '30003',
      From: HOTLINE,
      To: from,
    })
    await jobsIdle()
    const failed = await Message.findById(sent?._id).lean()
    expect(failed?.status).toBe('failed')
    expect(failed?.statusReason).toContain('30003')
  })

  it('honours STOP (no send at all, a clear reason) and START (sending again)', async () => {
    const from = nextNumber()
    await twilioPost('sms', inboundSms(from, 'I need help with my tax bill'))
    await jobsIdle()
    const conversationId = (await messagesFrom(from))[0]?.conversationId ?? ''

    const stop = await twilioPost('sms', inboundSms(from, 'STOP'))
    expect(stop.status).toBe(200)
    await jobsIdle()
    const callsBefore = twilio.messagesSent().filter((form) => form.get('To') === from).length
    const refused = await settled((await reply(conversationId, 'Are you still there?')).id)
    expect(refused).toMatchObject({ status: 'failed', statusReason: 'recipient_opted_out' })
    expect(twilio.messagesSent().filter((form) => form.get('To') === from).length).toBe(callsBefore)

    await twilioPost('sms', inboundSms(from, 'START'))
    await jobsIdle()
    const again = await settled((await reply(conversationId, 'Welcome back.')).id)
    expect(again?.externalId).toMatch(/^SM/)
  })

  it('answers 退订 (unsubscribe in Chinese) with a Chinese confirmation and opts the number out', async () => {
    const from = nextNumber()
    const response = await twilioPost('sms', inboundSms(from, '退订'))
    expect(await response.text()).toMatch(/<Message>[^<]*[\u4e00-\u9fff][^<]*<\/Message>/)
    await jobsIdle()
    const identity = await ContactIdentityModel.findById(identityKey('sms', from)).lean()
    const contact = await (await import('../../server/models/contact.js')).Contact.findById(identity?.contactId).lean()
    expect(contact?.identities.find((entry) => entry.externalId === from)?.optedOutAt).toBeTruthy()
  })
})
