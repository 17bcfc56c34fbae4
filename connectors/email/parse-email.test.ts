/**
 * parse-email + map-email-inbound over the real fixtures in __fixtures__/: what a mail client
 * sends → the snapshot the listener enqueues → the events the hub ingests.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { emailAttachmentUrl } from './attachment-store.js'
import { classifyEmail } from './mail-guards.js'
import { type EmailInboundOptions, mapEmailInbound } from './map-email-inbound.js'
import { type ParseEmailOptions, parseEmail } from './parse-email.js'
import { fallbackExternalId } from './thread-key.js'

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}.eml`, import.meta.url))
const CHANNEL: EmailInboundOptions = { addresses: ['12345@city.gov.cn'], threading: { afterResolved: 'reopen', unmatched: 'new' } }
const SMTP: ParseEmailOptions = { source: 'smtp', allowRemoteImages: false }

async function parse(name: string, options: Partial<ParseEmailOptions> = {}) {
  return parseEmail(fixture(name), { ...SMTP, ...options })
}

async function events(name: string, options: Partial<ParseEmailOptions> = {}, channel = CHANNEL) {
  return mapEmailInbound((await parse(name, options)).snapshot, channel)
}

async function onlyMessage(name: string, options: Partial<ParseEmailOptions> = {}) {
  const result = await events(name, options)
  expect(result).toHaveLength(1)
  const [event] = result
  if (event?.kind !== 'message' || !event.thread) throw new Error(`expected a threaded message, got ${JSON.stringify(event)}`)
  return { ...event, thread: event.thread }
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

describe('Chinese charsets', () => {
  it('foxmail-gbk: an 8-bit GBK body and a GB2312 encoded subject and name decode to the right characters', async () => {
    const { snapshot, files } = await parse('foxmail-gbk', { envelope: { mailFrom: 'ZhangSan@Example.CN', rcptTo: ['12345@City.Gov.CN'] } })
    expect(snapshot).toEqual({
      version: 1,
      source: 'smtp',
      envelope: { mailFrom: 'zhangsan@example.cn', rcptTo: ['12345@city.gov.cn'] },
      messageId: '<202606010912010531234@example.cn>',
      references: [],
      from: { address: 'zhangsan@example.cn', name: '张三' },
      replyTo: [],
      to: [{ address: '12345@city.gov.cn', name: '12345' }],
      cc: [],
      subject: '关于社保卡补办的咨询',
      date: '2026-06-01T01:12:01.000Z',
      text: '您好：\n我的社保卡丢失了，请问在哪里补办？需要带什么材料？\n谢谢！\n\n张三',
      remoteImagesBlocked: 0,
      headers: {},
      contentType: 'text/plain',
      attachments: [],
      size: fixture('foxmail-gbk').length,
      truncated: false,
    })
    expect(files).toEqual([])
  })

  it('foxmail-gbk → one text message from the citizen, keyed by its Message-ID, starting a thread', async () => {
    expect(await events('foxmail-gbk')).toEqual([
      {
        kind: 'message',
        externalId: '<202606010912010531234@example.cn>',
        sender: { externalId: 'zhangsan@example.cn', email: 'zhangsan@example.cn', displayName: '张三' },
        type: 'text',
        text: '您好：\n我的社保卡丢失了，请问在哪里补办？需要带什么材料？\n谢谢！\n\n张三',
        sentAt: new Date('2026-06-01T01:12:01.000Z'),
        metadata: { source: 'smtp', subject: '关于社保卡补办的咨询', messageId: '<202606010912010531234@example.cn>', to: '12345@city.gov.cn' },
        thread: { references: [], unmatched: 'new', resolved: 'reopen' },
      },
    ])
  })

  it('gb18030-base64: a GB18030 body with a character outside GBK (𠮷, 4-byte sequence) survives', async () => {
    const message = await onlyMessage('gb18030-base64')
    expect(message.text).toBe('我叫王𠮷，名字里的“𠮷”字派出所系统打不出来，怎么办理户口本？')
    expect(message.metadata?.subject).toBe('户籍咨询')
    expect(message.sender).toEqual({ externalId: 'wangwu@example.org', email: 'wangwu@example.org' })
  })

  it('big5-qp: a quoted-printable Big5 body and a Big5 subject decode to Traditional Chinese', async () => {
    const message = await onlyMessage('big5-qp')
    expect(message.text).toBe('請問臺胞證在哪裡辦理？')
    expect(message.metadata?.subject).toBe('臺胞證諮詢')
    expect(message.externalId).toBe('<big5.1@example.tw>')
  })
})

describe('outlook-qp-html: HTML mail', () => {
  it('keeps the text part and a sanitized HTML: no script, no style sheet, no handler, no javascript: link, no positioning', async () => {
    const { snapshot } = await parse('outlook-qp-html')
    expect(snapshot.subject).toBe('路灯损坏 — 请尽快维修')
    expect(snapshot.from).toEqual({ address: 'lisi@example.com', name: '李四' })
    expect(snapshot.text).toBe('您好，小区门口的路灯坏了一周了，晚上很不安全。\n位置 <https://map.example.cn/p/123>')
    expect(snapshot.html).toBe(
      '<p style="color:#333">您好，小区门口的路灯坏了一周了，晚上很不安全。</p>' +
        '<p><span data-email-blocked-image="https://tracker.example.net/open.gif?id=42">[image]</span>' +
        '<a rel="noopener noreferrer nofollow" target="_blank">点我</a> ' +
        '<a href="https://map.example.cn/p/123" rel="noopener noreferrer nofollow" target="_blank">位置</a></p>',
    )
    for (const banned of ['<script', 'alert', '<style', 'position', 'onclick', 'steal', 'javascript:', '<img']) expect(snapshot.html).not.toContain(banned)
  })

  it('blocks the remote image by default and counts it, in the snapshot and the message metadata', async () => {
    const { snapshot } = await parse('outlook-qp-html')
    expect(snapshot.remoteImagesBlocked).toBe(1)
    const message = await onlyMessage('outlook-qp-html')
    expect(message.metadata).toMatchObject({ html: snapshot.html, remoteImagesBlocked: '1' })
    expect(message.text).toBe(snapshot.text)
  })

  it('keeps the remote image when the channel allows remote images', async () => {
    const { snapshot } = await parse('outlook-qp-html', { allowRemoteImages: true })
    expect(snapshot.remoteImagesBlocked).toBe(0)
    expect(snapshot.html).toContain('<img src="https://tracker.example.net/open.gif?id=42" alt="" width="1" height="1" />')
    expect(snapshot.html).not.toContain('data-email-blocked-image')
    const message = mapEmailInbound(snapshot, CHANNEL)[0]
    expect(message?.kind === 'message' && message.metadata).not.toHaveProperty('remoteImagesBlocked')
  })
})

describe('qqmail-inline-pdf: attachments', () => {
  const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='
  // The PDF part's base64 lines, as in the fixture.
  const PDF_BASE64 = [
    'JVBERi0xLjQKMSAwIG9iajw8L1R5cGUvQ2F0YWxvZy9QYWdlcyAyIDAgUj4+ZW5kb2JqCjIgMCBv',
    'Ymo8PC9UeXBlL1BhZ2VzL0tpZHNbXS9Db3VudCAwPj5lbmRvYmoKdHJhaWxlcjw8L1Jvb3QgMSAw',
    'IFI+PgolJUVPRgo=',
  ].join('')
  const png = new Uint8Array(Buffer.from(PNG_BASE64, 'base64'))
  const pdf = new Uint8Array(Buffer.from(PDF_BASE64, 'base64'))

  it('stages the decoded bytes of the inline image and of the PDF under their SHA-256', async () => {
    const { files } = await parse('qqmail-inline-pdf')
    expect(files).toEqual([
      { sha256: sha256(png), bytes: png, mimeType: 'image/png' },
      { sha256: sha256(pdf), bytes: pdf, mimeType: 'application/pdf' },
    ])
  })

  it('describes them in the snapshot: the image inline with its Content-ID, the PDF with its RFC 2231 Chinese file name', async () => {
    const { snapshot } = await parse('qqmail-inline-pdf')
    expect(snapshot.attachments).toEqual([
      { sha256: sha256(png), size: png.length, mimeType: 'image/png', name: 'photo.png', contentId: '4f2a9c1b@d6e1.qq.com', inline: true },
      { sha256: sha256(pdf), size: pdf.length, mimeType: 'application/pdf', name: '投诉书.pdf', inline: false },
    ])
    expect(snapshot.html).toBe('<div>您好，附件是噪音扰民的照片和投诉书：</div><div><img alt="照片" data-email-attachment="0" /></div><div>赵六</div>')
    expect(snapshot.html).not.toContain('cid:')
  })

  it('maps both to `email-attachment:<sha256>` placeholders and says which one the HTML shows inline', async () => {
    const message = await onlyMessage('qqmail-inline-pdf')
    expect(message.type).toBe('text')
    expect(message.text).toBe('您好，附件是噪音扰民的照片和投诉书：\n赵六')
    expect(message.attachments).toEqual([
      { url: emailAttachmentUrl(sha256(png)), mimeType: 'image/png', size: png.length, name: 'photo.png' },
      { url: `email-attachment:${sha256(pdf)}`, mimeType: 'application/pdf', size: pdf.length, name: '投诉书.pdf' },
    ])
    expect(message.metadata).toMatchObject({ inlineAttachments: '0', subject: '噪音扰民投诉（附照片）' })
    expect(message.sender).toEqual({ externalId: '123456789@qq.com', email: '123456789@qq.com', displayName: '赵六' })
  })
})

describe('threading', () => {
  it('reply-single-reference: References as one string; In-Reply-To first, the relay-cased copy kept; token from the subject', async () => {
    const { snapshot } = await parse('reply-single-reference')
    expect(snapshot.inReplyTo).toBe('<msg_out_Ab12-Cd34_ef@city.gov.cn>')
    expect(snapshot.references).toEqual(['<msg_out_Ab12-Cd34_ef@City.Gov.CN>'])
    expect(snapshot.subject).toBe('回复: 关于社保卡补办的咨询 [#cv_mabc123def4567890]')
    const message = await onlyMessage('reply-single-reference')
    expect(message.thread).toEqual({
      references: ['<msg_out_Ab12-Cd34_ef@city.gov.cn>', '<msg_out_Ab12-Cd34_ef@City.Gov.CN>'],
      token: 'cv_mabc123def4567890',
      unmatched: 'new',
      resolved: 'reopen',
    })
  })

  it('reply-single-reference: the quoted history (Foxmail 写道：) is cut, the full text kept in metadata', async () => {
    const message = await onlyMessage('reply-single-reference')
    expect(message.text).toBe('好的，我明天上午带身份证过去。')
    expect(message.metadata?.fullText).toBe(
      '好的，我明天上午带身份证过去。\n\n在 2026年6月1日 14:30，12345热线 <12345@city.gov.cn> 写道：\n> 您好，请携带身份证原件到任一社保服务网点办理。',
    )
    expect(message.metadata).toMatchObject({ inReplyTo: '<msg_out_Ab12-Cd34_ef@city.gov.cn>', references: '<msg_out_Ab12-Cd34_ef@City.Gov.CN>' })
  })

  it('reply-reference-list: folded References as a list; thread.references is In-Reply-To, then newest → oldest', async () => {
    const { snapshot } = await parse('reply-reference-list')
    expect(snapshot.references).toEqual([
      '<202606010912010531234@example.cn>',
      '<msg_out_Ab12-Cd34_ef@city.gov.cn>',
      '<202606011502000001@example.cn>',
      '<msg_out_Zz99@city.gov.cn>',
    ])
    const message = await onlyMessage('reply-reference-list')
    expect(message.thread).toEqual({
      references: ['<msg_out_Zz99@city.gov.cn>', '<202606011502000001@example.cn>', '<msg_out_Ab12-Cd34_ef@city.gov.cn>', '<202606010912010531234@example.cn>'],
      unmatched: 'new',
      resolved: 'reopen',
    })
    expect(message.thread).not.toHaveProperty('token')
  })

  it('reply-reference-list: a wrapped “On … wrote:” header is cut; the id keeps its case and its =', async () => {
    const message = await onlyMessage('reply-reference-list')
    expect(message.text).toBe('已经办好了，谢谢！')
    expect(message.externalId).toBe('<CAF=abc123@mail.gmail.com>')
    expect(message.metadata?.fullText).toContain('> 好的，明天见。')
  })

  it('passes the channel’s threading settings through', async () => {
    const [message] = await events('reply-reference-list', {}, { ...CHANNEL, threading: { afterResolved: 'new', unmatched: 'active' } })
    expect(message).toMatchObject({ thread: { unmatched: 'active', resolved: 'new' } })
  })

  it('reads the token of a plus address in the envelope before the subject’s', async () => {
    const [message] = await events('reply-single-reference', { envelope: { mailFrom: 'zhangsan@example.cn', rcptTo: ['12345+CV_FROM_PLUS@city.gov.cn'] } })
    expect(message).toMatchObject({ thread: { token: 'cv_from_plus' } })
  })
})

describe('forwarded: a forward is content, not a reply', () => {
  it('keeps the forwarded part although the mail carries In-Reply-To and References', async () => {
    const message = await onlyMessage('forwarded')
    expect(message.text).toBe(
      '物业说要停水三天，合理吗？\n\n---------- Forwarded message ---------\nFrom: 物业 <notice@wuye.example.cn>\n' +
        'Date: Thu, Jun 4, 2026 at 6:00 PM\nSubject: 物业停水通知\nTo: <lisi@example.com>\n\n因管道维修，6月6日至6月8日全天停水。',
    )
    expect(message.metadata).not.toHaveProperty('fullText')
    expect(message.thread.references).toEqual(['<notice-77@wuye.example.cn>'])
  })

  it('the same mail with a reply subject would be cut (the forward check is what keeps it)', async () => {
    const { snapshot } = await parse('forwarded')
    const [asReply] = mapEmailInbound({ ...snapshot, subject: 'Re: 物业停水通知' }, CHANNEL)
    expect(asReply?.kind === 'message' && asReply.text).not.toContain('因管道维修')
  })
})

describe('no-message-id: the `hash:` fallback id', () => {
  it('is a digest of from, to, subject, date and text', async () => {
    const { snapshot } = await parse('no-message-id')
    expect(snapshot).not.toHaveProperty('messageId')
    const message = await onlyMessage('no-message-id')
    expect(message.externalId).toBe(
      fallbackExternalId({
        from: 'form-user@example.net',
        to: ['12345@city.gov.cn'],
        subject: 'Online form',
        date: '2026-06-06T04:00:00.000Z',
        text: 'Please call me back about my water bill.',
      }),
    )
    expect(message.externalId).toMatch(/^hash:[0-9a-f]{40}$/)
    expect(message.metadata).not.toHaveProperty('messageId')
  })

  it('is the same whichever way the mail arrives (SMTP with an envelope, IMAP) and on every parse', async () => {
    const viaSmtp = await onlyMessage('no-message-id', { envelope: { mailFrom: 'form-user@example.net', rcptTo: ['12345@city.gov.cn'] } })
    const viaImap = await onlyMessage('no-message-id', { source: 'imap', imap: { mailbox: 'INBOX', uidValidity: '1', uid: 7 } })
    const again = await onlyMessage('no-message-id')
    expect(viaImap.externalId).toBe(viaSmtp.externalId)
    expect(again.externalId).toBe(viaSmtp.externalId)
    expect(viaImap.metadata?.source).toBe('imap')
  })
})

describe('automatic mail → no events', () => {
  it.each([
    ['auto-reply', 'auto_submitted'],
    ['newsletter', 'precedence'],
  ])('%s is noise (%s)', async (name, reason) => {
    const { snapshot } = await parse(name)
    expect(
      classifyEmail({
        from: snapshot.from?.address,
        headers: snapshot.headers,
        contentType: snapshot.contentType,
        reportType: snapshot.reportType,
        channelAddresses: CHANNEL.addresses,
      }),
    ).toEqual({ kind: 'noise', reason })
    expect(mapEmailInbound(snapshot, CHANNEL)).toEqual([])
  })

  it('keeps the guard headers it needs in the snapshot', async () => {
    expect((await parse('auto-reply')).snapshot.headers).toEqual({ 'auto-submitted': 'auto-replied', 'x-autoreply': 'yes' })
    expect((await parse('newsletter')).snapshot.headers).toEqual({ precedence: 'bulk', 'list-unsubscribe': '<mailto:unsubscribe@shop.example.com>' })
  })
})

describe('bounce-dsn: a delivery status notification', () => {
  it('is read into the snapshot: the original Message-ID and the failed recipient; nothing is staged', async () => {
    const { snapshot, files } = await parse('bounce-dsn', { envelope: { mailFrom: '', rcptTo: ['12345@city.gov.cn'] } })
    expect(snapshot.contentType).toBe('multipart/report')
    expect(snapshot.reportType).toBe('delivery-status')
    expect(snapshot.deliveryReport).toEqual({
      originalMessageId: '<msg_out_Ab12-Cd34_ef@city.gov.cn>',
      recipients: [
        {
          finalRecipient: 'nobody@example.cn',
          action: 'failed',
          status: '5.1.1',
          diagnosticCode: 'smtp; 550 5.1.1 <nobody@example.cn>: Recipient address rejected: User unknown',
        },
      ],
    })
    expect(snapshot.attachments).toEqual([])
    expect(files).toEqual([])
  })

  it('→ a `failed` status for the original Message-ID, with its reason, although sent from <> by MAILER-DAEMON', async () => {
    expect(await events('bounce-dsn', { envelope: { mailFrom: '', rcptTo: ['12345@city.gov.cn'] } })).toEqual([
      {
        kind: 'status',
        externalId: '<msg_out_Ab12-Cd34_ef@city.gov.cn>',
        status: 'failed',
        reason: '550 5.1.1 <nobody@example.cn>: Recipient address rejected: User unknown',
        at: new Date('2026-06-01T02:00:00.000Z'),
      },
    ])
  })

  it('→ nothing when the original id’s domain is not a channel domain (backscatter)', async () => {
    expect(await events('bounce-dsn', {}, { ...CHANNEL, addresses: ['hotline@other.gov.cn'] })).toEqual([])
  })

  it('also reads a bounce that returns the whole message (message/rfc822)', async () => {
    const raw = fixture('bounce-dsn').toString('utf8').replace('Content-Type: text/rfc822-headers', 'Content-Type: message/rfc822')
    const { snapshot } = await parseEmail(raw, SMTP)
    expect(snapshot.deliveryReport?.originalMessageId).toBe('<msg_out_Ab12-Cd34_ef@city.gov.cn>')
    expect(mapEmailInbound(snapshot, CHANNEL)).toMatchObject([{ kind: 'status', status: 'failed', externalId: '<msg_out_Ab12-Cd34_ef@city.gov.cn>' }])
  })
})

describe('parseEmail: other shapes', () => {
  const mail = (headers: string, body = 'hello') => `${headers.trim().split('\n').join('\r\n')}\r\n\r\n${body}\r\n`

  it('moves extra In-Reply-To ids into References and normalizes the envelope', async () => {
    const raw = mail(`From: a@example.net
To: 12345@city.gov.cn
Subject: x
Message-ID: <m@x>
In-Reply-To: <p1@x> <p2@x>
References: <r1@x>`)
    const { snapshot } = await parseEmail(raw, { ...SMTP, envelope: { mailFrom: 'A@Example.NET', rcptTo: ['12345+Cv_1@City.gov.cn'] } })
    expect(snapshot).toMatchObject({
      inReplyTo: '<p1@x>',
      references: ['<r1@x>', '<p2@x>'],
      envelope: { mailFrom: 'a@example.net', rcptTo: ['12345+cv_1@city.gov.cn'] },
    })
    expect(snapshot.size).toBe(Buffer.byteLength(raw))
  })

  it('reads To, Cc, Reply-To and address groups, lower-casing addresses', async () => {
    const raw = mail(`From: Zhang San <ZhangSan@Example.CN>
Reply-To: Zhang Home <zhang.home@example.cn>
To: Hotline <12345@City.Gov.CN>, team: a@x.cn, b@x.cn;
Cc: c@x.cn
Subject: x`)
    const { snapshot } = await parseEmail(raw, SMTP)
    expect(snapshot.from).toEqual({ address: 'zhangsan@example.cn', name: 'Zhang San' })
    expect(snapshot.replyTo).toEqual([{ address: 'zhang.home@example.cn', name: 'Zhang Home' }])
    expect(snapshot.to).toEqual([{ address: '12345@city.gov.cn', name: 'Hotline' }, { address: 'a@x.cn' }, { address: 'b@x.cn' }])
    expect(snapshot.cc).toEqual([{ address: 'c@x.cn' }])
    expect(mapEmailInbound(snapshot, CHANNEL)[0]).toMatchObject({
      metadata: { replyTo: 'zhang.home@example.cn', to: '12345@city.gov.cn, a@x.cn, b@x.cn', cc: 'c@x.cn' },
    })
  })

  it('a mail over the size limit (headers only) is flagged truncated with its real size', async () => {
    const raw = mail(`From: a@example.net
To: 12345@city.gov.cn
Subject: big
Message-ID: <big@x>`)
    const { snapshot } = await parseEmail(raw, { ...SMTP, truncatedSize: 12 * 1024 * 1024 })
    expect(snapshot).toMatchObject({ size: 12 * 1024 * 1024, truncated: true })
  })

  it('has no date for a mail without Date, and no html for a plain-text mail', async () => {
    const { snapshot } = await parseEmail(mail('From: a@example.net\nTo: 12345@city.gov.cn'), SMTP)
    expect(snapshot).not.toHaveProperty('date')
    expect(snapshot).not.toHaveProperty('html')
    expect(snapshot).not.toHaveProperty('subject')
    expect(snapshot.text).toBe('hello')
  })
})
