/**
 * Sends an agent's reply through the relay (nodemailer). The provider id it returns is the
 * mail's Message-ID, which is what a bounce names: the hub's receipt lookup finds the message by it.
 */
import type { SendMailOptions } from 'nodemailer'
import { type ConnectorDependencies, ConnectorSendError, type OutboundMessage, type SendResult } from '../spec.js'
import { buildOutboundEmail, type OutboundEmailSettings } from './build-outbound-email.js'
import { mapSmtpSendError } from './smtp-send-error.js'

/** What `send` needs of a nodemailer transporter (tests pass their own). */
export interface EmailTransport {
  sendMail(options: SendMailOptions): Promise<unknown>
}

export interface SendEmailOptions {
  transport: EmailTransport
  settings: OutboundEmailSettings
  loadMedia?: ConnectorDependencies['loadMedia']
}

export async function sendEmailMessage(message: OutboundMessage, options: SendEmailOptions): Promise<SendResult> {
  if (message.template) {
    throw new ConnectorSendError({ code: 'templates_unsupported', message: 'Email channels send no provider templates.', isRetryable: false })
  }
  const attachments = await loadAttachments(message, options.loadMedia)
  if (!message.text?.trim() && attachments.length === 0) {
    throw new ConnectorSendError({ code: 'empty_message', message: 'A mail needs text or an attachment.', isRetryable: false })
  }
  const email = buildOutboundEmail(message, options.settings)
  try {
    await options.transport.sendMail({
      from: email.from,
      to: email.to,
      ...(email.replyTo ? { replyTo: email.replyTo } : {}),
      subject: email.subject,
      messageId: email.messageId,
      ...(email.inReplyTo ? { inReplyTo: email.inReplyTo } : {}),
      ...(email.references ? { references: email.references } : {}),
      text: email.text,
      html: email.html,
      headers: email.headers,
      ...(attachments.length > 0 ? { attachments } : {}),
    })
  } catch (error) {
    throw mapSmtpSendError(error)
  }
  return { externalId: email.messageId, status: 'sent' }
}

async function loadAttachments(message: OutboundMessage, loadMedia: SendEmailOptions['loadMedia']): Promise<NonNullable<SendMailOptions['attachments']>> {
  const wanted = message.attachments ?? []
  if (wanted.length === 0) return []
  if (!loadMedia) {
    throw new ConnectorSendError({ code: 'attachments_unavailable', message: 'This hub cannot read stored files for email attachments.', isRetryable: false })
  }
  const attachments: NonNullable<SendMailOptions['attachments']> = []
  for (const [index, attachment] of wanted.entries()) {
    const media = await loadMedia(attachment.url)
    if (!media) throw new ConnectorSendError({ code: 'attachment_missing', message: `Attachment ${attachment.url} is no longer stored.`, isRetryable: false })
    attachments.push({
      filename: attachment.name ?? media.name ?? `attachment-${index + 1}${extensionOf(media.mimeType)}`,
      content: Buffer.from(media.bytes),
      contentType: media.mimeType,
    })
  }
  return attachments
}

function extensionOf(mimeType: string): string {
  const known: Record<string, string> = {
    'image/jpeg': '.jpg',
    'image/png': '.png',
    'image/gif': '.gif',
    'application/pdf': '.pdf',
    'audio/mpeg': '.mp3',
    'video/mp4': '.mp4',
  }
  return known[mimeType.toLowerCase()] ?? ''
}
