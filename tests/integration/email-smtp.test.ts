/**
 * Email through the real hub over real SMTP sessions on loopback: citizens' mail is sent by
 * nodemailer to the hub's listener (smtp-server); the hub's replies leave through nodemailer to
 * a capturing SMTP server. Threading, loop guards, bounces and refusals are checked end to end
 * against the real FerretDB and Redis.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { createTransport, type SendMailOptions } from 'nodemailer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmailConnectorWith, type EmailConnector } from '../../connectors/email/index.js'
import { ContactIdentityModel, identityKey } from '../../server/models/contact.js'
import { Conversation, type ConversationDoc } from '../../server/models/conversation.js'
import { Message, type MessageDoc } from '../../server/models/message.js'
import type { MessageDto } from '../../server/presenters/dto.js'
import { type CapturedMail, type CaptureSmtp, startCaptureSmtp } from '../support/capture-smtp.js'
import { eventually } from '../support/eventually.js'
import { startTestHub, type TestHub, testConfig } from '../support/test-hub.js'

const HOTLINE = '12345@hotline.gov.cn'
const FIXTURES = path.resolve('connectors/email/__fixtures__')
const MAX_BYTES = 256 * 1024

let hub: TestHub
let relay: CaptureSmtp
let connector: EmailConnector | undefined
let agentToken: string

/** What a citizen's mail client does: one SMTP session to the hub's listener. */
async function citizenSends(mail: SendMailOptions): Promise<{ response: string; messageId: string }> {
  const port = connector?.smtpPort()
  if (!port) throw new Error('the email listener is not running')
  const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true })
  try {
    const info = await transport.sendMail(mail)
    return { response: info.response, messageId: info.messageId }
  } finally {
    transport.close()
  }
}

/** The SMTP error a refused mail got (its code and text), or undefined when it was accepted. */
async function refusal(mail: SendMailOptions): Promise<{ responseCode?: number; response?: string } | undefined> {
  try {
    await citizenSends(mail)
    return undefined
  } catch (error) {
    return error as { responseCode?: number; response?: string }
  }
}

/** Every conversation of the citizen on the mail channel, empty ones included (to count them). */
async function allConversationsOf(address: string): Promise<ConversationDoc[]> {
  const identity = await ContactIdentityModel.findById(identityKey('mail', address)).lean()
  if (!identity) return []
  return Conversation.find({ contactId: identity.contactId, channel: 'mail' }).sort({ createdAt: 1 }).limit(50).lean<ConversationDoc[]>()
}

/** The citizen's conversations that hold a message (a conversation is created just before its first message is stored). */
async function conversationsOf(address: string): Promise<ConversationDoc[]> {
  return (await allConversationsOf(address)).filter((conversation) => conversation.lastSeq > 0)
}

/** The citizen's and agents' messages (timeline events such as a status change left out). */
async function messagesOf(conversationId: string): Promise<MessageDoc[]> {
  const messages = await Message.find({ conversationId }).sort({ seq: 1 }).limit(100).lean<MessageDoc[]>()
  return messages.filter((message) => message.type !== 'event')
}

async function agentReplies(conversationId: string, body: string, clientId: string): Promise<MessageDto> {
  const response = await hub.api(`/api/conversations/${conversationId}/messages`, { method: 'POST', token: agentToken, json: { clientId, body } })
  expect(response.status).toBe(201)
  return ((await response.json()) as { message: MessageDto }).message
}

/** The next mail the relay captures for `to`. */
async function relayed(to: string, count: number): Promise<CapturedMail> {
  const mails = await eventually(
    async () => relay.mails.filter((mail) => mail.envelope.rcptTo.includes(to)),
    (found) => found.length >= count,
  )
  return mails[count - 1] as CapturedMail
}

beforeAll(async () => {
  relay = await startCaptureSmtp()
  hub = await startTestHub({
    config: {
      ...testConfig,
      channels: [
        ...testConfig.channels,
        {
          id: 'mail',
          type: 'email',
          name: 'Hotline mailbox',
          queue: 'general',
          addresses: [HOTLINE],
          displayName: '12345 热线',
          inbound: { smtp: { host: '127.0.0.1' } },
          outbound: { host: '127.0.0.1', port: relay.port, pool: false },
          maxMessageBytes: MAX_BYTES,
        },
      ],
    },
    createConnector: (channel, dependencies) => {
      if (channel.type !== 'email') return undefined
      connector = createEmailConnectorWith({ channelId: channel.id, config: channel, dependencies, smtpPort: 0 })
      return connector
    },
  })
  const agent = await hub.createUser('agent', ['general'])
  agentToken = await hub.login(agent.email, agent.password)
  await eventually(
    async () => connector?.smtpPort(),
    (port) => port !== undefined,
  )
})
afterAll(async () => {
  await hub?.stop()
  await relay?.stop()
})

