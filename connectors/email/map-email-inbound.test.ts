import { describe, expect, it } from 'vitest'
import type { InboundEvent } from '../spec.js'
import type { EmailAttachmentSnapshot, EmailSnapshot } from './email-snapshot.js'
import { type EmailInboundMessage, type EmailInboundOptions, mapEmailInbound } from './map-email-inbound.js'

const OPTIONS: EmailInboundOptions = { addresses: ['12345@city.gov.cn', 'hotline@city.gov.cn'], threading: { afterResolved: 'reopen', unmatched: 'new' } }
const SHA_A = 'a'.repeat(64)
const SHA_B = 'b'.repeat(64)

function snapshot(patch: Partial<EmailSnapshot> = {}): EmailSnapshot {
  return {
    version: 1,
    source: 'smtp',
    envelope: { mailFrom: 'zhangsan@example.cn', rcptTo: ['12345@city.gov.cn'] },
    messageId: '<q1@example.cn>',
    references: [],
    from: { address: 'zhangsan@example.cn', name: '张三' },
    replyTo: [],
    to: [{ address: '12345@city.gov.cn' }],
    cc: [],
    subject: '咨询',
    date: '2026-06-01T01:00:00.000Z',
    text: '你好',
    remoteImagesBlocked: 0,
    headers: {},
    attachments: [],
    size: 1000,
    truncated: false,
    ...patch,
  }
}

function message(events: InboundEvent[]): EmailInboundMessage {
  expect(events).toHaveLength(1)
  const [event] = events
  if (event?.kind !== 'message' || !event.thread) throw new Error(`expected a message, got ${JSON.stringify(event)}`)
  return event as EmailInboundMessage
}

const map = (patch: Partial<EmailSnapshot> = {}, options = OPTIONS) => mapEmailInbound(snapshot(patch), options)
const attachment = (patch: Partial<EmailAttachmentSnapshot>): EmailAttachmentSnapshot => ({
  sha256: SHA_A,
  size: 10,
  mimeType: 'image/png',
  inline: false,
  ...patch,
})

describe('mapEmailInbound: the message', () => {
  it('maps a plain mail completely', () => {
    expect(map()).toEqual([
      {
        kind: 'message',
        externalId: '<q1@example.cn>',
        sender: { externalId: 'zhangsan@example.cn', email: 'zhangsan@example.cn', displayName: '张三' },
        type: 'text',
        text: '你好',
        sentAt: new Date('2026-06-01T01:00:00.000Z'),
        metadata: { source: 'smtp', subject: '咨询', messageId: '<q1@example.cn>', to: '12345@city.gov.cn' },
        thread: { references: [], unmatched: 'new', resolved: 'reopen' },
      },
    ])
  })

  it('leaves out what the mail does not have', () => {
    const { subject: _subject, date: _date, ...rest } = snapshot({ from: { address: 'a@example.net' }, to: [] })
    const result = message(mapEmailInbound(rest, OPTIONS))
    expect(result).not.toHaveProperty('sentAt')
    expect(result.sender).toEqual({ externalId: 'a@example.net', email: 'a@example.net' })
    expect(result.metadata).toEqual({ source: 'smtp', messageId: '<q1@example.cn>' })
  })

  it.each([
    ['image/jpeg', 'image'],
    ['audio/amr', 'audio'],
    ['video/mp4', 'video'],
    ['application/pdf', 'file'],
    ['Image/PNG', 'image'],
  ] as const)('an attachment-only mail whose first attachment is %s is of type %s', (mimeType, type) => {
    const result = message(map({ text: ' \n ', attachments: [attachment({ mimeType }), attachment({ sha256: SHA_B, mimeType: 'text/plain' })] }))
    expect(result.type).toBe(type)
    expect(result.attachments?.map((file) => file.url)).toEqual([`email-attachment:${SHA_A}`, `email-attachment:${SHA_B}`])
  })

  it('lists inline attachments by index and keeps names and sizes', () => {
    const result = message(
      map({
        attachments: [
          attachment({ name: 'a.pdf', mimeType: 'application/pdf', size: 5 }),
          attachment({ sha256: SHA_B, contentId: 'x@y', inline: true }),
          attachment({ contentId: 'z@y', inline: true }),
        ],
      }),
    )
    expect(result.metadata?.inlineAttachments).toBe('1,2')
    expect(result.attachments?.[0]).toEqual({ url: `email-attachment:${SHA_A}`, mimeType: 'application/pdf', size: 5, name: 'a.pdf' })
    expect(result.attachments?.[1]).not.toHaveProperty('name')
  })

  it('a truncated mail carries a notice instead of its text, and its size', () => {
    const result = message(map({ text: '', truncated: true, size: 12 * 1024 * 1024 }))
    expect(result.text).toBe("[This mail (12.0 MB) is over the channel's size limit: its text and attachments were not taken. Open it in the mailbox.]")
    expect(result.type).toBe('text')
    expect(result.metadata?.truncated).toBe(String(12 * 1024 * 1024))
  })

  it('keeps the HTML in metadata up to 200 000 characters, else says it was omitted', () => {
    expect(message(map({ html: '<p>hi</p>' })).metadata?.html).toBe('<p>hi</p>')
    const big = message(map({ html: `<p>${'x'.repeat(200_000)}</p>` })).metadata
    expect(big).not.toHaveProperty('html')
    expect(big?.htmlOmitted).toBe('too_large')
  })

  it('notes a Reply-To only when it differs from the sender', () => {
    expect(message(map({ replyTo: [{ address: 'zhangsan@example.cn' }] })).metadata).not.toHaveProperty('replyTo')
    expect(message(map({ replyTo: [{ address: 'home@example.cn' }] })).metadata?.replyTo).toBe('home@example.cn')
  })

  it('does not strip quotes from a mail that answers nothing', () => {
    const text = 'I saw this notice:\n\n> Water stops on Monday.'
    expect(message(map({ text })).text).toBe(text)
    expect(message(map({ text, inReplyTo: '<o@city.gov.cn>' })).text).toBe('I saw this notice:')
    expect(message(map({ text, references: ['<o@city.gov.cn>'] })).text).toBe('I saw this notice:')
  })

  it('a mail from the channel itself or with a null sender is dropped', () => {
    expect(map({ from: { address: 'Hotline@City.gov.cn' } })).toEqual([])
    expect(map({ envelope: { mailFrom: '', rcptTo: ['12345@city.gov.cn'] } })).toEqual([])
    expect(map({ from: undefined })).toEqual([])
  })
})

