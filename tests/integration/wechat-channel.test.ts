/**
 * The WeChat Official Account channel end to end: pushes signed (and in safe mode encrypted)
 * exactly as WeChat's servers do, the real hub on FerretDB + Redis, and a local fake of
 * api.weixin.qq.com that records every call the hub makes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Contact, ContactIdentityModel, identityKey } from '../../server/models/contact.js'
import { Conversation } from '../../server/models/conversation.js'
import { Message, type MessageDoc } from '../../server/models/message.js'
import type { MessageDto } from '../../server/presenters/dto.js'
import { eventually } from '../support/eventually.js'
import { FAKE_APP_SECRET, type FakeWechatApi, startFakeWechatApi } from '../support/fake-wechat-api.js'
import { startTestHub, type TestHub, testConfig } from '../support/test-hub.js'
import { decryptFromWechat, signedPush, textXml, urlCheck, type WechatAccount } from '../support/wechat-push.js'

const account: WechatAccount = {
  appId: 'wx5823bf96d3bd56c7',
  token: 'QDG6eK',
  encodingAESKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  originalId: 'gh_3f8a1c2b9d0e',
}

let hub: TestHub
let wechat: FakeWechatApi
let agentToken: string
let counter = 0

beforeAll(async () => {
  wechat = await startFakeWechatApi(account.appId)
  process.env.WECHAT_APP_SECRET = FAKE_APP_SECRET
  const common = { type: 'wechat' as const, appId: account.appId, token: account.token, apiBaseUrl: wechat.baseUrl, queue: 'general' }
  hub = await startTestHub({
    config: {
      ...testConfig,
      channels: [
        ...testConfig.channels,
        {
          ...common,
          id: 'wx',
          name: 'City WeChat (safe mode)',
          mode: 'safe',
          encodingAESKey: account.encodingAESKey,
          welcomeReply: { 'zh-CN': '欢迎关注12345市民热线！', en: 'Welcome to the 12345 hotline.' },
          menuIntents: { MENU_AGENT: 'talk_to_agent', MENU_CASE: 'check_work_order' },
          replyTemplate: { templateId: 'TPL_REPLY_0001', textField: 'thing3', timeField: 'time4', fixed: { thing1: '12345热线回复' } },
        },
        { ...common, id: 'wx-plain', name: 'City WeChat (plaintext)', mode: 'plaintext' },
      ],
    },
  })
  const agent = await hub.createUser('agent', ['general'])
  agentToken = await hub.login(agent.email, agent.password)
})
afterAll(async () => {
  await hub?.stop()
  await wechat?.close()
})

const nextOpenid = () => `oUpF8uMuAJO_M2pxb1Q9zNjWeS${String(counter++).padStart(2, '0')}`
const now = () => Math.floor(Date.now() / 1000)

function post(path: string, body: string): Promise<Response> {
  return fetch(`${hub.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body })
}

function textMessage(openid: string, content: string, msgId: string, createTime = now()): string {
  return textXml({ ToUserName: account.originalId, FromUserName: openid, CreateTime: createTime, MsgType: 'text', Content: content, MsgId: msgId })
}

async function inboundJobsIdle(): Promise<void> {
  await eventually(
    async () => (await hub.hub.context.queues.inbound.getJobCounts('waiting', 'active', 'delayed')) as Record<string, number>,
    (counts) => (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0) === 0,
  )
}

async function messagesOf(channel: string, openid: string): Promise<MessageDoc[]> {
  const identity = await ContactIdentityModel.findById(identityKey(channel, openid)).lean()
  if (!identity) return []
  const conversation = await Conversation.findOne({ contactId: identity.contactId, channel }).limit(1).lean()
  if (!conversation) return []
  return Message.find({ conversationId: conversation._id }).sort({ seq: 1 }).limit(100).lean<MessageDoc[]>()
}

async function reply(conversationId: string, body: string): Promise<MessageDto> {
  const response = await hub.api(`/api/conversations/${conversationId}/messages`, {
    method: 'POST',
    token: agentToken,
    json: { clientId: `wx-reply-${counter++}-${Date.now()}`, body },
  })
  expect(response.status).toBe(201)
  return ((await response.json()) as { message: MessageDto }).message
}

async function settledStatus(messageId: string): Promise<MessageDoc | null> {
  return eventually(
    () => Message.findById(messageId).lean<MessageDoc>(),
    (message) => message !== null && message.status !== 'queued',
  )
}

describe('WeChat server callbacks', () => {
  it('answers the console URL check with echostr, and refuses a bad signature with 403', async () => {
    const ok = await fetch(`${hub.url}${urlCheck(account, 'wx', '5837397749112233')}`)
    expect(ok.status).toBe(200)
    expect(await ok.text()).toBe('5837397749112233')
    const forged = urlCheck({ ...account, token: 'wrongToken' }, 'wx', '1')
    expect((await fetch(`${hub.url}${forged}`)).status).toBe(403)
  })

  it('stores an encrypted text push once, however often WeChat retries it, and answers "success"', async () => {
    const openid = nextOpenid()
    const msgId = '23949371583124598765' // beyond 2^64/2: must stay a string
    const xml = textMessage(openid, '小区门口的井盖丢了，很危险', msgId)
    for (let attempt = 0; attempt < 3; attempt++) {
      // WeChat retries with a new nonce and timestamp but the same MsgId.
      const push = signedPush(account, 'wx', xml, { mode: 'safe', openid })
      const response = await post(push.path, push.body)
      expect(response.status).toBe(200)
      expect(await response.text()).toBe('success')
    }
    await inboundJobsIdle()
    const messages = await messagesOf('wx', openid)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({ externalId: msgId, body: '小区门口的井盖丢了，很危险', direction: 'inbound', type: 'text', seq: 1 })
  })

  it('accepts plaintext pushes on a plaintext channel', async () => {
    const openid = nextOpenid()
    const push = signedPush(account, 'wx-plain', textMessage(openid, 'plaintext hello', '6054768590064713728'), { mode: 'plaintext', openid })
    expect((await post(push.path, push.body)).status).toBe(200)
    await inboundJobsIdle()
    expect((await messagesOf('wx-plain', openid)).map((message) => message.body)).toEqual(['plaintext hello'])
  })

  it('refuses bad signatures (403), malformed XML (400) and oversized bodies (413), enqueuing nothing', async () => {
    const counts = async () =>
      Object.values(await hub.hub.context.queues.inbound.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed')).reduce((a, b) => a + b, 0)
    const before = await counts()
    const openid = nextOpenid()
    const xml = textMessage(openid, 'forged', '1000000000000000001')
    const forged = signedPush({ ...account, token: 'notTheToken' }, 'wx', xml, { mode: 'safe', openid })
    expect((await post(forged.path, forged.body)).status).toBe(403)
    const tampered = signedPush(account, 'wx', xml, { mode: 'safe', openid })
    // Change the first ciphertext character to a different one (replacing it with a fixed letter would leave it unchanged 1 time in 64).
    const flipped = tampered.body.replace(/Encrypt><!\[CDATA\[(.)/, (_match, first: string) => `Encrypt><![CDATA[${first === 'A' ? 'B' : 'A'}`)
    expect(flipped).not.toBe(tampered.body)
    expect((await post(tampered.path, flipped)).status).toBe(403)
    const malformed = signedPush(account, 'wx-plain', '<xml><ToUserName>unclosed', { mode: 'plaintext' })
    expect((await post(malformed.path, malformed.body)).status).toBe(400)
    const huge = signedPush(account, 'wx-plain', textMessage(openid, 'x'.repeat(200_000), '1000000000000000002'), { mode: 'plaintext' })
    expect((await post(huge.path, huge.body)).status).toBe(413)
    const wrongType = signedPush(account, 'web', xml, { mode: 'plaintext' })
    expect((await post(wrongType.path, wrongType.body)).status).toBe(404)
    expect(await counts()).toBe(before)
    expect(await messagesOf('wx', openid)).toHaveLength(0)
  })
})

describe('WeChat events', () => {
  it('welcomes a new follower with an encrypted passive reply and keeps the QR scene on the contact', async () => {
    const openid = nextOpenid()
    const xml = textXml({
      ToUserName: account.originalId,
      FromUserName: openid,
      CreateTime: now(),
      MsgType: 'event',
      Event: 'subscribe',
      EventKey: 'qrscene_street-light-0412',
      Ticket: 'TICKET',
    })
    const push = signedPush(account, 'wx', xml, { mode: 'safe', openid })
    const response = await post(push.path, push.body)
    expect(response.status).toBe(200)
    const body = await response.text()
    const encrypted = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(body)?.[1]
    if (!encrypted) throw new Error(`no encrypted reply in ${body}`)
    const replyXml = decryptFromWechat(account, encrypted)
    expect(replyXml).toContain(`<ToUserName><![CDATA[${openid}]]></ToUserName>`)
    expect(replyXml).toContain('欢迎关注12345市民热线！')

    await inboundJobsIdle()
    const identity = await ContactIdentityModel.findById(identityKey('wx', openid)).lean()
    const contact = await Contact.findById(identity?.contactId).lean()
    expect(contact?.attributes).toEqual({ wx_qr_scene: 'street-light-0412' })
    expect(contact?.name).not.toContain(openid)
  })

  it('turns a menu click into an event in the conversation, once per click even when retried', async () => {
    const openid = nextOpenid()
    const xml = textXml({ ToUserName: account.originalId, FromUserName: openid, CreateTime: now(), MsgType: 'event', Event: 'CLICK', EventKey: 'MENU_AGENT' })
    for (let attempt = 0; attempt < 2; attempt++) {
      const push = signedPush(account, 'wx', xml, { mode: 'safe', openid })
      expect((await post(push.path, push.body)).status).toBe(200)
    }
    await inboundJobsIdle()
    const messages = await messagesOf('wx', openid)
    expect(messages.map((message) => [message.type, message.body])).toEqual([['event', '[menu] talk_to_agent']])
    // Updated right after the message is stored: wait until it has caught up with the last message.
    const lastSeq = Math.max(...messages.map((message) => message.seq))
    const conversation = await eventually(
      () => Conversation.findById(messages[0]?.conversationId).lean(),
      (found) => (found?.lastSeq ?? 0) >= lastSeq,
    )
    expect(conversation?.status).toBe('open')
    expect(conversation?.waitingSince).toBeTruthy()
  })
})

describe('WeChat media', () => {
  // A 1×1 PNG and one second of AMR-NB (mode 12.2 frames), as WeChat's media API serves them.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==', 'base64')
  const amr = Buffer.concat([Buffer.from('#!AMR\n'), ...Array.from({ length: 50 }, () => Buffer.concat([Buffer.from([0x3c]), Buffer.alloc(31)]))])

  it('downloads an inbound image through the media API into the hub, served only to staff who may see it', async () => {
    const openid = nextOpenid()
    wechat.media.set('MEDIA_IMG_1', { contentType: 'image/png', fileName: 'photo.png', bytes: png })
    const xml = textXml({
      ToUserName: account.originalId,
      FromUserName: openid,
      CreateTime: now(),
      MsgType: 'image',
      PicUrl: 'http://mmbiz.qpic.cn/hotlink-never',
      MediaId: 'MEDIA_IMG_1',
      MsgId: '7100000000000000001',
    })
    const push = signedPush(account, 'wx', xml, { mode: 'safe', openid })
    await post(push.path, push.body)
    const [stored] = await eventually(
      () => messagesOf('wx', openid),
      (messages) => messages[0]?.attachments[0]?.url.startsWith('/api/media/') === true,
    )
    const attachment = stored?.attachments[0]
    expect(attachment).toMatchObject({ mimeType: 'image/png', size: png.length })
    expect(JSON.stringify(stored)).not.toContain('mmbiz.qpic.cn')

    const download = await hub.api(attachment?.url ?? '', { token: agentToken })
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('image/png')
    expect(download.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true)

    const housing = await hub.createUser('agent', ['housing'])
    expect((await hub.api(attachment?.url ?? '', { token: await hub.login(housing.email, housing.password) })).status).toBe(404)
    expect((await hub.api(attachment?.url ?? '')).status).toBe(401)
  })

  it('turns a voice message (AMR) into playable MP3 and keeps WeChat’s speech recognition as text', async () => {
    const openid = nextOpenid()
    wechat.media.set('MEDIA_VOICE_1', { contentType: 'audio/amr', fileName: 'voice.amr', bytes: amr })
    const xml = textXml({
      ToUserName: account.originalId,
      FromUserName: openid,
      CreateTime: now(),
      MsgType: 'voice',
      MediaId: 'MEDIA_VOICE_1',
      Format: 'amr',
      Recognition: '我要投诉噪音扰民',
      MsgId: '7100000000000000002',
    })
    const push = signedPush(account, 'wx', xml, { mode: 'safe', openid })
    await post(push.path, push.body)
    const [stored] = await eventually(
      () => messagesOf('wx', openid),
      (messages) => messages[0]?.attachments[0]?.url.startsWith('/api/media/') === true,
    )
    expect(stored?.type).toBe('audio')
    expect(stored?.body).toContain('我要投诉噪音扰民')
    expect(stored?.attachments[0]).toMatchObject({ mimeType: 'audio/mpeg', name: 'voice.mp3' })
    const download = await hub.api(stored?.attachments[0]?.url ?? '', { token: agentToken })
    const bytes = Buffer.from(await download.arrayBuffer())
    // An MP3 stream starts with an ID3 tag or a frame sync.
    expect(bytes.subarray(0, 3).toString('latin1') === 'ID3' || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)).toBe(true)
  })
})

describe('replies to WeChat citizens', () => {
  it('sends an agent reply through the customer-service API with one shared access_token', async () => {
    const openid = nextOpenid()
    const push = signedPush(account, 'wx', textMessage(openid, '请问社保卡怎么补办？', '7000000000000000001'), { mode: 'safe', openid })
    await post(push.path, push.body)
    await inboundJobsIdle()
    const conversationId = (await messagesOf('wx', openid))[0]?.conversationId ?? ''
    const tokensBefore = wechat.tokens.length

    const first = await reply(conversationId, '请携带身份证到就近的社保服务网点办理。')
    const second = await reply(conversationId, 'Bring your ID card to any social security office.')
    expect((await settledStatus(first.id))?.status).toBe('sent')
    expect((await settledStatus(second.id))?.status).toBe('sent')

    const sends = wechat.callsTo('/cgi-bin/message/custom/send').filter((call) => call.body.includes(openid))
    expect(sends.map((call) => JSON.parse(Buffer.from(call.body, 'latin1').toString('utf8')))).toEqual([
      { touser: openid, msgtype: 'text', text: { content: '请携带身份证到就近的社保服务网点办理。' } },
      { touser: openid, msgtype: 'text', text: { content: 'Bring your ID card to any social security office.' } },
    ])
    // At most one token fetch for both sends (none when an earlier test already cached one).
    expect(wechat.tokens.length - tokensBefore).toBeLessThanOrEqual(1)
    expect(new Set(sends.map((call) => call.query.access_token)).size).toBe(1)
  })

  it('refreshes the token once when WeChat says it is no longer valid (40001), and the reply still goes out', async () => {
    const openid = nextOpenid()
    const push = signedPush(account, 'wx', textMessage(openid, 'token test', '7000000000000000002'), { mode: 'safe', openid })
    await post(push.path, push.body)
    await inboundJobsIdle()
    const conversationId = (await messagesOf('wx', openid))[0]?.conversationId ?? ''
    await settledStatus((await reply(conversationId, 'warm-up')).id)
    const current = wechat.tokens.at(-1) ?? ''
    wechat.revokeToken(current)
    const tokensBefore = wechat.tokens.length
    const sent = await settledStatus((await reply(conversationId, 'after revocation')).id)
    expect(sent?.status).toBe('sent')
    expect(wechat.tokens.length).toBe(tokensBefore + 1)
  })

  it('marks a reply outside the 48-hour window failed with WeChat’s reason instead of losing it', async () => {
    const openid = nextOpenid()
    const push = signedPush(account, 'wx', textMessage(openid, 'old question', '7000000000000000003'), { mode: 'safe', openid })
    await post(push.path, push.body)
    await inboundJobsIdle()
    const conversationId = (await messagesOf('wx', openid))[0]?.conversationId ?? ''
    wechat.outsideWindow.add(openid)
    const failed = await settledStatus((await reply(conversationId, 'A late answer')).id)
    expect(failed).toMatchObject({ status: 'failed', statusReason: 'reply_window_expired' })
    const shown = (await (await hub.api(`/api/conversations/${conversationId}/messages?after=0`, { token: agentToken })).json()) as { messages: MessageDto[] }
    expect(shown.messages.at(-1)).toMatchObject({ body: 'A late answer', status: 'failed', statusReason: 'reply_window_expired' })
  })

  it('re-sends a reply that missed the window as the reply template, and records WeChat’s delivery report', async () => {
    const openid = nextOpenid()
    const push = signedPush(account, 'wx', textMessage(openid, 'Any news on my request?', '7000000000000000005'), { mode: 'safe', openid })
    await post(push.path, push.body)
    await inboundJobsIdle()
    const conversationId = (await messagesOf('wx', openid))[0]?.conversationId ?? ''
    wechat.outsideWindow.add(openid)
    const failed = await reply(conversationId, '您反映的问题已转交城管部门处理。')
    expect((await settledStatus(failed.id))?.status).toBe('failed')

    const resend = () => hub.api(`/api/conversations/${conversationId}/messages/${failed.id}/resend-as-template`, { method: 'POST', token: agentToken })
    const first = await resend()
    expect(first.status).toBe(201)
    expect((await resend()).status).toBe(200) // a double click sends nothing more
    const templated = ((await first.json()) as { message: MessageDto }).message
    const sent = await settledStatus(templated.id)
    expect(sent?.status).toBe('sent')
    const calls = wechat.callsTo('/cgi-bin/message/template/send').filter((call) => call.body.includes(openid))
    expect(calls).toHaveLength(1)
    const body = JSON.parse(Buffer.from(calls[0]?.body ?? '', 'latin1').toString('utf8')) as {
      touser: string
      template_id: string
      data: Record<string, { value: string }>
    }
    expect(body.touser).toBe(openid)
    expect(body.template_id).toBe('TPL_REPLY_0001')
    expect(body.data.thing1?.value).toBe('12345热线回复')
    expect(body.data.thing3?.value).toBe('您反映的问题已转交城管部门处理。')
    expect(body.data.time4?.value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    const msgId = sent?.externalId ?? ''
    expect(msgId).toMatch(/^\d{16,}$/) // WeChat's 64-bit msgid, kept exactly as a string

    const finished = signedPush(
      account,
      'wx',
      textXml({
        ToUserName: account.originalId,
        FromUserName: openid,
        CreateTime: now(),
        MsgType: 'event',
        Event: 'TEMPLATESENDJOBFINISH',
        MsgID: msgId,
        Status: 'success',
      }),
      { mode: 'safe', openid },
    )
    expect((await post(finished.path, finished.body)).status).toBe(200)
    const delivered = await eventually(
      () => Message.findById(templated.id).lean<MessageDoc>(),
      (message) => message?.status === 'delivered',
    )
    expect(delivered?.status).toBe('delivered')
  })

  it('lets supervisors, not agents, send an approved template directly', async () => {
    const openid = nextOpenid()
    const push = signedPush(account, 'wx', textMessage(openid, 'template please', '7000000000000000006'), { mode: 'safe', openid })
    await post(push.path, push.body)
    await inboundJobsIdle()
    const conversationId = (await messagesOf('wx', openid))[0]?.conversationId ?? ''
    const request = {
      clientId: 'tpl-direct-0001',
      templateId: 'TPL_CASE_STATUS',
      data: { character_string1: '2026-000123', phrase2: '已办结' },
      text: '您的工单 2026-000123 已办结。',
    }
    expect((await hub.api(`/api/conversations/${conversationId}/template-messages`, { method: 'POST', token: agentToken, json: request })).status).toBe(403)
    const supervisor = await hub.createUser('supervisor', ['general'])
    const supervisorToken = await hub.login(supervisor.email, supervisor.password)
    const response = await hub.api(`/api/conversations/${conversationId}/template-messages`, { method: 'POST', token: supervisorToken, json: request })
    expect(response.status).toBe(201)
    const message = ((await response.json()) as { message: MessageDto }).message
    expect(message.body).toBe('您的工单 2026-000123 已办结。')
    expect((await settledStatus(message.id))?.status).toBe('sent')
  })

  it('sends an image the agent uploaded: uploaded to WeChat as temporary media, then sent by media_id', async () => {
    const openid = nextOpenid()
    const push = signedPush(account, 'wx', textMessage(openid, 'Where is the office?', '7000000000000000007'), { mode: 'safe', openid })
    await post(push.path, push.body)
    await inboundJobsIdle()
    const conversationId = (await messagesOf('wx', openid))[0]?.conversationId ?? ''
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==', 'base64')

    const refused = await hub.api(`/api/conversations/${conversationId}/attachments?name=map.exe`, {
      method: 'POST',
      token: agentToken,
      headers: { 'content-type': 'application/x-msdownload' },
      body: png,
    })
    expect(refused.status).toBe(415)
    const upload = await hub.api(`/api/conversations/${conversationId}/attachments?name=map.png`, {
      method: 'POST',
      token: agentToken,
      headers: { 'content-type': 'image/png' },
      body: png,
    })
    expect(upload.status).toBe(201)
    const { attachment } = (await upload.json()) as { attachment: { url: string } }

    const response = await hub.api(`/api/conversations/${conversationId}/messages`, {
      method: 'POST',
      token: agentToken,
      json: { clientId: 'wx-image-reply-01', attachments: [{ url: attachment.url }] },
    })
    expect(response.status).toBe(201)
    const message = ((await response.json()) as { message: MessageDto }).message
    expect(message.type).toBe('image')
    expect((await settledStatus(message.id))?.status).toBe('sent')
    const uploads = wechat.callsTo('/cgi-bin/media/upload')
    expect(uploads.at(-1)?.query.type).toBe('image')
    expect(uploads.at(-1)?.body).toContain('map.png')
    const send = wechat.callsTo('/cgi-bin/message/custom/send').find((call) => call.body.includes(openid))
    expect(JSON.parse(send?.body ?? '{}')).toMatchObject({ touser: openid, msgtype: 'image', image: { media_id: expect.stringMatching(/^MEDIA_/) } })

    // A file from another conversation cannot be smuggled into this one.
    const other = await hub.api(`/api/conversations/${conversationId}/messages`, {
      method: 'POST',
      token: agentToken,
      json: { clientId: 'wx-image-reply-02', attachments: [{ url: '/api/media/med_notthisconversation' }] },
    })
    expect(other.status).toBe(400)
  })

  it('sends nothing to a citizen who unfollowed: the reply fails with recipient_opted_out', async () => {
    const openid = nextOpenid()
    const push = signedPush(account, 'wx', textMessage(openid, 'bye soon', '7000000000000000004'), { mode: 'safe', openid })
    await post(push.path, push.body)
    const unfollow = signedPush(
      account,
      'wx',
      textXml({ ToUserName: account.originalId, FromUserName: openid, CreateTime: now(), MsgType: 'event', Event: 'unsubscribe' }),
      {
        mode: 'safe',
        openid,
      },
    )
    await post(unfollow.path, unfollow.body)
    await inboundJobsIdle()
    const conversationId = (await messagesOf('wx', openid))[0]?.conversationId ?? ''
    const failed = await settledStatus((await reply(conversationId, 'Are you still there?')).id)
    expect(failed).toMatchObject({ status: 'failed', statusReason: 'recipient_opted_out' })
    expect(wechat.callsTo('/cgi-bin/message/custom/send').some((call) => call.body.includes(openid))).toBe(false)
  })
})