describe('email over SMTP', () => {
  it('threads a whole exchange: mail, reply in the citizen’s client, answer, answer again, after resolve', async () => {
    const citizen = 'li.wei@example.cn'
    const first = await citizenSends({
      from: `"李伟" <${citizen}>`,
      to: HOTLINE,
      subject: '小区路灯不亮',
      text: '您好，幸福小区3号楼前的路灯已经坏了一周。',
      messageId: '<first.0001@example.cn>',
    })
    expect(first.response).toMatch(/^250/)
    const [conversation] = await eventually(
      () => conversationsOf(citizen),
      (found) => found.length === 1,
    )
    if (!conversation) throw new Error('no conversation')
    expect(conversation.contactName).toBe('李伟')
    const [inbound] = await messagesOf(conversation._id)
    expect(inbound).toMatchObject({ direction: 'inbound', body: '您好，幸福小区3号楼前的路灯已经坏了一周。', externalId: '<first.0001@example.cn>' })
    expect(inbound?.metadata?.subject).toBe('小区路灯不亮')
    // Agents see the subject (and the sanitized HTML, when there is one) through the API.
    const listed = await hub.api(`/api/conversations/${conversation._id}/messages`, { token: agentToken })
    const [shown] = ((await listed.json()) as { messages: MessageDto[] }).messages
    expect(shown?.mail).toEqual({ subject: '小区路灯不亮' })

    // The agent's reply threads under the citizen's mail.
    const reply = await agentReplies(conversation._id, '收到，已转路灯管理所处理。', 'mail-reply-1')
    const sent = await relayed(citizen, 1)
    expect(sent.envelope.mailFrom).toBe(HOTLINE)
    expect(sent.parsed.from?.value[0]).toMatchObject({ address: HOTLINE, name: '12345 热线' })
    expect(sent.parsed.subject).toBe(`Re: 小区路灯不亮 [#${conversation._id}]`)
    expect(sent.parsed.inReplyTo).toBe('<first.0001@example.cn>')
    expect(sent.parsed.references).toBe('<first.0001@example.cn>')
    expect(sent.parsed.text?.trim()).toBe('收到，已转路灯管理所处理。')
    expect(sent.parsed.html).toContain('收到，已转路灯管理所处理。')
    const replyMessageId = sent.parsed.messageId as string
    expect(replyMessageId).toMatch(/@hotline\.gov\.cn>$/)
    await eventually(
      () => Message.findById(reply.id).lean<MessageDoc>(),
      (message) => message?.status === 'sent' && message.externalId === replyMessageId,
    )

    // The citizen answers the agent's mail: In-Reply-To the agent's id, References as a list.
    await citizenSends({
      from: citizen,
      to: HOTLINE,
      subject: `Re: 小区路灯不亮 [#${conversation._id}]`,
      text: `谢谢！大概什么时候能修好？\n\n在 2026年6月1日，12345 热线 写道：\n> 收到，已转路灯管理所处理。`,
      messageId: '<second.0002@example.cn>',
      inReplyTo: replyMessageId,
      references: ['<first.0001@example.cn>', replyMessageId],
    })
    const afterSecond = await eventually(
      () => messagesOf(conversation._id),
      (messages) => messages.length === 3,
    )
    // The quoted history is not repeated in the conversation.
    expect(afterSecond[2]).toMatchObject({ direction: 'inbound', body: '谢谢！大概什么时候能修好？' })
    expect(await allConversationsOf(citizen)).toHaveLength(1)

    // The second reply continues the chain: References = the parent's References + the parent.
    await agentReplies(conversation._id, '预计三个工作日内。', 'mail-reply-2')
    const secondReply = await relayed(citizen, 2)
    expect(secondReply.parsed.inReplyTo).toBe('<second.0002@example.cn>')
    expect(secondReply.parsed.references).toEqual(['<first.0001@example.cn>', replyMessageId, '<second.0002@example.cn>'])
    expect(secondReply.parsed.subject).toBe(`Re: 小区路灯不亮 [#${conversation._id}]`)

    // The agent resolves; the citizen's next answer (References as one string, no In-Reply-To) reopens it.
    const resolved = await hub.api(`/api/conversations/${conversation._id}/status`, { method: 'POST', token: agentToken, json: { status: 'resolved' } })
    expect(resolved.status).toBe(200)
    await citizenSends({
      from: citizen,
      to: HOTLINE,
      subject: '回复：Re: 小区路灯不亮',
      text: '路灯还是没亮。',
      messageId: '<third.0003@example.cn>',
      headers: { References: `<first.0001@example.cn> ${replyMessageId} <second.0002@example.cn> ${secondReply.parsed.messageId}` },
    })
    await eventually(
      () => messagesOf(conversation._id),
      (messages) => messages.some((message) => message.body === '路灯还是没亮。'),
    )
    const reopened = await Conversation.findById(conversation._id).lean<ConversationDoc>()
    expect(reopened?.status).toBe('open')
    expect(await allConversationsOf(citizen)).toHaveLength(1)
  })

  it('falls back to the subject token when the client drops the headers, but only for the same citizen', async () => {
    const citizen = 'zhao.min@example.cn'
    await citizenSends({ from: citizen, to: HOTLINE, subject: '噪音投诉', text: '夜间施工噪音很大。', messageId: '<noise.1@example.cn>' })
    const [conversation] = await eventually(
      () => conversationsOf(citizen),
      (found) => found.length === 1,
    )
    if (!conversation) throw new Error('no conversation')
    await citizenSends({
      from: citizen,
      to: HOTLINE,
      subject: `答复: 噪音投诉 [#${conversation._id}]`,
      text: '今晚又开始了。',
      messageId: '<noise.2@example.cn>',
    })
    await eventually(
      () => messagesOf(conversation._id),
      (messages) => messages.length === 2,
    )

    // Someone else quoting the token (or the thread) gets their own conversation.
    const stranger = 'stranger@example.org'
    await citizenSends({
      from: stranger,
      to: HOTLINE,
      subject: `Re: 噪音投诉 [#${conversation._id}]`,
      text: '我也是这个小区的。',
      messageId: '<stranger.1@example.org>',
      inReplyTo: '<noise.2@example.cn>',
    })
    const [theirs] = await eventually(
      () => conversationsOf(stranger),
      (found) => found.length === 1,
    )
    expect(theirs?._id).not.toBe(conversation._id)
    expect(await messagesOf(conversation._id)).toHaveLength(2)
  })

  it('starts a new conversation for a new subject and for a forwarded mail, keeping the forwarded text', async () => {
    const citizen = 'chen.jing@example.cn'
    await citizenSends({ from: citizen, to: HOTLINE, subject: '公交线路咨询', text: '请问 28 路末班车几点？', messageId: '<bus.1@example.cn>' })
    await citizenSends({
      from: citizen,
      to: HOTLINE,
      subject: 'Fwd: 物业通知',
      text: '请看下面的通知，合理吗？\n\n---------- Forwarded message ---------\nFrom: 物业 <wuye@example.cn>\nSubject: 物业通知\n\n下月起停车费上涨 50%。',
      messageId: '<fwd.1@example.cn>',
      references: ['<wuye.notice@example.cn>'],
    })
    const conversations = await eventually(
      () => conversationsOf(citizen),
      (found) => found.length === 2,
    )
    const forwarded = await messagesOf(conversations[1]?._id ?? '')
    expect(forwarded[0]?.body).toContain('下月起停车费上涨 50%。')
  })

  it('decodes Chinese subjects and GBK bodies sent as they are', async () => {
    await citizenSends({ envelope: { from: 'zhangsan@example.cn', to: [HOTLINE] }, raw: readFileSync(path.join(FIXTURES, 'foxmail-gbk.eml')) })
    const [conversation] = await eventually(
      () => conversationsOf('zhangsan@example.cn'),
      (found) => found.length === 1,
    )
    const [message] = await messagesOf(conversation?._id ?? '')
    expect(conversation?.contactName).toBe('张三')
    expect(message?.metadata?.subject).toBe('关于社保卡补办的咨询')
    expect(message?.body).toMatch(/社保卡/)
  })

  it('keeps HTML mail sanitized: text for the agent, no scripts, remote images blocked', async () => {
    const citizen = 'html@example.cn'
    await citizenSends({
      from: citizen,
      to: HOTLINE,
      subject: 'HTML',
      html: '<p onclick="steal()">井盖<b>丢失</b></p><script>alert(1)</script><img src="https://tracker.example.com/p.gif" alt="pixel">',
    })
    const [conversation] = await eventually(
      () => conversationsOf(citizen),
      (found) => found.length === 1,
    )
    const listed = await hub.api(`/api/conversations/${conversation?._id}/messages`, { token: agentToken })
    const [shown] = ((await listed.json()) as { messages: MessageDto[] }).messages
    expect(shown?.body).toContain('井盖丢失')
    expect(shown?.mail?.html).toContain('<b>丢失</b>')
    expect(shown?.mail?.html).not.toMatch(/script|onclick/)
    // The beacon is not loaded: at most its address is kept as a placeholder, never as an image source.
    expect(shown?.mail?.html).not.toMatch(/<img[^>]*tracker\.example\.com/)
  })

  it('stores each mail once however often it is delivered', async () => {
    const mail = { from: 'dup@example.cn', to: HOTLINE, subject: '重复投递', text: '只应出现一次。', messageId: '<dup.1@example.cn>' }
    await citizenSends(mail)
    await citizenSends(mail)
    const [conversation] = await eventually(
      () => conversationsOf('dup@example.cn'),
      (found) => found.length === 1,
    )
    // Both deliveries were accepted; give the second its chance to be processed before counting.
    await citizenSends({ ...mail, messageId: '<dup.2@example.cn>', subject: `Re: 重复投递 [#${conversation?._id}]`, text: '第二封。' })
    const messages = await eventually(
      () => messagesOf(conversation?._id ?? ''),
      (found) => found.some((message) => message.body === '第二封。'),
    )
    expect(messages.filter((message) => message.body === '只应出现一次。')).toHaveLength(1)
    expect(await allConversationsOf('dup@example.cn')).toHaveLength(1)
  })

  it('never opens a conversation for auto-replies, list mail or null-sender mail', async () => {
    const noise: SendMailOptions[] = [
      { from: 'ooo@example.cn', to: HOTLINE, subject: '自动回复: 休假中', text: '我正在休假。', headers: { 'Auto-Submitted': 'auto-replied' } },
      { from: 'news@example.cn', to: HOTLINE, subject: 'Weekly digest', text: 'News', headers: { Precedence: 'bulk' } },
      { from: 'list@example.cn', to: HOTLINE, subject: '[residents] meeting', text: 'Meeting', headers: { 'List-Id': '<residents.example.cn>' } },
      { envelope: { from: '', to: [HOTLINE] }, from: 'MAILER-DAEMON@example.cn', to: HOTLINE, subject: 'Returned mail', text: 'Something bounced.' },
    ]
    for (const mail of noise) expect((await citizenSends(mail)).response).toMatch(/^250/)
    // A real mail afterwards, processed after the noise: when it is in, the noise had its turn.
    await citizenSends({ from: 'after-noise@example.cn', to: HOTLINE, subject: 'real', text: 'A real question.' })
    await eventually(
      () => conversationsOf('after-noise@example.cn'),
      (found) => found.length === 1,
    )
    for (const address of ['ooo@example.cn', 'news@example.cn', 'list@example.cn', 'mailer-daemon@example.cn']) {
      expect(await ContactIdentityModel.findById(identityKey('mail', address)).lean()).toBeNull()
    }
  })

  it("marks the agent's mail failed, with the reason, when it bounces", async () => {
    const citizen = 'nobody@example.cn'
    await citizenSends({ from: citizen, to: HOTLINE, subject: 'help', text: 'Please call me.', messageId: '<q1@example.cn>' })
    const [conversation] = await eventually(
      () => conversationsOf(citizen),
      (found) => found.length === 1,
    )
    const reply = await agentReplies(conversation?._id ?? '', 'We will call you today.', 'bounce-reply-1')
    const sent = await relayed(citizen, 1)
    await eventually(
      () => Message.findById(reply.id).lean<MessageDoc>(),
      (message) => message?.status === 'sent',
    )
    const dsn = readFileSync(path.join(FIXTURES, 'bounce-dsn.eml'), 'utf8')
      .replaceAll('city.gov.cn', 'hotline.gov.cn')
      .replace('<msg_out_Ab12-Cd34_ef@hotline.gov.cn>', sent.parsed.messageId as string)
    expect((await citizenSends({ envelope: { from: '', to: [HOTLINE] }, raw: dsn })).response).toMatch(/^250/)
    const failed = await eventually(
      () => Message.findById(reply.id).lean<MessageDoc>(),
      (message) => message?.status === 'failed',
    )
    expect(failed?.statusReason).toMatch(/5\.1\.1/)
    // The bounce itself is no conversation.
    expect(await ContactIdentityModel.findById(identityKey('mail', 'mailer-daemon@mx.hotline.gov.cn')).lean()).toBeNull()
  })

  it('refuses unknown recipients (550) and oversize mail (552), storing nothing', async () => {
    const unknown = await refusal({ from: 'x@example.cn', to: 'someone-else@hotline.gov.cn', subject: 'hi', text: 'hi' })
    expect(unknown?.responseCode).toBe(550)
    const oversize = await refusal({ from: 'big@example.cn', to: HOTLINE, subject: 'big', text: 'x'.repeat(MAX_BYTES + 1024) })
    expect(oversize?.responseCode).toBe(552)
    await citizenSends({ from: 'after-refusals@example.cn', to: HOTLINE, subject: 'ok', text: 'ok' })
    await eventually(
      () => conversationsOf('after-refusals@example.cn'),
      (found) => found.length === 1,
    )
    expect(await ContactIdentityModel.findById(identityKey('mail', 'x@example.cn')).lean()).toBeNull()
    expect(await ContactIdentityModel.findById(identityKey('mail', 'big@example.cn')).lean()).toBeNull()
  })

  it('stores attachments in the hub and sends the agent’s attachments', async () => {
    const citizen = 'photo@example.cn'
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
    await citizenSends({
      from: citizen,
      to: HOTLINE,
      subject: '积水照片',
      text: '路口积水，见附件。',
      attachments: [{ filename: '积水.png', content: png, contentType: 'image/png' }],
    })
    const [conversation] = await eventually(
      () => conversationsOf(citizen),
      (found) => found.length === 1,
    )
    const [message] = await eventually(
      () => messagesOf(conversation?._id ?? ''),
      (messages) => messages[0]?.attachments[0]?.url.startsWith('/api/media/') === true,
    )
    expect(message?.attachments[0]).toMatchObject({ mimeType: 'image/png', name: '积水.png', size: png.length })
    const media = await hub.api(message?.attachments[0]?.url ?? '', { token: agentToken })
    expect(media.status).toBe(200)
    expect(Buffer.from(await media.arrayBuffer()).equals(png)).toBe(true)

    // The agent answers with the same file attached.
    const response = await hub.api(`/api/conversations/${conversation?._id}/messages`, {
      method: 'POST',
      token: agentToken,
      json: { clientId: 'mail-attachment-1', body: '已收到照片，见回执。', attachments: [{ url: message?.attachments[0]?.url }] },
    })
    expect(response.status).toBe(201)
    const sent = await relayed(citizen, 1)
    expect(sent.parsed.attachments).toHaveLength(1)
    expect(sent.parsed.attachments[0]?.content.equals(png)).toBe(true)
    expect(sent.parsed.attachments[0]?.contentType).toBe('image/png')
  })

  it('retries a reply the relay deferred (4xx) and fails one it refused (5xx) with the reason', async () => {
    const citizen = 'retry@example.cn'
    await citizenSends({ from: citizen, to: HOTLINE, subject: 'retry', text: 'Hello?', messageId: '<retry.1@example.cn>' })
    const [conversation] = await eventually(
      () => conversationsOf(citizen),
      (found) => found.length === 1,
    )
    relay.refuseNext(451, '4.3.0 Try again later')
    const deferred = await agentReplies(conversation?._id ?? '', 'First answer.', 'retry-reply-1')
    await relayed(citizen, 1)
    await eventually(
      () => Message.findById(deferred.id).lean<MessageDoc>(),
      (message) => message?.status === 'sent',
      30_000,
    )
    relay.refuseNext(554, '5.7.1 Relay access denied')
    const refused = await agentReplies(conversation?._id ?? '', 'Second answer.', 'retry-reply-2')
    const failed = await eventually(
      () => Message.findById(refused.id).lean<MessageDoc>(),
      (message) => message?.status === 'failed',
    )
    expect(failed?.statusReason).toBeTruthy()
    expect(relay.mails.filter((mail) => mail.envelope.rcptTo.includes(citizen))).toHaveLength(1)
  })
})
