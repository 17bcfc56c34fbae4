/**
 * Citizens' self-service for work orders on the channels other than the widget, each through its
 * real wire format on the real hub (FerretDB + Redis): SMS webhooks signed as Twilio signs them
 * and replies seen by a fake api.twilio.com; WeChat pushes signed and encrypted as WeChat sends
 * them and replies seen by a fake api.weixin.qq.com; IVR steps signed as Twilio posts them, the
 * TwiML read back; mail over real SMTP sessions, replies captured by a test relay.
 * Agents file cases from the citizens' conversations; a department acts with its API key.
 */
import { createTransport, type SendMailOptions } from 'nodemailer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmailConnectorWith, type EmailConnector } from '../../connectors/email/index.js'
import { formBody, twilioSignature } from '../../connectors/twilio/__fixtures__/twilio-signing.js'
import { ACCOUNT_SID, AUTH_TOKEN, HOTLINE_IVR, PUBLIC } from '../../connectors/voice/__fixtures__/hotline-ivr.js'
import type { HubConfigInput } from '../../server/config/hub-config-schema.js'
import { Contact, ContactIdentityModel, identityKey } from '../../server/models/contact.js'
import { Conversation, type ConversationDoc } from '../../server/models/conversation.js'
import { Message, type MessageDoc } from '../../server/models/message.js'
import { WorkOrder, type WorkOrderDoc } from '../../server/models/work-order.js'
import type { WorkOrderDto } from '../../server/presenters/dto.js'
import { type CapturedMail, type CaptureSmtp, startCaptureSmtp } from '../support/capture-smtp.js'
import { eventually } from '../support/eventually.js'
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fake-twilio-api.js'
import { FAKE_APP_SECRET, type FakeWechatApi, startFakeWechatApi } from '../support/fake-wechat-api.js'
import { startTestHub, type TestHub, testConfig } from '../support/test-hub.js'
import { signedPush, textXml, type WechatAccount } from '../support/wechat-push.js'

const HOUSING_KEY = 'housing-channels-key-0123456789'
const SMS_NUMBER = '+8610612345000'
const MAILBOX = '12345@hotline.gov.cn'
const ALL_DAY = ['00:00-24:00']
const account: WechatAccount = {
  appId: 'wx5823bf96d3bd56c7',
  token: 'QDG6eK',
  encodingAESKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  originalId: 'gh_3f8a1c2b9d0e',
}

let hub: TestHub
let twilio: FakeTwilioApi
let wechat: FakeWechatApi
let relay: CaptureSmtp
let mail: EmailConnector | undefined
let agentToken = ''
let counter = 0

