/**
 * The listener's half of inbound mail, shared by the SMTP listener and the IMAP poller:
 * parse, drop automatic mail, stage attachment bytes, enqueue the snapshot. Resolves only once
 * the snapshot is durably queued: the caller acknowledges the mail (SMTP 250, IMAP position and
 * \Seen) after that, never before.
 */
import type { ListenerContext } from '../spec.js'
import type { EmailAttachmentStore } from './attachment-store.js'
import { emailListenRequest } from './email-snapshot.js'
import { classifyEmail, type NoiseReason } from './mail-guards.js'
import { type ParseEmailOptions, parseEmail } from './parse-email.js'

export interface AcceptRawEmailSettings {
  channelId: string
  addresses: readonly string[]
  allowRemoteImages: boolean
  store: EmailAttachmentStore
  context: Pick<ListenerContext, 'enqueue' | 'log'>
  now: () => Date
}

export type AcceptedEmail = { outcome: 'enqueued'; messageId?: string } | { outcome: 'ignored'; reason: NoiseReason; messageId?: string }

/** The mail could not be parsed at all: refusing it again later will not help. */
export class EmailParseError extends Error {
  constructor(cause: unknown) {
    super(`mail could not be parsed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
    this.name = 'EmailParseError'
  }
}

export async function acceptRawEmail(
  raw: Buffer,
  origin: Omit<ParseEmailOptions, 'allowRemoteImages'>,
  settings: AcceptRawEmailSettings,
): Promise<AcceptedEmail> {
  let parsed: Awaited<ReturnType<typeof parseEmail>>
  try {
    parsed = await parseEmail(raw, { ...origin, allowRemoteImages: settings.allowRemoteImages })
  } catch (error) {
    throw new EmailParseError(error)
  }
  const { snapshot, files } = parsed
  const messageId = snapshot.messageId ? { messageId: snapshot.messageId } : {}
  const verdict = classifyEmail({
    envelopeFrom: snapshot.envelope?.mailFrom,
    from: snapshot.from?.address,
    headers: snapshot.headers,
    contentType: snapshot.contentType,
    reportType: snapshot.reportType,
    channelAddresses: settings.addresses,
  })
  if (verdict.kind === 'noise') {
    // Accepted and dropped: refusing it would only make the sender's server bounce or retry.
    settings.context.log('info', 'automatic mail ignored', {
      channelId: settings.channelId,
      reason: verdict.reason,
      from: snapshot.from?.address,
      ...messageId,
    })
    return { outcome: 'ignored', reason: verdict.reason, ...messageId }
  }
  for (const file of files) await settings.store.stage(file)
  await settings.context.enqueue(emailListenRequest(snapshot, settings.now()))
  return { outcome: 'enqueued', ...messageId }
}
