import { describe, expect, it } from 'vitest'
import { type DeliveryStatusRecipient, describeFailure, failedRecipient, originalMessageId, parseDeliveryStatus } from './delivery-report.js'

// The message/delivery-status part of __fixtures__/bounce-dsn.eml (Postfix).
const POSTFIX = [
  'Reporting-MTA: dns; mx.city.gov.cn',
  'X-Postfix-Queue-ID: 8B2F61A0',
  'X-Postfix-Sender: rfc822; 12345@city.gov.cn',
  'Arrival-Date: Mon,  1 Jun 2026 09:59:58 +0800 (CST)',
  '',
  'Final-Recipient: rfc822; nobody@example.cn',
  'Original-Recipient: rfc822;nobody@example.cn',
  'Action: failed',
  'Status: 5.1.1',
  'Remote-MTA: dns; mx.example.cn',
  'Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.cn>: Recipient address',
  '    rejected: User unknown',
  '',
].join('\r\n')

describe('parseDeliveryStatus', () => {
  it('treats a separator line of spaces as blank (it must not fold the groups together)', () => {
    expect(parseDeliveryStatus('Reporting-MTA: dns; mx\n \nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.1.1\n')).toEqual([
      { finalRecipient: 'a@b', action: 'failed', status: '5.1.1' },
    ])
    expect(parseDeliveryStatus('Reporting-MTA: dns; mx\r\n\t\r\nFinal-Recipient: rfc822; a@b\r\nAction: failed\r\n')).toEqual([
      { finalRecipient: 'a@b', action: 'failed' },
    ])
  })

  it('reads the per-recipient group, unfolding the diagnostic', () => {
    expect(parseDeliveryStatus(POSTFIX)).toEqual([
      {
        finalRecipient: 'nobody@example.cn',
        action: 'failed',
        status: '5.1.1',
        diagnosticCode: 'smtp; 550 5.1.1 <nobody@example.cn>: Recipient address rejected: User unknown',
      },
    ])
  })

  it('reads several recipients in order, with LF line ends, lower-casing the action and extracting the status code', () => {
    const body = [
      'Reporting-MTA: dns; mx.example',
      '',
      'Final-Recipient: rfc822;ok@example.cn',
      'Action: Delivered',
      'Status: 2.0.0 (success)',
      '',
      'Original-Recipient: rfc822; late@example.cn',
      'Action: DELAYED',
      'Status: 4.4.7',
      '',
      'Final-Recipient: rfc822; gone@example.cn',
      'Action: failed',
      'Status: 5.2.2 (mailbox full)',
      'Diagnostic-Code: smtp; 552 5.2.2 Mailbox full',
    ].join('\n')
    expect(parseDeliveryStatus(body)).toEqual([
      { finalRecipient: 'ok@example.cn', action: 'delivered', status: '2.0.0' },
      { finalRecipient: 'late@example.cn', action: 'delayed', status: '4.4.7' },
      { finalRecipient: 'gone@example.cn', action: 'failed', status: '5.2.2', diagnosticCode: 'smtp; 552 5.2.2 Mailbox full' },
    ])
  })

  it('prefers Final-Recipient over Original-Recipient, and the first occurrence of a field', () => {
    const body =
      'Reporting-MTA: dns; x\n\nOriginal-Recipient: rfc822; alias@example.cn\nFinal-Recipient: rfc822; real@example.cn\nAction: failed\nAction: delivered'
    expect(parseDeliveryStatus(body)).toEqual([{ finalRecipient: 'real@example.cn', action: 'failed' }])
  })

  it('ignores the per-message group, groups about nothing, and lines without a field name', () => {
    const body = 'Reporting-MTA: dns; x\nAction: failed\n\nX-Note: nothing here\n\n: no name\nnot a field\nStatus: 5.0.0'
    expect(parseDeliveryStatus(body)).toEqual([{ status: '5.0.0' }])
  })

  it('is empty for an empty or per-message-only body', () => {
    expect(parseDeliveryStatus('')).toEqual([])
    expect(parseDeliveryStatus('Reporting-MTA: dns; x\r\n')).toEqual([])
  })
})