beforeAll(async () => {
  twilio = await startFakeTwilioApi(ACCOUNT_SID, AUTH_TOKEN)
  wechat = await startFakeWechatApi(account.appId)
  relay = await startCaptureSmtp()
  // Secrets come from the environment, read when the hub starts.
  process.env.TWILIO_AUTH_TOKEN = AUTH_TOKEN
  process.env.WECHAT_APP_SECRET = FAKE_APP_SECRET
  process.env.CHANNELS_HOUSING_KEY = HOUSING_KEY
  const config: HubConfigInput = {
    ...testConfig,
    channels: [
      ...testConfig.channels,
      {
        id: 'sms',
        type: 'sms',
        name: 'Hotline SMS',
        queue: 'general',
        accountSid: ACCOUNT_SID,
        from: SMS_NUMBER,
        publicBaseUrl: PUBLIC,
        apiBaseUrl: twilio.baseUrl,
      },
      {
        ...HOTLINE_IVR,
        type: 'voice',
        id: 'voice',
        name: 'Hotline phone',
        queue: 'general',
        apiBaseUrl: twilio.baseUrl,
        businessHours: {
          timezone: 'Asia/Shanghai',
          weekly: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
          holidays: [],
          makeUpWorkdays: [],
        },
      },
      {
        id: 'wx',
        type: 'wechat',
        name: 'City WeChat',
        queue: 'general',
        appId: account.appId,
        token: account.token,
        apiBaseUrl: wechat.baseUrl,
        mode: 'safe',
        encodingAESKey: account.encodingAESKey,
        menuIntents: { MENU_AGENT: 'talk_to_agent', MENU_CASE: 'check_work_order' },
        replyTemplate: { templateId: 'TPL_REPLY_0001', textField: 'thing3', timeField: 'time4', fixed: { thing1: '12345热线通知' } },
      },
      {
        id: 'mail',
        type: 'email',
        name: 'Hotline mailbox',
        queue: 'general',
        addresses: [MAILBOX],
        displayName: '12345 热线',
        inbound: { smtp: { host: '127.0.0.1' } },
        outbound: { host: '127.0.0.1', port: relay.port, pool: false },
      },
    ],
    workOrders: {
      departments: [
        { id: 'housing', name: { 'zh-CN': '住建局', en: 'Housing Bureau' }, apiKeyEnv: 'CHANNELS_HOUSING_KEY' },
        { id: 'transport', name: { 'zh-CN': '交通局', en: 'Transport Bureau' } },
      ],
      categories: [{ code: '0301', name: { 'zh-CN': '租赁', en: 'Rent' }, type: 'complaint' }],
      catalogue: [{ category: '03*', lead: 'housing' }],
      // The follow-up is asked as soon as a case is resolved.
      followUp: { afterHours: 0 },
    },
  }
  hub = await startTestHub({
    config,
    createConnector: (channel, dependencies) => {
      if (channel.type !== 'email') return undefined
      mail = createEmailConnectorWith({ channelId: channel.id, config: channel, dependencies, smtpPort: 0 })
      return mail
    },
  })
  const agent = await hub.createUser('agent', ['general'])
  agentToken = await hub.login(agent.email, agent.password)
  await eventually(
    async () => mail?.smtpPort(),
    (port) => port !== undefined,
  )
})
afterAll(async () => {
  await hub?.stop()
  await twilio?.close()
  await wechat?.close()
  await relay?.stop()
  delete process.env.CHANNELS_HOUSING_KEY
})

// ---------------------------------------------------------------------------------------------
// Work orders through the API, as the inbox and the department's system use it.

/** Files a case from the citizen's conversation, as an agent does from the inbox. */
async function fileCase(conversationId: string, title: string): Promise<WorkOrderDto> {
  const response = await hub.api('/api/work-orders', {
    method: 'POST',
    token: agentToken,
    json: { conversationId, type: 'complaint', category: '0301', title, description: title },
  })
  expect(response.status).toBe(201)
  return ((await response.json()) as { workOrder: WorkOrderDto }).workOrder
}

async function act(id: string, action: string, token: string, json: Record<string, unknown> = {}): Promise<WorkOrderDto> {
  const response = await hub.api(`/api/work-orders/${id}/actions/${action}`, { method: 'POST', token, json })
  const body = (await response.json()) as { workOrder: WorkOrderDto; error?: { code: string } }
  expect(response.status, JSON.stringify(body.error)).toBe(200)
  return body.workOrder
}

/** The hotline dispatches to the housing bureau, which signs and replies; the hotline approves and resolves. */
async function handleToResolution(id: string, answer: string): Promise<void> {
  await act(id, 'sign', HOUSING_KEY)
  await act(id, 'reply', HOUSING_KEY, { text: answer })
  await act(id, 'approve', agentToken)
  await act(id, 'resolve', agentToken)
}

/** The case once every effect of its transitions so far (notification, webhooks, timers) has run. */
function effectsDone(id: string): Promise<WorkOrderDoc | null> {
  return eventually(
    () => WorkOrder.findById(id).lean<WorkOrderDoc>(),
    (order) => order !== null && (order.effectsPending ?? []).length === 0,
  )
}

function statusBecomes(id: string, status: string): Promise<WorkOrderDoc | null> {
  return eventually(
    () => WorkOrder.findById(id).lean<WorkOrderDoc>(),
    (order) => order?.status === status,
  )
}

/** The citizen's conversation on a channel (waits for its first message). */
async function conversationOf(channel: string, externalId: string): Promise<ConversationDoc> {
  const found = await eventually(
    async () => {
      const identity = await ContactIdentityModel.findById(identityKey(channel, externalId)).lean()
      if (!identity) return null
      return Conversation.findOne({ contactId: identity.contactId, channel, lastSeq: { $gt: 0 } })
        .limit(1)
        .lean<ConversationDoc>()
    },
    (conversation) => conversation !== null,
  )
  return found as ConversationDoc
}

