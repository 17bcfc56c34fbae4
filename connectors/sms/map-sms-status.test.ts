import { describe, expect, it } from 'vitest'
import { mapSmsStatusCallback, mapTwilioMessageStatus } from './map-sms-status.js'

const SID = `SM${'2'.repeat(32)}`
const callback = (status: string, extra: Record<string, string> = {}) => ({
  AccountSid: `AC${'a'.repeat(32)}`,
  MessageSid: SID,
  SmsSid: SID,
  MessageStatus: status,
  SmsStatus: status,
  From: '+14155550100',
  To: '+8613800000000',
  ApiVersion: '2010-04-01',
  ...extra,
})

describe('mapSmsStatusCallback', () => {
  it.each([
    ['queued', 'queued'],
    ['accepted', 'queued'],
    ['scheduled', 'queued'],
    ['sending', 'queued'],
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['read', 'read'],
  ])('%s → %s, without a reason', (twilioStatus, status) => {
    expect(mapSmsStatusCallback(callback(twilioStatus))).toEqual([{ kind: 'status', externalId: SID, status }])
  })

  it('turns undelivered and failed into failed, with the status and ErrorCode as the reason', () => {
    expect(mapSmsStatusCallback(callback('undelivered', { ErrorCode: '30003' }))).toEqual([
      { kind: 'status', externalId: SID, status: 'failed', reason: 'undelivered:30003' },
    ])
    expect(mapSmsStatusCallback(callback('failed', { ErrorCode: '30008' }))).toEqual([
      { kind: 'status', externalId: SID, status: 'failed', reason: 'failed:30008' },
    ])
    expect(mapSmsStatusCallback(callback('failed'))).toEqual([{ kind: 'status', externalId: SID, status: 'failed', reason: 'failed' }])
    expect(mapSmsStatusCallback(callback('canceled'))).toEqual([{ kind: 'status', externalId: SID, status: 'failed', reason: 'canceled' }])
  })

  it('ignores an ErrorCode of 0 and one on a success', () => {
    expect(mapSmsStatusCallback(callback('failed', { ErrorCode: '0' }))[0]).toMatchObject({ reason: 'failed' })
    expect(mapSmsStatusCallback(callback('delivered', { ErrorCode: '30003' }))[0]).not.toHaveProperty('reason')
  })

  it('reads the legacy SmsSid/SmsStatus pair when the new names are absent', () => {
    expect(mapSmsStatusCallback({ SmsSid: SID, SmsStatus: 'delivered' })).toEqual([{ kind: 'status', externalId: SID, status: 'delivered' }])
  })

  it('yields nothing for inbound statuses, unknown statuses or a missing id', () => {
    expect(mapSmsStatusCallback(callback('received'))).toEqual([])
    expect(mapSmsStatusCallback(callback('teleported'))).toEqual([])
    expect(mapSmsStatusCallback({ MessageStatus: 'sent' })).toEqual([])
  })
})

describe('mapTwilioMessageStatus', () => {
  it('is case-insensitive and undefined for nothing', () => {
    expect(mapTwilioMessageStatus('Delivered')).toBe('delivered')
    expect(mapTwilioMessageStatus(undefined)).toBeUndefined()
    expect(mapTwilioMessageStatus('partially_delivered')).toBe('delivered')
  })
})
