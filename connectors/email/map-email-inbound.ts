/**
 * A mail snapshot → normalized events. Pure.
 * - A citizen's mail is one message; its Message-ID (normalized) is the dedupe key, or a digest
 *   of its headers and text when it has none.
 * - `thread` tells the hub which conversation the mail answers (the spec's ThreadHint).
 * - A bounce (DSN) of a mail the hub sent is a `failed` status for that mail's Message-ID.
 * - Automatic mail (auto-replies, lists, bounces of mail the hub did not send) maps to nothing.
 */
import type { Attachment, InboundEvent, InboundMessage, InboundStatusUpdate, MessageType, ThreadHint } from '../spec.js'
import { emailAttachmentUrl } from './attachment-store.js'
import { describeFailure, failedRecipient } from './delivery-report.js'
import { domainOf, matchChannelAddress } from './email-address.js'
import type { EmailThreadingConfig } from './email-config.js'
import type { EmailSnapshot } from './email-snapshot.js'
import { classifyEmail } from './mail-guards.js'
import { stripQuotedReply } from './strip-quoted-reply.js'
import { fallbackExternalId, isForwardSubject, lowerCaseDomain, threadReferences, tokenFromPlusTag, tokenFromSubject } from './thread-key.js'

/** Metadata values are stored with the message: keep the big ones bounded. */
const MAX_METADATA_HTML = 200_000
const MAX_METADATA_TEXT = 100_000

/** A citizen's mail always carries its thread hint. */
export type EmailInboundMessage = InboundMessage & { thread: ThreadHint }

export interface EmailInboundOptions {
  addresses: readonly string[]
  threading: Pick<EmailThreadingConfig, 'afterResolved' | 'unmatched'>
}

export function mapEmailInbound(snapshot: EmailSnapshot, options: EmailInboundOptions): InboundEvent[] {
  const verdict = classifyEmail({
    envelopeFrom: snapshot.envelope?.mailFrom,
    from: snapshot.from?.address,
    headers: snapshot.headers,
    contentType: snapshot.contentType,
    reportType: snapshot.reportType,
    channelAddresses: options.addresses,
  })
  switch (verdict.kind) {
    case 'noise':
      return []
    case 'delivery_report':
      return mapDeliveryReport(snapshot, options.addresses)
    case 'conversation':
      return [mapMessage(snapshot, options)]
  }
}

