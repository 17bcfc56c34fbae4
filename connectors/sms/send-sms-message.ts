/**
 * A normalized outbound message → one Twilio message (`client.messages.create`), with the status
 * callback that brings delivery receipts back. Checks what it can before calling Twilio, so an
 * agent hears at once why a reply cannot go out.
 */
import { ConnectorSendError, type OutboundMessage, type SendResult, type SendWarning } from '../spec.js'
import type { TwilioClient } from '../twilio/twilio-client.js'
import { E164_PATTERN } from '../twilio/twilio-config-fields.js'
import { twilioSendError } from '../twilio/twilio-error.js'
import { twilioMediaSource } from '../twilio/twilio-media.js'
import { mapTwilioMessageStatus } from './map-sms-status.js'
import { countSmsSegments } from './sms-segments.js'

/** Twilio refuses bodies above 1600 characters (error 21617). */
export const TWILIO_MAX_BODY_LENGTH = 1600
/** Twilio accepts at most 10 media URLs per MMS. */
const MAX_MEDIA = 10

export interface SendSmsContext {
  client: TwilioClient
  /** Exactly one of `from` and `messagingServiceSid`. */
  from?: string
  messagingServiceSid?: string
  statusCallbackUrl: string
  /**
   * Turns a file the hub stores (`/api/media/…`, behind a session) into a URL Twilio can fetch
   * without one (signed, short-lived). Without it such attachments cannot go out as MMS.
   */
  publicMediaUrl?: (url: string) => Promise<string>
  mms: boolean
  maxSegments: number
}

export async function sendSmsMessage(message: OutboundMessage, context: SendSmsContext): Promise<SendResult> {
  // Read defensively: `template` is a recent, optional addition to the spec.
  if ((message as { template?: unknown }).template) {
    throw refuse('templates_unsupported', 'This SMS channel sends plain text; it has no provider templates.')
  }
  const to = message.recipient.externalId
  if (!E164_PATTERN.test(to)) throw refuse('invalid_recipient', 'The recipient is not an E.164 phone number.')

  const warnings: SendWarning[] = []
  const text = message.text?.trim() ?? ''
  let mediaUrls: string[] = []
  switch (message.type) {
    case 'text':
      if (!text) throw refuse('empty_message', 'The message has no text.')
      if (message.attachments?.length) {
        if (context.mms) mediaUrls = await mediaUrlsOf(message, context)
        else warnings.push({ type: 'unsupported', feature: 'attachments', details: 'This SMS channel does not send MMS; attachments were left out.' })
      }
      break
    case 'image':
    case 'audio':
    case 'video':
    case 'file':
      if (!context.mms) throw refuse('unsupported_message_type', `This SMS channel does not send MMS, so it cannot send "${message.type}".`)
      mediaUrls = await mediaUrlsOf(message, context)
      if (mediaUrls.length === 0) throw refuse('attachment_missing', `An ${message.type} message needs an attachment.`)
      break
    default:
      throw refuse('unsupported_message_type', `SMS cannot carry "${message.type}".`)
  }
  if (mediaUrls.length > MAX_MEDIA) {
    warnings.push({ type: 'unsupported', feature: 'attachments', details: `Only the first ${MAX_MEDIA} attachments were sent.` })
    mediaUrls = mediaUrls.slice(0, MAX_MEDIA)
  }
  if (text) {
    const { segments } = countSmsSegments(text)
    if (text.length > TWILIO_MAX_BODY_LENGTH || segments > context.maxSegments) {
      throw refuse(
        'text_too_long',
        `The text needs ${segments} SMS segments; this channel allows ${context.maxSegments} (and at most ${TWILIO_MAX_BODY_LENGTH} characters).`,
      )
    }
  }

  let created: { sid: string; status: string }
  try {
    created = await context.client.messages.create({
      to,
      ...(context.messagingServiceSid ? { messagingServiceSid: context.messagingServiceSid } : { from: context.from ?? '' }),
      ...(text ? { body: text } : {}),
      ...(mediaUrls.length > 0 ? { mediaUrl: mediaUrls } : {}),
      statusCallback: context.statusCallbackUrl,
    })
  } catch (error) {
    throw twilioSendError(error)
  }
  return {
    externalId: created.sid,
    status: mapTwilioMessageStatus(created.status) ?? 'queued',
    ...(warnings.length > 0 ? { warnings } : {}),
  }
}

/** URLs Twilio can fetch itself (Twilio has no media upload for messages: MMS media go by URL). */
async function mediaUrlsOf(message: OutboundMessage, context: Pick<SendSmsContext, 'publicMediaUrl'>): Promise<string[]> {
  const urls: string[] = []
  for (const attachment of message.attachments ?? []) {
    const source = twilioMediaSource(attachment.url) ?? attachment.url
    if (source.startsWith('/')) {
      if (!context.publicMediaUrl) throw refuse('attachment_not_public', 'Files stored in the hub need a public link for Twilio, and this hub gives none.')
      urls.push(await context.publicMediaUrl(source))
      continue
    }
    if (!/^https?:\/\//i.test(source)) throw refuse('attachment_unreachable', 'Attachment URLs must be http(s) for Twilio to fetch them.')
    urls.push(source)
  }
  return urls
}

function refuse(code: string, message: string): ConnectorSendError {
  return new ConnectorSendError({ code, message, isRetryable: false })
}