describe('mapEmailInbound: the conversation token', () => {
  it.each([
    ['the envelope', { envelope: { mailFrom: 'z@example.cn', rcptTo: ['12345+cv_env@city.gov.cn'] } }, 'cv_env'],
    ['To', { envelope: undefined, to: [{ address: 'hotline+cv_to@city.gov.cn' }] }, 'cv_to'],
    ['Cc', { envelope: undefined, to: [], cc: [{ address: '12345+cv_cc@city.gov.cn' }] }, 'cv_cc'],
    ['Delivered-To (IMAP)', { envelope: undefined, to: [], headers: { 'delivered-to': '12345+CV_DT@city.gov.cn' } }, 'cv_dt'],
    ['X-Original-To in brackets', { envelope: undefined, to: [], headers: { 'x-original-to': '<12345+cv_xo@city.gov.cn>' } }, 'cv_xo'],
    ['the subject', { subject: 'Re: 咨询 [#cv_subj]' }, 'cv_subj'],
  ])('is read from %s', (_where, patch, token) => {
    expect(message(map(patch)).thread.token).toBe(token)
  })

  it('prefers a plus address over the subject, and skips plus tags that cannot be tokens', () => {
    expect(message(map({ envelope: { mailFrom: 'z@example.cn', rcptTo: ['12345+cv_plus@city.gov.cn'] }, subject: '[#cv_subj]' })).thread.token).toBe('cv_plus')
    expect(message(map({ envelope: { mailFrom: 'z@example.cn', rcptTo: ['12345+not.a.token@city.gov.cn'] }, subject: '[#cv_subj]' })).thread.token).toBe(
      'cv_subj',
    )
  })

  it('ignores plus addresses of other mailboxes', () => {
    expect(message(map({ to: [{ address: 'someone+cv_x@city.gov.cn' }], envelope: undefined })).thread).not.toHaveProperty('token')
  })
})

describe('mapEmailInbound: bounces', () => {
  const report = (deliveryReport: EmailSnapshot['deliveryReport'], patch: Partial<EmailSnapshot> = {}) =>
    map({
      envelope: { mailFrom: '', rcptTo: ['12345@city.gov.cn'] },
      from: { address: 'mailer-daemon@mx.city.gov.cn' },
      contentType: 'multipart/report',
      reportType: 'delivery-status',
      ...(deliveryReport ? { deliveryReport } : {}),
      ...patch,
    })
  const failed = { finalRecipient: 'nobody@example.cn', action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 User unknown' }

  it('reports the first failed recipient for the original id, with the domain in lower case as `send` wrote it', () => {
    expect(report({ originalMessageId: '<msg_Out_1@City.Gov.CN>', recipients: [{ action: 'delayed', status: '4.4.7' }, failed] })).toEqual([
      { kind: 'status', externalId: '<msg_Out_1@city.gov.cn>', status: 'failed', reason: '550 5.1.1 User unknown', at: new Date('2026-06-01T01:00:00.000Z') },
    ])
  })

  it('works without a date', () => {
    expect(report({ originalMessageId: '<m@city.gov.cn>', recipients: [failed] }, { date: undefined })[0]).not.toHaveProperty('at')
  })

  it.each([
    ['no report at all', undefined],
    ['no original id', { recipients: [failed] }],
    ['an original id at another domain (backscatter)', { originalMessageId: '<m@other.example>', recipients: [failed] }],
    ['an original id at a subdomain of the channel’s', { originalMessageId: '<m@mx.city.gov.cn>', recipients: [failed] }],
    ['only a delay', { originalMessageId: '<m@city.gov.cn>', recipients: [{ action: 'delayed', status: '4.4.7' }] }],
    ['only successes', { originalMessageId: '<m@city.gov.cn>', recipients: [{ action: 'delivered', status: '2.0.0' }] }],
  ])('is nothing for %s', (_label, deliveryReport) => {
    expect(report(deliveryReport)).toEqual([])
  })

  it('a report that is not a DSN (read receipt) is nothing either', () => {
    expect(map({ contentType: 'multipart/report', reportType: 'disposition-notification' })).toEqual([])
  })
})
