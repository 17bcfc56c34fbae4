/**
 * Loop and noise guards (RFC 3834 and common practice; channels.md D). Pure.
 * Automatic mail never opens a conversation: answering an auto-reply with an auto-reply is how
 * mail loops start, and bounces, newsletters and read receipts are not citizens' questions.
 * A delivery status notification (RFC 3464) is not noise: it reports on a mail the hub sent.
 */
import { isSystemSender, matchChannelAddress } from './email-address.js'

export type NoiseReason =
  | 'null_sender'
  | 'no_sender'
  | 'system_sender'
  | 'own_address'
  | 'auto_submitted'
  | 'precedence'
  | 'mailing_list'
  | 'auto_reply'
  | 'report'

export type EmailClass = { kind: 'conversation' } | { kind: 'delivery_report' } | { kind: 'noise'; reason: NoiseReason }

export interface GuardInput {
  /** Envelope sender: `''` for `MAIL FROM:<>`; undefined when unknown (IMAP). */
  envelopeFrom?: string | undefined
  /** The From address. */
  from?: string | undefined
  /** Raw header values by lower-case name (the first occurrence). */
  headers: Readonly<Record<string, string>>
  /** `multipart/report` and its `report-type`, when that is what the mail is. */
  contentType?: string | undefined
  reportType?: string | undefined
  channelAddresses: readonly string[]
}

/**
 * The headers parse-email keeps in the snapshot: those the guards read, plus the recipient
 * headers a mailbox adds (IMAP has no envelope: the reply token may only be there).
 */
export const GUARD_HEADERS = [
  'auto-submitted',
  'precedence',
  'list-id',
  'list-unsubscribe',
  'list-post',
  'x-autoreply',
  'x-autorespond',
  'x-autoresponder',
  'x-loop',
  'return-path',
  'delivered-to',
  'x-original-to',
] as const

export function classifyEmail(input: GuardInput): EmailClass {
  const contentType = input.contentType?.toLowerCase()
  const reportType = input.reportType?.toLowerCase()
  // Before the null-sender rule: DSNs are sent from <> precisely so that they are never bounced.
  if (contentType === 'multipart/report' && reportType === 'delivery-status') return { kind: 'delivery_report' }
  if (contentType === 'multipart/report') return noise('report')

  const returnPath = input.headers['return-path']?.trim()
  if (input.envelopeFrom === '' || returnPath === '<>') return noise('null_sender')
  if (!input.from) return noise('no_sender')
  if (isSystemSender(input.from)) return noise('system_sender')
  if (matchChannelAddress(input.from, input.channelAddresses)) return noise('own_address')

  const autoSubmitted = input.headers['auto-submitted']?.split(';')[0]?.trim().toLowerCase()
  if (autoSubmitted && autoSubmitted !== 'no') return noise('auto_submitted')
  const precedence = input.headers.precedence?.trim().toLowerCase()
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list' || precedence === 'auto_reply') return noise('precedence')
  if (input.headers['list-id'] !== undefined || input.headers['list-unsubscribe'] !== undefined || input.headers['list-post'] !== undefined) {
    return noise('mailing_list')
  }
  if (input.headers['x-autoreply'] !== undefined || input.headers['x-autorespond'] !== undefined || input.headers['x-autoresponder'] !== undefined) {
    return noise('auto_reply')
  }
  // A message that already went through this hotline (another hub instance's loop marker).
  if (input.headers['x-loop'] !== undefined && input.channelAddresses.some((address) => input.headers['x-loop']?.toLowerCase().includes(address))) {
    return noise('own_address')
  }
  return { kind: 'conversation' }
}

function noise(reason: NoiseReason): EmailClass {
  return { kind: 'noise', reason }
}
