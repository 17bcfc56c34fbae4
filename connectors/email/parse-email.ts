/**
 * A raw mail (RFC 5322 bytes) → the snapshot the listener enqueues, plus the attachment bytes to
 * stage. mailparser does the MIME work: transfer encodings (quoted-printable, base64), charsets
 * through iconv-lite (GB2312/GBK/GB18030, Big5, UTF-8…), RFC 2047 encoded words in headers.
 * Asynchronous because mailparser is; otherwise free of I/O.
 */
import { createHash } from 'node:crypto'
import { type AddressObject, type Attachment as ParsedAttachment, type ParsedMail, simpleParser } from 'mailparser'
import { failedRecipient, originalMessageId, parseDeliveryStatus } from './delivery-report.js'
import { normalizeAddress } from './email-address.js'
import type { EmailAttachmentSnapshot, EmailSnapshot, EmailSnapshotAddress } from './email-snapshot.js'
import { GUARD_HEADERS } from './mail-guards.js'
import { normalizeContentId, sanitizeEmailHtml } from './sanitize-email-html.js'
import { normalizeMessageId, parseMessageIdList } from './thread-key.js'

/** Longer plain text is cut (a mail is not a document store); longer HTML is dropped, the text stays. */
export const MAX_TEXT_CHARS = 200_000
export const MAX_HTML_CHARS = 500_000

export interface ParseEmailOptions {
  source: 'smtp' | 'imap'
  envelope?: { mailFrom: string; rcptTo: string[] }
  imap?: { mailbox: string; uidValidity: string; uid: number }
  allowRemoteImages: boolean
  /** The mail was over the size limit and `raw` holds only its headers; this is its real size. */
  truncatedSize?: number
}

export interface EmailFile {
  sha256: string
  bytes: Uint8Array
  mimeType: string
}

export interface ParsedEmail {
  snapshot: EmailSnapshot
  /** Bytes of `snapshot.attachments`, one per distinct SHA-256. */
  files: EmailFile[]
}

const REPORT_PARTS = new Set(['message/delivery-status', 'message/global-delivery-status', 'text/rfc822-headers', 'message/rfc822', 'message/global-headers'])