const messagesIn = (conversationId: string) => Message.find({ conversationId }).sort({ seq: 1 }).limit(200).lean<MessageDoc[]>()

// ---------------------------------------------------------------------------------------------
// SMS and IVR, as Twilio drives them.

const nextMobile = () => `+86139${String(10_000_000 + counter++).slice(-8)}`
const nextSid = (prefix: string) => `${prefix}${String(counter++).padStart(32, '0')}`

/** POSTs a webhook signed for its public URL, as Twilio does; returns the TwiML answer. */
async function twilioPost(publicUrl: string, params: Record<string, string>): Promise<{ status: number; twiml: string }> {
  const url = new URL(publicUrl)
  const response = await fetch(`${hub.url}${url.pathname}${url.search}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(AUTH_TOKEN, publicUrl, params) },
    body: formBody(params),
  })
  return { status: response.status, twiml: await response.text() }
}

async function citizenTexts(from: string, body: string): Promise<void> {
  const sid = nextSid('SM')
  const answer = await twilioPost(`${PUBLIC}/webhooks/twilio/sms/sms`, {
    AccountSid: ACCOUNT_SID,
    MessageSid: sid,
    SmsSid: sid,
    SmsMessageSid: sid,
    From: from,
    To: SMS_NUMBER,
    Body: body,
    NumMedia: '0',
    NumSegments: '1',
  })
  expect(answer.status).toBe(200)
}

/** Every SMS the hub had Twilio send to `to`, in order. */
const smsTo = (to: string) =>
  twilio
    .messagesSent()
    .filter((form) => form.get('To') === to)
    .map((form) => form.get('Body') ?? '')

/** The SMS to `to` that contains `text` (waits for it). */
async function citizenGetsSms(to: string, text: string): Promise<string> {
  const bodies = await eventually(
    async () => smsTo(to),
    (sent) => sent.some((body) => body.includes(text)),
  )
  return bodies.find((body) => body.includes(text)) ?? ''
}

const decode = (value: string) => value.replaceAll('&amp;', '&')
const gatherAction = (twiml: string) => decode(/<Gather[^>]*action="([^"]+)"/.exec(twiml)?.[1] ?? '')

/** A call through the IVR: Chinese, main menu key 3 (case status), then the case number's digits. Returns the last TwiML. */
async function callAndLookUp(from: string, digits: string): Promise<string> {
  const call = (extra: Record<string, string>) => ({
    AccountSid: ACCOUNT_SID,
    CallSid: callSid,
    From: from,
    To: HOTLINE_IVR.phoneNumber,
    CallStatus: 'in-progress',
    Direction: 'inbound',
    ...extra,
  })
  const callSid = nextSid('CA')
  const first = await twilioPost(`${PUBLIC}/webhooks/twilio/voice/voice`, call({ CallStatus: 'ringing' }))
  const menu = await twilioPost(gatherAction(first.twiml), call({ Digits: '1' }))
  expect(menu.twiml).toContain('查询工单进度请按3')
  const askNumber = await twilioPost(gatherAction(menu.twiml), call({ Digits: '3' }))
  expect(askNumber.twiml).toContain('请输入您的工单编号')
  const answer = await twilioPost(gatherAction(askNumber.twiml), call({ Digits: digits }))
  expect(answer.status).toBe(200)
  return answer.twiml
}

/** The sentences the TwiML says. */
const said = (twiml: string) => [...twiml.matchAll(/<Say[^>]*>([^<]*)<\/Say>/g)].map((match) => match[1] ?? '').join(' ')

const caseDigits = (number: string) => number.replace(/\D/g, '')

describe('SMS', () => {
  const citizen = nextMobile()
  let order: WorkOrderDto

  it('tells the citizen the case number by SMS when an agent files a case from the text conversation', async () => {
    await citizenTexts(citizen, '房东一直不退押金，已经两个月了')
    const conversation = await conversationOf('sms', citizen)
    order = await fileCase(conversation._id, '押金不退')
    expect(order).toMatchObject({ source: 'sms', conversationId: conversation._id })
    const told = await citizenGetsSms(citizen, order.number)
    expect(told).toContain('已受理')
    await act(order.id, 'dispatch', agentToken, { department: 'housing' })
    await citizenGetsSms(citizen, '已转交住建局办理')
  })

  it('answers "CX <number>" from the filing number with the details', async () => {
    await citizenTexts(citizen, `CX ${order.number}`)
    const status = await citizenGetsSms(citizen, '承办单位：住建局')
    expect(status).toContain(`工单 ${order.number}：已派发至承办单位`)
    expect(status).toContain('办理时限')
  })

  it('asks the follow-up by SMS once resolved, and records the citizen’s "1" as satisfied', async () => {
    await handleToResolution(order.id, '已约谈房东，押金已退还。')
    await citizenGetsSms(citizen, '已办结。办理结果：已约谈房东，押金已退还。')
    await citizenGetsSms(citizen, '1 满意')
    await statusBecomes(order.id, 'follow_up')
    await citizenTexts(citizen, '1')
    const rated = await statusBecomes(order.id, 'rated')
    expect(rated?.followUp).toMatchObject({ rating: 'satisfied', by: { type: 'citizen' } })
    await citizenGetsSms(citizen, '感谢您的评价')
  })

  it('sends nothing more to a number that texted STOP', async () => {
    const quitter = nextMobile()
    await citizenTexts(quitter, '楼下商铺占道经营')
    const conversation = await conversationOf('sms', quitter)
    const filed = await fileCase(conversation._id, '占道经营')
    await citizenGetsSms(quitter, filed.number)

    await citizenTexts(quitter, 'STOP')
    await eventually(
      async () => {
        const identity = await ContactIdentityModel.findById(identityKey('sms', quitter)).lean()
        const contact = await Contact.findById(identity?.contactId).lean()
        return contact?.identities.find((entry) => entry.channel === 'sms' && entry.externalId === quitter)?.optedOutAt
      },
      (optedOutAt) => Boolean(optedOutAt),
    )
    const sentBefore = smsTo(quitter).length
    const outboundBefore = (await messagesIn(conversation._id)).filter((message) => message.direction === 'outbound').length

    await act(filed.id, 'dispatch', agentToken, { department: 'housing' })
    await handleToResolution(filed.id, '已责令商铺整改。')
    await statusBecomes(filed.id, 'follow_up')
    // Every transition's effects have run (the notification step included): nothing was queued for the citizen.
    await effectsDone(filed.id)
    expect((await messagesIn(conversation._id)).filter((message) => message.direction === 'outbound')).toHaveLength(outboundBefore)
    expect(smsTo(quitter)).toHaveLength(sentBefore)
  })
})

describe('IVR', () => {
  let order: WorkOrderDto
  let caller = ''

  beforeAll(async () => {
    // A citizen texted the hotline and a case was filed from that conversation; the same phone now calls.
    caller = nextMobile()
    await citizenTexts(caller, '小区物业乱收费')
    const conversation = await conversationOf('sms', caller)
    order = await fileCase(conversation._id, '物业乱收费')
    await act(order.id, 'dispatch', agentToken, { department: 'housing' })
  })

  it('tells a caller whose number is the case’s phone its state and department', async () => {
    const text = said(await callAndLookUp(caller, caseDigits(order.number)))
    expect(text).toContain(`工单 ${order.number}：已派发至承办单位`)
    expect(text).toContain('承办单位：住建局')

    // A case an agent filed with the phone written the national way (a walk-in): the caller's +86 number is the same phone.
    const walkIn = nextMobile()
    const filed = await hub.api('/api/work-orders', {
      method: 'POST',
      token: agentToken,
      json: { type: 'complaint', category: '0301', title: '窗口登记', description: '窗口登记', citizen: { phone: walkIn.replace('+86', '') } },
    })
    const walkInOrder = ((await filed.json()) as { workOrder: WorkOrderDto }).workOrder
    await act(walkInOrder.id, 'dispatch', agentToken, { department: 'housing' })
    expect(said(await callAndLookUp(walkIn, caseDigits(walkInOrder.number)))).toContain('承办单位：住建局')
  })

  it('tells a caller who filed a case during a call its department, and tells them by SMS on that number', async () => {
    const voiceCaller = nextMobile()
    const callSid = nextSid('CA')
    const params = (extra: Record<string, string>) => ({
      AccountSid: ACCOUNT_SID,
      CallSid: callSid,
      From: voiceCaller,
      To: HOTLINE_IVR.phoneNumber,
      CallStatus: 'in-progress',
      Direction: 'inbound',
      ...extra,
    })
    // The citizen calls and is put through to an agent, who files the case from the call's conversation.
    const first = await twilioPost(`${PUBLIC}/webhooks/twilio/voice/voice`, params({ CallStatus: 'ringing' }))
    const menu = await twilioPost(gatherAction(first.twiml), params({ Digits: '1' }))
    expect((await twilioPost(gatherAction(menu.twiml), params({ Digits: '1' }))).twiml).toContain('<Enqueue')
    const conversation = await conversationOf('voice', voiceCaller)
    const filed = await fileCase(conversation._id, '电话投诉押金')
    await act(filed.id, 'dispatch', agentToken, { department: 'housing' })
    expect(said(await callAndLookUp(voiceCaller, caseDigits(filed.number)))).toContain('承办单位：住建局')
    // A call carries no text: nothing is queued on the call (it could only fail); the caller gets SMS instead.
    await effectsDone(filed.id)
    expect((await messagesIn(conversation._id)).filter((message) => message.direction === 'outbound')).toEqual([])
    await citizenGetsSms(voiceCaller, filed.number)
    await citizenGetsSms(voiceCaller, '住建局')
    // The number now belongs to the caller on SMS too: "CX <number>" from it gets the details.
    await citizenTexts(voiceCaller, `CX ${filed.number}`)
    await citizenGetsSms(voiceCaller, '承办单位：住建局')
  })

  it('tells another number only the state', async () => {
    const text = said(await callAndLookUp(nextMobile(), caseDigits(order.number)))
    expect(text).toContain(`工单 ${order.number}：已派发至承办单位`)
    expect(text).not.toContain('住建局')
    expect(text).not.toContain('办理时限')
  })

  it('says the not-found prompt for a number no case has', async () => {
    const text = said(await callAndLookUp(caller, '2099000001'))
    expect(text).toContain('对不起，没有查到这个工单编号。')
    expect(text).not.toContain('工单 2099')
  })
})

// ---------------------------------------------------------------------------------------------
// WeChat, as its servers push to the hub.

const nextOpenid = () => `oUpF8uMuAJO_WorkOrder_${String(counter++).padStart(4, '0')}`
const nowSeconds = () => Math.floor(Date.now() / 1000)

async function wechatPush(openid: string, fields: Record<string, string | number>): Promise<void> {
  const push = signedPush(account, 'wx', textXml({ ToUserName: account.originalId, FromUserName: openid, CreateTime: nowSeconds(), ...fields }), {
    mode: 'safe',
    openid,
  })
  const response = await fetch(`${hub.url}${push.path}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: push.body })
  expect(response.status).toBe(200)
}

