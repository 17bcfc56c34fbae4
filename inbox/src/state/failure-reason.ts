/**
 * Why an outbound message failed, in words. Connectors and the outbound worker report short
 * codes (`statusReason`); known ones get a sentence, unknown ones are shown verbatim so an
 * agent can still quote them to support.
 */
import type { MessageDto } from '../../../server/presenters/dto.js'
import type { MessageKey } from '../i18n/en.js'
import type { Translate } from '../i18n/languages.js'

export const REPLY_WINDOW_EXPIRED = 'reply_window_expired'

const REASONS: ReadonlyMap<string, MessageKey> = new Map([
  [REPLY_WINDOW_EXPIRED, 'failure.replyWindowExpired'],
  ['recipient_opted_out', 'failure.recipientOptedOut'],
  // WeChat's own code for the same situation (errcode 43004).
  ['recipient_unsubscribed', 'failure.recipientOptedOut'],
  ['reply_quota_exceeded', 'failure.replyQuotaExceeded'],
  ['text_too_long', 'failure.textTooLong'],
  ['unsupported_message_type', 'failure.unsupportedMessageType'],
  ['send_failed', 'failure.sendFailed'],
  ['smtp_rejected', 'failure.smtpRejected'],
  ['recipient_rejected', 'failure.recipientRejected'],
  ['smtp_unavailable', 'failure.smtpUnavailable'],
  ['smtp_auth_failed', 'failure.smtpAuthFailed'],
])

export function failureReasonKey(code: string): MessageKey | null {
  return REASONS.get(code) ?? null
}

export function failureReasonText(code: string, t: Translate): string {
  const key = failureReasonKey(code)
  return key ? t(key) : code
}

/** A failed reply that only failed because the window closed can go out as the channel's reply template. */
export function canResendAsTemplate(
  message: Pick<MessageDto, 'direction' | 'private' | 'status' | 'statusReason' | 'sentAsTemplate'>,
  channelSendsTemplates: boolean,
): boolean {
  return (
    channelSendsTemplates &&
    message.direction === 'outbound' &&
    !message.private &&
    message.status === 'failed' &&
    message.statusReason === REPLY_WINDOW_EXPIRED &&
    message.sentAsTemplate !== true
  )
}
