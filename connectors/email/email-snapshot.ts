/**
 * What the listener (SMTP) and the poller (IMAP) enqueue for each mail: the mail parsed once,
 * in the listener (mailparser is asynchronous), as plain JSON in the body of an `InboundRequest`,
 * so that `parseInbound` stays pure and synchronous in whichever worker runs it.
 * Attachment bytes are not in here: they wait in the shared cache under their SHA-256
 * (attachment-store.ts) for the hub's media job. `version` lets a worker refuse snapshots
 * written by a future listener instead of misreading them.
 */
import { z } from 'zod'
import type { InboundRequest } from '../spec.js'

/** The pseudo HTTP method and url of listener requests (they never come from the network). */
export const EMAIL_LISTEN_METHOD = 'LISTEN'
export const EMAIL_LISTEN_URL = '/listen/email'

const addressSchema = z.object({ address: z.string().min(1), name: z.string().optional() })

export const emailAttachmentSnapshotSchema = z.object({
  /** Hex SHA-256 of the bytes: the key they are staged under, and the placeholder url's id. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  mimeType: z.string().min(1),
  name: z.string().optional(),
  /** Content-ID without `<>`, for parts the HTML shows inline. */
  contentId: z.string().optional(),
  /** Shown inside the HTML (Content-Disposition inline or a related part) rather than offered as a file. */
  inline: z.boolean(),
})

export const emailSnapshotSchema = z.object({
  version: z.literal(1),
  source: z.enum(['smtp', 'imap']),
  /** SMTP envelope: `mailFrom` is `''` for `MAIL FROM:<>` (bounces). Absent for IMAP. */
  envelope: z.object({ mailFrom: z.string(), rcptTo: z.array(z.string()) }).optional(),
  /** Where the poller took it from (for audits). */
  imap: z.object({ mailbox: z.string(), uidValidity: z.string(), uid: z.number().int().nonnegative() }).optional(),
  /** Normalized `<id>` (thread-key.ts); absent when the mail has none. */
  messageId: z.string().optional(),
  inReplyTo: z.string().optional(),
  /** Normalized References, oldest first. */
  references: z.array(z.string()),
  from: addressSchema.optional(),
  replyTo: z.array(addressSchema),
  to: z.array(addressSchema),
  cc: z.array(addressSchema),
  subject: z.string().optional(),
  /** The Date header, ISO 8601. */
  date: z.string().optional(),
  /** Plain text (the text part, or text made from the HTML). */
  text: z.string(),
  /** Sanitized HTML (sanitize-email-html.ts); absent for plain-text mail or when too large to keep. */
  html: z.string().optional(),
  remoteImagesBlocked: z.number().int().nonnegative(),
  /** The guard headers (mail-guards.ts GUARD_HEADERS), by lower-case name. */
  headers: z.record(z.string(), z.string()),
  /** The top-level content type and report type, for the guards. */
  contentType: z.string().optional(),
  reportType: z.string().optional(),
  attachments: z.array(emailAttachmentSnapshotSchema),
  /** For a delivery status notification: which mail bounced and why. */
  deliveryReport: z
    .object({
      originalMessageId: z.string().optional(),
      recipients: z.array(
        z.object({
          finalRecipient: z.string().optional(),
          action: z.string().optional(),
          status: z.string().optional(),
          diagnosticCode: z.string().optional(),
        }),
      ),
    })
    .optional(),
  /** Size in bytes of the raw mail. */
  size: z.number().int().nonnegative(),
  /** The mail was over the size limit: only its headers were taken. */
  truncated: z.boolean(),
})

export type EmailSnapshot = z.output<typeof emailSnapshotSchema>
export type EmailAttachmentSnapshot = z.output<typeof emailAttachmentSnapshotSchema>
export type EmailSnapshotAddress = z.output<typeof addressSchema>

/** The request the listener enqueues for one mail. */
export function emailListenRequest(snapshot: EmailSnapshot, receivedAt: Date): InboundRequest {
  return {
    method: EMAIL_LISTEN_METHOD,
    url: EMAIL_LISTEN_URL,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(snapshot),
    receivedAt,
  }
}

/** The snapshot in a listener request; undefined for anything else (a webhook, garbage, a future version). */
export function readEmailSnapshot(request: InboundRequest): EmailSnapshot | undefined {
  if (request.method !== EMAIL_LISTEN_METHOD || request.url !== EMAIL_LISTEN_URL) return undefined
  let json: unknown
  try {
    json = JSON.parse(request.body)
  } catch {
    return undefined
  }
  const parsed = emailSnapshotSchema.safeParse(json)
  return parsed.success ? parsed.data : undefined
}
