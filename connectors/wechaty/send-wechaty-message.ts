/**
 * A normalized outbound message → `contact.say(text)` or `room.say(text)` on the running bot.
 * Text only for now: attachments are reported as unsupported warnings, and a message with no text
 * at all is refused (the hub should not offer media on this channel: see the capabilities).
 */
import type { Contact, Room, Wechaty } from 'wechaty'
import { ConnectorSendError, type OutboundMessage, type SendResult, type SendWarning } from '../spec.js'
import { parseWechatyRecipient } from './wechaty-recipient.js'

/** Conservative: WeChat clients fold or cut very long texts; the inbox keeps replies below this. */
export const WECHATY_MAX_TEXT_LENGTH = 2000

export async function sendWechatyMessage(bot: Wechaty, message: OutboundMessage): Promise<SendResult> {
  const text = message.text ?? ''
  if (text.trim().length === 0) {
    throw new ConnectorSendError({
      code: message.type === 'text' ? 'empty_message' : 'unsupported_message_type',
      message: `The Wechaty channel sends text only; this ${message.type} message has no text.`,
      isRetryable: false,
    })
  }
  if (text.length > WECHATY_MAX_TEXT_LENGTH) {
    throw new ConnectorSendError({
      code: 'text_too_long',
      message: `Wechaty text messages are limited to ${WECHATY_MAX_TEXT_LENGTH} characters (this one has ${text.length}).`,
      isRetryable: false,
    })
  }
  const warnings: SendWarning[] = []
  if (message.attachments?.length)
    warnings.push({ type: 'unsupported', feature: 'attachments', details: 'Only the text was sent: Wechaty media is not supported yet.' })

  const recipient = parseWechatyRecipient(message.recipient.externalId)
  if (!recipient) throw recipientNotFound(message.recipient.externalId)
  let target: Contact | Room | undefined
  try {
    target = recipient.kind === 'room' ? await bot.Room.find({ id: recipient.id }) : await bot.Contact.find({ id: recipient.id })
  } catch (error) {
    // The puppet failed the lookup itself (connection to a puppet service lost…): worth another try.
    throw new ConnectorSendError({ code: 'lookup_failed', message: `Looking up the ${recipient.kind} failed.`, isRetryable: true, cause: error })
  }
  if (!target) throw recipientNotFound(message.recipient.externalId)

  let sentId: string | undefined
  try {
    const sent = await target.say(text)
    sentId = sent ? sent.id : undefined
  } catch (error) {
    throw new ConnectorSendError({ code: 'say_failed', message: `The puppet could not deliver to the ${recipient.kind}.`, isRetryable: true, cause: error })
  }
  // Puppets that report the sent message's id give receipts something to refer to; others get the hub's id.
  return { externalId: sentId ?? message.messageId, status: 'sent', ...(warnings.length > 0 ? { warnings } : {}) }
}

function recipientNotFound(externalId: string): ConnectorSendError {
  return new ConnectorSendError({
    code: 'recipient_not_found',
    message: `The bot knows no contact or room "${externalId}" (not a friend any more, or the bot left the room).`,
    statusCode: 404,
    isRetryable: false,
  })
}