const followerWrites = (openid: string, content: string) =>
  wechatPush(openid, { MsgType: 'text', Content: content, MsgId: String(7_300_000_000_000_000_000n + BigInt(counter++)) })

/** What the hub sent the follower through an API path, decoded. */
function wechatSends<T>(path: string, openid: string): T[] {
  return wechat
    .callsTo(path)
    .map((call) => JSON.parse(Buffer.from(call.body, 'latin1').toString('utf8')) as T & { touser: string })
    .filter((body) => body.touser === openid)
}

type CustomText = { touser: string; msgtype: string; text?: { content: string } }
type TemplateSend = { touser: string; template_id: string; data: Record<string, { value: string }> }

async function followerGets(openid: string, text: string): Promise<string> {
  const texts = await eventually(
    async () => wechatSends<CustomText>('/cgi-bin/message/custom/send', openid).map((body) => body.text?.content ?? ''),
    (found) => found.some((content) => content.includes(text)),
  )
  return texts.find((content) => content.includes(text)) ?? ''
}

describe('WeChat', () => {
  const openid = nextOpenid()
  let order: WorkOrderDto
  let conversationId = ''

  it('asks for the number after the "check my case" menu click, and answers it with the details', async () => {
    await followerWrites(openid, '房东不退押金')
    conversationId = (await conversationOf('wx', openid))._id
    order = await fileCase(conversationId, '押金不退（微信）')
    await followerGets(openid, order.number)
    await act(order.id, 'dispatch', agentToken, { department: 'housing' })
    await followerGets(openid, '已转交住建局办理')

    await wechatPush(openid, { MsgType: 'event', Event: 'CLICK', EventKey: 'MENU_CASE' })
    await followerGets(openid, '请发送工单编号查询办理进度')
    await followerWrites(openid, order.number)
    const status = await followerGets(openid, '承办单位：住建局')
    expect(status).toContain(`工单 ${order.number}：已派发至承办单位`)
  })

  it('notifies through the reply template when the follower last wrote more than 48 hours ago', async () => {
    // Every message so far is stored and sent, so nothing writes the conversation while it is aged below.
    await eventually(
      () => messagesIn(conversationId),
      (messages) => messages.filter((message) => message.direction === 'outbound').every((message) => message.status === 'sent'),
    )
    await effectsDone(order.id)
    // startTestHub takes no clock, so the follower's last message is moved 49 hours into the past instead.
    const longAgo = new Date(Date.now() - 49 * 3_600_000)
    await Conversation.updateOne({ _id: conversationId }, { $set: { lastInboundAt: longAgo } })
    expect((await Conversation.findById(conversationId).lean<ConversationDoc>())?.lastInboundAt?.getTime()).toBe(longAgo.getTime())
    const customBefore = wechatSends<CustomText>('/cgi-bin/message/custom/send', openid).length

    await handleToResolution(order.id, '押金已退还。')
    const templates = await eventually(
      async () => wechatSends<TemplateSend>('/cgi-bin/message/template/send', openid),
      (found) => found.some((body) => body.data.thing3?.value.includes('已办结') === true),
    )
    const resolved = templates.find((body) => body.data.thing3?.value.includes('已办结'))
    expect(resolved).toMatchObject({ template_id: 'TPL_REPLY_0001', data: { thing1: { value: '12345热线通知' } } })
    expect(resolved?.data.thing3?.value).toContain(order.number)
    expect(resolved?.data.time4?.value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    await statusBecomes(order.id, 'follow_up')
    await effectsDone(order.id)
    // Outside the window nothing went as a customer-service message (WeChat would refuse it).
    expect(wechatSends<CustomText>('/cgi-bin/message/custom/send', openid)).toHaveLength(customBefore)
  })
})

// ---------------------------------------------------------------------------------------------
// Email over real SMTP sessions.

async function citizenMails(message: SendMailOptions): Promise<void> {
  const port = mail?.smtpPort()
  if (!port) throw new Error('the email listener is not running')
  const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true })
  try {
    await transport.sendMail(message)
  } finally {
    transport.close()
  }
}

