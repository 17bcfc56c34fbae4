/**
 * An agent's reply → the headers and bodies of the mail. Pure.
 * - From the channel address with its display name; To the citizen.
 * - Message-ID `<hub message id@channel domain>`: bounces (DSN) and the citizen's answer refer to it.
 * - In-Reply-To / References from the inbound mail it answers (`replyTo`), so the citizen's client
 *   threads it; Subject `Re: <their subject>`, never `Re: Re:`, with `[#<conversation>]` and a
 *   plus-address Reply-To as configured fallbacks.
 * - Plain text plus a minimal HTML rendering of it.
 */
import type { OutboundMessage } from '../spec.js'
import { domainOf, plusAddress } from './email-address.js'
import { conversationToken, normalizeMessageId, outboundMessageId, replyReferences, replySubject } from './thread-key.js'

export interface OutboundEmailSettings {
  from: { address: string; name?: string | undefined }
  /** Subject when the mail answers nothing (the agent writes first). */
  defaultSubject: string
  subjectToken: boolean
  replyToToken: boolean
}

export interface OutboundEmail {
  messageId: string
  from: { address: string; name: string }
  to: string
  replyTo?: string
  subject: string
  inReplyTo?: string
  references?: string[]
  text: string
  html: string
  headers: Record<string, string>
}

export function buildOutboundEmail(message: OutboundMessage, settings: OutboundEmailSettings): OutboundEmail {
  const token = conversationToken(message.conversationId)
  const parentId = message.replyTo ? messageIdOrUndefined(message.replyTo.externalId) : undefined
  const references = message.replyTo
    ? replyReferences({ externalId: parentId, references: message.replyTo.references?.filter((id) => messageIdOrUndefined(id)) })
    : []
  const text = message.text ?? ''
  return {
    messageId: outboundMessageId(message.messageId, domainOf(settings.from.address)),
    from: { address: settings.from.address, name: settings.from.name ?? '' },
    to: message.recipient.externalId,
    ...(settings.replyToToken && token ? { replyTo: plusAddress(settings.from.address, token) } : {}),
    subject: replySubject(message.replyTo?.subject, { fallback: settings.defaultSubject, token: settings.subjectToken ? token : undefined }),
    ...(parentId ? { inReplyTo: parentId } : {}),
    ...(references.length > 0 ? { references } : {}),
    text,
    html: textToHtml(text),
    // Out-of-office replies to the hotline's mail would only be noise in the conversation (Exchange honours this).
    headers: { 'X-Auto-Response-Suppress': 'OOF, AutoReply' },
  }
}

/** An id the connector produced from a real Message-ID (`<…>`), not a `hash:` stand-in. */
function messageIdOrUndefined(id: string): string | undefined {
  return id.startsWith('<') ? normalizeMessageId(id) : undefined
}

/** Escaped text, blank-line separated paragraphs, line breaks kept. */
export function textToHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0)
  const body = paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>\n')}</p>`).join('\n')
  return `<!doctype html>\n<html><head><meta charset="utf-8"></head><body>\n${body}\n</body></html>`
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}
