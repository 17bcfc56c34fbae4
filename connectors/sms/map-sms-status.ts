/**
 * Outbound message status callbacks (channels.md C3) → status updates. Pure.
 * Twilio's path is queued → sending → sent → delivered | undelivered, or → failed; callbacks
 * come out of order and twice, which the hub's monotonic status handles (isStatusAdvance).
 * A failure's reason is `<twilio status>` plus `:<ErrorCode>` when Twilio gives one
 * (`undelivered:30003` = unreachable handset).
 */
import type { DeliveryStatus, InboundEvent } from '../spec.js'
import { param, type TwilioParams } from '../twilio/twilio-form.js'

const STATUS_MAP: Readonly<Record<string, DeliveryStatus>> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  partially_delivered: 'delivered',
  read: 'read',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
}

/** Twilio's message status → the spec's; undefined for statuses of inbound messages (receiving, received) or unknown ones. */
export function mapTwilioMessageStatus(status: string | undefined): DeliveryStatus | undefined {
  return status ? STATUS_MAP[status.toLowerCase()] : undefined
}

export function mapSmsStatusCallback(params: TwilioParams): InboundEvent[] {
  const messageId = param(params, 'MessageSid') ?? param(params, 'SmsSid')
  const twilioStatus = (param(params, 'MessageStatus') ?? param(params, 'SmsStatus'))?.toLowerCase()
  const status = mapTwilioMessageStatus(twilioStatus)
  if (!messageId || !twilioStatus || !status) return []
  const errorCode = param(params, 'ErrorCode')
  const reason = status === 'failed' ? (errorCode && errorCode !== '0' ? `${twilioStatus}:${errorCode}` : twilioStatus) : undefined
  return [{ kind: 'status', externalId: messageId, status, ...(reason ? { reason } : {}) }]
}