describe('failedRecipient', () => {
  const delivered: DeliveryStatusRecipient = { finalRecipient: 'a@x.cn', action: 'delivered', status: '2.0.0' }
  const delayed: DeliveryStatusRecipient = { finalRecipient: 'b@x.cn', action: 'delayed', status: '4.4.7' }
  const failed: DeliveryStatusRecipient = { finalRecipient: 'c@x.cn', action: 'failed', status: '5.1.1' }

  it('is the first recipient whose action is failed', () => {
    expect(failedRecipient([delivered, delayed, failed, { ...failed, finalRecipient: 'd@x.cn' }])).toBe(failed)
  })

  it('counts a permanent 5.x.x status without an action', () => {
    const noAction = { finalRecipient: 'e@x.cn', status: '5.7.1' }
    expect(failedRecipient([delayed, noAction])).toBe(noAction)
  })

  it('is undefined for delays, deliveries, 4.x.x without action, and a 5.x.x whose action says otherwise', () => {
    expect(failedRecipient([delivered, delayed, { status: '4.2.2' }, { action: 'delayed', status: '5.0.0' }])).toBeUndefined()
    expect(failedRecipient([])).toBeUndefined()
  })
})

describe('describeFailure', () => {
  it.each([
    [{ status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 User unknown' }, '550 5.1.1 User unknown'],
    [{ status: '5.2.2', diagnosticCode: 'X-Postfix; mailbox full' }, '5.2.2 mailbox full'],
    [{ status: '5.0.0' }, '5.0.0'],
    [{ diagnosticCode: 'smtp;550 rejected' }, '550 rejected'],
    [{ diagnosticCode: 'no type prefix' }, 'no type prefix'],
    [{ action: 'failed' }, 'bounced'],
    [{ diagnosticCode: 'smtp;   ' }, 'bounced'],
  ] as const)('%j → %j', (recipient, expected) => {
    expect(describeFailure(recipient)).toBe(expected)
  })

  it('keeps the reason at 300 characters at most', () => {
    const reason = describeFailure({ diagnosticCode: `smtp; 550 ${'x'.repeat(400)}` })
    expect(reason).toHaveLength(300)
    expect(reason.startsWith('550 xxx')).toBe(true)
    expect(reason.endsWith('x…')).toBe(true)
    expect(describeFailure({ diagnosticCode: `smtp; ${'y'.repeat(300)}` })).toBe('y'.repeat(300))
  })
})

describe('originalMessageId', () => {
  it('reads the Message-ID of returned headers (text/rfc822-headers)', () => {
    const headers = 'From: 12345 Hotline <12345@city.gov.cn>\r\nTo: nobody@example.cn\r\nMessage-ID: <msg_out_Ab12-Cd34_ef@city.gov.cn>\r\n'
    expect(originalMessageId(headers)).toBe('<msg_out_Ab12-Cd34_ef@city.gov.cn>')
  })

  it('reads a folded, differently cased header and keeps the id verbatim', () => {
    expect(originalMessageId('Subject: x\nmessage-id:\n <msg_out_1@City.Gov.CN>\nTo: y')).toBe('<msg_out_1@City.Gov.CN>')
  })

  it('reads only the header block of a whole returned message', () => {
    const message = 'From: a@x.cn\r\nMessage-Id: <first@city.gov.cn>\r\n\r\nQuoted body\r\nMessage-ID: <in-body@evil.example>\r\n'
    expect(originalMessageId(message)).toBe('<first@city.gov.cn>')
    expect(originalMessageId('From: a@x.cn\r\n\r\nMessage-ID: <in-body@evil.example>\r\n')).toBeUndefined()
  })

  it('is undefined without a usable Message-ID', () => {
    expect(originalMessageId('')).toBeUndefined()
    expect(originalMessageId('From: a@x.cn\nMessage-ID: <>\n')).toBeUndefined()
  })
})