function mapMessage(snapshot: EmailSnapshot, options: EmailInboundOptions): EmailInboundMessage {
  // classifyEmail guarantees a From for conversations.
  const from = snapshot.from ?? { address: '' }
  const isReply = snapshot.inReplyTo !== undefined || snapshot.references.length > 0
  const quoted = isReply && !isForwardSubject(snapshot.subject) ? stripQuotedReply(snapshot.text) : { text: snapshot.text, stripped: false }
  const attachments: Attachment[] = snapshot.attachments.map((attachment) => ({
    url: emailAttachmentUrl(attachment.sha256),
    mimeType: attachment.mimeType,
    size: attachment.size,
    ...(attachment.name ? { name: attachment.name } : {}),
  }))
  const text = snapshot.truncated ? truncatedNotice(snapshot) : quoted.text
  const token = tokenOf(snapshot, options.addresses)

  const metadata: Record<string, string> = { source: snapshot.source }
  if (snapshot.subject) metadata.subject = snapshot.subject
  if (snapshot.messageId) metadata.messageId = snapshot.messageId
  if (snapshot.inReplyTo) metadata.inReplyTo = snapshot.inReplyTo
  if (snapshot.references.length > 0) metadata.references = snapshot.references.join(' ')
  if (snapshot.to.length > 0) metadata.to = snapshot.to.map((address) => address.address).join(', ')
  if (snapshot.cc.length > 0) metadata.cc = snapshot.cc.map((address) => address.address).join(', ')
  const replyTo = snapshot.replyTo[0]?.address
  if (replyTo && replyTo !== from.address) metadata.replyTo = replyTo
  if (snapshot.html && snapshot.html.length <= MAX_METADATA_HTML) metadata.html = snapshot.html
  else if (snapshot.html) metadata.htmlOmitted = 'too_large'
  if (snapshot.remoteImagesBlocked > 0) metadata.remoteImagesBlocked = String(snapshot.remoteImagesBlocked)
  const inline = snapshot.attachments.flatMap((attachment, index) => (attachment.inline ? [String(index)] : []))
  if (inline.length > 0) metadata.inlineAttachments = inline.join(',')
  if (quoted.stripped) metadata.fullText = snapshot.text.slice(0, MAX_METADATA_TEXT)
  if (snapshot.truncated) metadata.truncated = String(snapshot.size)

  return {
    kind: 'message',
    externalId:
      snapshot.messageId ??
      fallbackExternalId({
        from: from.address,
        to: snapshot.to.map((address) => address.address),
        ...(snapshot.subject !== undefined ? { subject: snapshot.subject } : {}),
        ...(snapshot.date ? { date: snapshot.date } : {}),
        text: snapshot.text,
      }),
    sender: { externalId: from.address, email: from.address, ...(from.name ? { displayName: from.name } : {}) },
    type: typeOf(text, attachments),
    text,
    ...(attachments.length > 0 ? { attachments } : {}),
    ...(snapshot.date ? { sentAt: new Date(snapshot.date) } : {}),
    metadata,
    thread: {
      references: threadReferences({ inReplyTo: snapshot.inReplyTo, references: snapshot.references }),
      ...(token ? { token } : {}),
      unmatched: options.threading.unmatched,
      resolved: options.threading.afterResolved,
    },
  }
}

/**
 * A bounce of one of the hub's mails: their Message-IDs carry a channel domain. Bounces of
 * anything else (backscatter from spam that forged the hotline's address) are dropped here,
 * because the hub retries receipts it cannot match yet.
 */
function mapDeliveryReport(snapshot: EmailSnapshot, addresses: readonly string[]): InboundStatusUpdate[] {
  const report = snapshot.deliveryReport
  const original = report?.originalMessageId
  if (!report || !original) return []
  const domains = new Set(addresses.map(domainOf))
  if (!domains.has(domainOf(original.slice(1, -1)))) return []
  const failed = failedRecipient(report.recipients)
  if (!failed) return []
  return [
    {
      kind: 'status',
      // As `send` returned it: the hub writes its own ids with a lower-case domain.
      externalId: lowerCaseDomain(original),
      status: 'failed',
      reason: describeFailure(failed),
      ...(snapshot.date ? { at: new Date(snapshot.date) } : {}),
    },
  ]
}

/** The conversation token: the plus tag of a channel address the mail went to, else the subject's `[#…]`. */
function tokenOf(snapshot: EmailSnapshot, addresses: readonly string[]): string | undefined {
  const recipients = [
    ...(snapshot.envelope?.rcptTo ?? []),
    ...snapshot.to.map((address) => address.address),
    ...snapshot.cc.map((address) => address.address),
    ...[snapshot.headers['delivered-to'], snapshot.headers['x-original-to']].filter((value) => value !== undefined),
  ]
  for (const recipient of recipients) {
    const token = tokenFromPlusTag(matchChannelAddress(recipient.replace(/^<|>$/g, ''), addresses)?.tag)
    if (token) return token
  }
  return tokenFromSubject(snapshot.subject)
}

function truncatedNotice(snapshot: EmailSnapshot): string {
  const megabytes = (snapshot.size / (1024 * 1024)).toFixed(1)
  return `[This mail (${megabytes} MB) is over the channel's size limit: its text and attachments were not taken. Open it in the mailbox.]`
}

function typeOf(text: string, attachments: readonly Attachment[]): MessageType {
  const first = attachments[0]
  if (text.trim() || !first) return 'text'
  const family = first.mimeType.split('/')[0]?.toLowerCase()
  if (family === 'image' || family === 'audio' || family === 'video') return family
  return 'file'
}