export async function parseEmail(raw: Buffer | string, options: ParseEmailOptions): Promise<ParsedEmail> {
  const mail = await simpleParser(raw, { keepCidLinks: true, keepDeliveryStatus: true })
  const contentType = structuredHeader(mail, 'content-type')
  const isDeliveryReport = contentType?.value.toLowerCase() === 'multipart/report' && contentType.params['report-type']?.toLowerCase() === 'delivery-status'

  const files = new Map<string, EmailFile>()
  const attachments: EmailAttachmentSnapshot[] = []
  if (!isDeliveryReport) {
    for (const part of mail.attachments) {
      const bytes = part.content
      const sha256 = createHash('sha256').update(bytes).digest('hex')
      files.set(sha256, { sha256, bytes: new Uint8Array(bytes), mimeType: part.contentType })
      attachments.push(describeAttachment(part, sha256))
    }
  }

  const inlineImages = new Map<string, number>()
  attachments.forEach((attachment, index) => {
    if (attachment.contentId && !inlineImages.has(attachment.contentId)) inlineImages.set(attachment.contentId, index)
  })
  const sanitized =
    typeof mail.html === 'string' && mail.html.length <= MAX_HTML_CHARS * 2
      ? sanitizeEmailHtml(mail.html, { allowRemoteImages: options.allowRemoteImages, inlineImages })
      : undefined
  const html = sanitized && sanitized.html.length > 0 && sanitized.html.length <= MAX_HTML_CHARS ? sanitized.html : undefined

  const messageId = normalizeMessageId(mail.messageId)
  const inReplyToIds = parseMessageIdList(mail.inReplyTo)
  const [inReplyTo] = inReplyToIds
  const references = [...new Set([...parseMessageIdList(mail.references), ...inReplyToIds.slice(1)])]
  const from = addressesOf(mail.from)[0]
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : undefined
  const text = (mail.text ?? '').replace(/\s+$/, '')

  const snapshot: EmailSnapshot = {
    version: 1,
    source: options.source,
    ...(options.envelope ? { envelope: { mailFrom: normalizeAddress(options.envelope.mailFrom), rcptTo: options.envelope.rcptTo.map(normalizeAddress) } } : {}),
    ...(options.imap ? { imap: options.imap } : {}),
    ...(messageId ? { messageId } : {}),
    ...(inReplyTo ? { inReplyTo } : {}),
    references,
    ...(from ? { from } : {}),
    replyTo: addressesOf(mail.replyTo),
    to: addressesOf(mail.to),
    cc: addressesOf(mail.cc),
    ...(mail.subject !== undefined ? { subject: mail.subject } : {}),
    ...(date ? { date } : {}),
    text: text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS)}…` : text,
    ...(html ? { html } : {}),
    remoteImagesBlocked: sanitized?.remoteImagesBlocked ?? 0,
    headers: guardHeaders(mail),
    ...(contentType ? { contentType: contentType.value.toLowerCase() } : {}),
    ...(contentType?.params['report-type'] ? { reportType: contentType.params['report-type'].toLowerCase() } : {}),
    attachments,
    ...(isDeliveryReport ? { deliveryReport: deliveryReportOf(mail) } : {}),
    size: options.truncatedSize ?? (typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length),
    truncated: options.truncatedSize !== undefined,
  }
  return { snapshot, files: [...files.values()] }
}

function describeAttachment(part: ParsedAttachment, sha256: string): EmailAttachmentSnapshot {
  const contentId = part.contentId ?? part.cid
  const normalizedId = contentId ? normalizeContentId(contentId) : undefined
  const disposition = part.contentDisposition?.toLowerCase()
  return {
    sha256,
    size: part.size ?? part.content.length,
    mimeType: part.contentType.toLowerCase(),
    ...(part.filename ? { name: part.filename } : {}),
    ...(normalizedId ? { contentId: normalizedId } : {}),
    inline: Boolean(normalizedId) && (part.related === true || disposition === 'inline'),
  }
}

function deliveryReportOf(mail: ParsedMail): NonNullable<EmailSnapshot['deliveryReport']> {
  const statusPart = mail.attachments.find((part) => part.contentType.toLowerCase().endsWith('delivery-status'))
  const returned = mail.attachments.find(
    (part) => REPORT_PARTS.has(part.contentType.toLowerCase()) && !part.contentType.toLowerCase().endsWith('delivery-status'),
  )
  const recipients = statusPart ? parseDeliveryStatus(statusPart.content.toString('utf8')) : []
  const original = returned ? originalMessageId(returned.content.toString('utf8')) : undefined
  // Failed recipients first: the mapper reports the first failure.
  const failed = failedRecipient(recipients)
  return {
    ...(original ? { originalMessageId: original } : {}),
    recipients: failed ? [failed, ...recipients.filter((recipient) => recipient !== failed)] : recipients,
  }
}

/** A structured header (`content-type`) as mailparser gives it: value plus parameters. */
function structuredHeader(mail: ParsedMail, name: string): { value: string; params: Record<string, string> } | undefined {
  const header: unknown = mail.headers.get(name)
  if (typeof header !== 'object' || header === null || !('value' in header) || typeof header.value !== 'string') return undefined
  const params: Record<string, string> = {}
  if ('params' in header && typeof header.params === 'object' && header.params !== null) {
    for (const [key, value] of Object.entries(header.params)) if (typeof value === 'string') params[key.toLowerCase()] = value
  }
  return { value: header.value, params }
}

/** The guard headers' raw values (first occurrence), from the unparsed header lines. */
function guardHeaders(mail: ParsedMail): Record<string, string> {
  const wanted = new Set<string>(GUARD_HEADERS)
  const headers: Record<string, string> = {}
  for (const { key, line } of mail.headerLines) {
    const name = key.toLowerCase()
    if (!wanted.has(name) || name in headers) continue
    const colon = line.indexOf(':')
    headers[name] = line
      .slice(colon + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim()
      .slice(0, 500)
  }
  return headers
}

function addressesOf(value: AddressObject | AddressObject[] | undefined): EmailSnapshotAddress[] {
  if (!value) return []
  const result: EmailSnapshotAddress[] = []
  const visit = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.group) visit(entry.group)
      else if (entry.address) result.push({ address: normalizeAddress(entry.address), ...(entry.name ? { name: entry.name } : {}) })
    }
  }
  for (const object of Array.isArray(value) ? value : [value]) visit(object.value)
  return result
}