async function relayedTo(address: string, text: string): Promise<CapturedMail> {
  const mails = await eventually(
    async () => relay.mails.filter((captured) => captured.envelope.rcptTo.includes(address)),
    (found) => found.some((captured) => (captured.parsed.text ?? '').includes(text)),
  )
  return mails.find((captured) => (captured.parsed.text ?? '').includes(text)) as CapturedMail
}

describe('email', () => {
  const citizen = 'wang.fang@example.cn'

  it('mails the case number to the citizen when a case is filed from their mail, and answers a status request', async () => {
    await citizenMails({
      from: `"王芳" <${citizen}>`,
      to: MAILBOX,
      subject: '押金纠纷',
      text: '您好，我租住的房屋到期后房东拒不退还押金。',
      messageId: '<deposit.0001@example.cn>',
    })
    const conversation = await conversationOf('mail', citizen)
    const order = await fileCase(conversation._id, '押金纠纷（邮件）')
    const told = await relayedTo(citizen, order.number)
    expect(told.parsed.text).toContain('已受理')
    expect(told.envelope.mailFrom).toBe(MAILBOX)
    // The notification threads under the citizen's mail.
    expect(told.parsed.inReplyTo).toBe('<deposit.0001@example.cn>')

    await citizenMails({ from: citizen, to: MAILBOX, subject: '查询进度', text: `查询 ${order.number}`, messageId: '<status.0001@example.cn>' })
    const status = await relayedTo(citizen, `工单 ${order.number}：已受理`)
    expect(status.parsed.text).toContain('办理时限')
  })
})
