/**
 * An inbound SMS/MMS webhook (channels.md C1) → normalized events. Pure.
 * - MessageSid is the dedupe key (Twilio retries a webhook that timed out).
 * - MMS media become `twilio-media:` attachments for the download job: never hotlinked.
 * - A whole-body STOP/START keyword adds an unsubscribed/subscribed signal next to the message,
 *   so the agent still sees what the citizen wrote.
 */
import type { Attachment, InboundEvent, InboundMessage, InboundSender, MessageType } from '../spec.js'
import { E164_PATTERN } from '../twilio/twilio-config-fields.js'
import { integerParam, param, type TwilioParams } from '../twilio/twilio-form.js'
import { twilioMediaUrl } from '../twilio/twilio-media.js'
import { detectSmsKeyword, type SmsKeywordMatch, type SmsKeywordSets } from './sms-keywords.js'

/** Twilio sends at most 10 media per MMS. */
const MAX_MEDIA = 10

const METADATA_FIELDS: Readonly<Record<string, string>> = {
  To: 'to',
  MessagingServiceSid: 'messagingServiceSid',
  NumSegments: 'numSegments',
  NumMedia: 'numMedia',
  FromCountry: 'fromCountry',
  FromState: 'fromState',
  FromCity: 'fromCity',
  WaId: 'waId',
}

export function mapSmsInbound(params: TwilioParams, options: { keywords: SmsKeywordSets }): InboundEvent[] {
  const messageId = param(params, 'MessageSid') ?? param(params, 'SmsMessageSid') ?? param(params, 'SmsSid')
  const from = param(params, 'From')
  if (!messageId || !from) return []

  const sender = senderOf(params, from)
  const attachments = mediaOf(params)
  const body = typeof params.Body === 'string' ? params.Body : (param(params, 'Body') ?? '')
  const metadata: Record<string, string> = {}
  for (const [field, key] of Object.entries(METADATA_FIELDS)) {
    const value = param(params, field)
    if (value) metadata[key] = value
  }

  const message: InboundMessage = {
    kind: 'message',
    externalId: messageId,
    sender,
    type: typeOf(attachments),
    ...(body.trim() || attachments.length === 0 ? { text: body.trim() } : {}),
    ...(attachments.length > 0 ? { attachments } : {}),
    metadata,
  }
  const events: InboundEvent[] = [message]

  const keyword = keywordOfInbound(params, options.keywords)
  if (keyword && keyword.kind !== 'help') {
    const signal = keyword.kind === 'stop' ? 'unsubscribed' : 'subscribed'
    events.push({
      kind: 'signal',
      signal,
      sender,
      externalId: `${messageId}:${signal}`,
      metadata: { keyword: keyword.keyword, language: keyword.language },
    })
  }
  return events
}

/** The STOP/START/HELP keyword an inbound webhook is, if any. Text-only, as carriers and Twilio treat keywords. */
export function keywordOfInbound(params: TwilioParams, keywords: SmsKeywordSets): SmsKeywordMatch | undefined {
  if ((integerParam(params, 'NumMedia') ?? 0) > 0) return undefined
  const body = params.Body
  return detectSmsKeyword(typeof body === 'string' ? body : body?.[0], keywords)
}

function senderOf(params: TwilioParams, from: string): InboundSender {
  const profileName = param(params, 'ProfileName')
  const phone = from.replace(/^whatsapp:/, '')
  return {
    externalId: from,
    ...(E164_PATTERN.test(phone) ? { phone } : {}),
    ...(profileName ? { displayName: profileName } : {}),
  }
}

function mediaOf(params: TwilioParams): Attachment[] {
  const count = Math.min(integerParam(params, 'NumMedia') ?? 0, MAX_MEDIA)
  const attachments: Attachment[] = []
  for (let index = 0; index < count; index += 1) {
    const url = param(params, `MediaUrl${index}`)
    if (!url || !/^https:\/\//i.test(url)) continue
    attachments.push({ url: twilioMediaUrl(url), mimeType: param(params, `MediaContentType${index}`) ?? 'application/octet-stream' })
  }
  return attachments
}

function typeOf(attachments: readonly Attachment[]): MessageType {
  const first = attachments[0]
  if (!first) return 'text'
  const family = first.mimeType.split('/')[0]?.toLowerCase()
  if (family === 'image' || family === 'audio' || family === 'video') return family
  return 'file'
}
