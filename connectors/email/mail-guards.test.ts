import { describe, expect, it } from 'vitest'
import { classifyEmail, GUARD_HEADERS, type GuardInput } from './mail-guards.js'

const CHANNEL = ['12345@city.gov.cn']

function input(patch: Partial<GuardInput> = {}): GuardInput {
  return { envelopeFrom: 'zhangsan@example.cn', from: 'zhangsan@example.cn', headers: {}, channelAddresses: CHANNEL, ...patch }
}

describe('classifyEmail', () => {
  it('a citizen’s ordinary mail is a conversation', () => {
    expect(classifyEmail(input())).toEqual({ kind: 'conversation' })
  })

  it('a mail read over IMAP (no envelope) is a conversation too', () => {
    expect(classifyEmail(input({ envelopeFrom: undefined }))).toEqual({ kind: 'conversation' })
  })

  it.each([
    ['MAIL FROM:<>', { envelopeFrom: '' }, 'null_sender'],
    ['Return-Path: <>', { envelopeFrom: undefined, headers: { 'return-path': ' <> ' } }, 'null_sender'],
    ['no From', { from: undefined }, 'no_sender'],
    ['empty From', { from: '' }, 'no_sender'],
    ['MAILER-DAEMON', { from: 'MAILER-DAEMON@mx.example.cn' }, 'system_sender'],
    ['postmaster', { from: 'postmaster@example.cn' }, 'system_sender'],
    ['noreply-dmarc-support', { from: 'noreply-dmarc-support@google.com' }, 'system_sender'],
    ['the channel’s own address', { from: '12345@City.Gov.CN' }, 'own_address'],
    ['a plus address of the channel', { from: '12345+cv_1@city.gov.cn' }, 'own_address'],
    ['Auto-Submitted: auto-replied', { headers: { 'auto-submitted': 'auto-replied' } }, 'auto_submitted'],
    ['Auto-Submitted: auto-generated; with params', { headers: { 'auto-submitted': 'Auto-Generated; owner-email="x@y"' } }, 'auto_submitted'],
    ['Precedence: bulk', { headers: { precedence: 'bulk' } }, 'precedence'],
    ['Precedence: JUNK', { headers: { precedence: ' JUNK ' } }, 'precedence'],
    ['Precedence: list', { headers: { precedence: 'list' } }, 'precedence'],
    ['Precedence: auto_reply', { headers: { precedence: 'auto_reply' } }, 'precedence'],
    ['List-Id', { headers: { 'list-id': '<deals.shop.example.com>' } }, 'mailing_list'],
    ['List-Unsubscribe', { headers: { 'list-unsubscribe': '<mailto:u@shop.example.com>' } }, 'mailing_list'],
    ['List-Post', { headers: { 'list-post': 'NO' } }, 'mailing_list'],
    ['X-Autoreply', { headers: { 'x-autoreply': 'yes' } }, 'auto_reply'],
    ['X-Autorespond', { headers: { 'x-autorespond': '' } }, 'auto_reply'],
    ['X-Autoresponder', { headers: { 'x-autoresponder': 'on' } }, 'auto_reply'],
    ['X-Loop naming the channel', { headers: { 'x-loop': '12345@CITY.gov.cn' } }, 'own_address'],
    ['a report that is not a DSN', { contentType: 'multipart/report', reportType: 'disposition-notification' }, 'report'],
    ['a report without report-type', { contentType: 'Multipart/Report' }, 'report'],
  ] as const)('%s → noise (%s)', (_label, patch, reason) => {
    expect(classifyEmail(input(patch))).toEqual({ kind: 'noise', reason })
  })

  it.each([
    ['Auto-Submitted: no', { headers: { 'auto-submitted': 'no' } }],
    ['Auto-Submitted: No (with a comment)', { headers: { 'auto-submitted': 'No; reason=human' } }],
    ['Precedence: normal', { headers: { precedence: 'normal' } }],
    ['X-Loop of some other system', { headers: { 'x-loop': 'helpdesk@other.example' } }],
    ['a sender whose name merely contains postmaster', { from: 'postmaster.zhang@example.cn' }],
    ['a sender at the channel domain that is not a channel address', { from: 'director@city.gov.cn' }],
    ['a multipart/mixed mail', { contentType: 'multipart/mixed' }],
  ])('%s → conversation', (_label, patch) => {
    expect(classifyEmail(input(patch))).toEqual({ kind: 'conversation' })
  })

  it('a delivery status notification is a delivery report, although it comes from <> and MAILER-DAEMON', () => {
    const dsn = input({
      envelopeFrom: '',
      from: 'MAILER-DAEMON@mx.city.gov.cn',
      headers: { 'return-path': '<>', 'auto-submitted': 'auto-replied' },
      contentType: 'multipart/report',
      reportType: 'Delivery-Status',
    })
    expect(classifyEmail(dsn)).toEqual({ kind: 'delivery_report' })
  })

  it('applies the rules in order: the null sender before a missing From, the From before the headers', () => {
    expect(classifyEmail(input({ envelopeFrom: '', from: undefined }))).toEqual({ kind: 'noise', reason: 'null_sender' })
    expect(classifyEmail(input({ from: 'postmaster@x.cn', headers: { precedence: 'bulk' } }))).toEqual({ kind: 'noise', reason: 'system_sender' })
    expect(classifyEmail(input({ headers: { 'auto-submitted': 'auto-replied', precedence: 'bulk' } }))).toEqual({ kind: 'noise', reason: 'auto_submitted' })
  })
})

describe('GUARD_HEADERS', () => {
  it('holds every header the guards and the token lookup read, in lower case', () => {
    for (const name of ['auto-submitted', 'precedence', 'list-id', 'list-unsubscribe', 'list-post', 'x-autoreply', 'x-loop', 'return-path', 'delivered-to']) {
      expect(GUARD_HEADERS).toContain(name)
    }
    for (const name of GUARD_HEADERS) expect(name).toBe(name.toLowerCase())
  })
})
