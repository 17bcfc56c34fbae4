/**
 * Email threading keys. Pure.
 *
 * Every Message-ID the connector hands the hub (an inbound message's `externalId`, the ids in
 * `thread.references`, the id `send` returns) goes through `normalizeMessageId`, so the hub can
 * match them by plain string equality (`_id` lookups, see the README of this folder). The hub's
 * own ids have a lower-case domain; citizens' ids are kept as their client wrote them.
 */
import { createHash } from 'node:crypto'

/** References kept on a reply: the thread's root and the newest ones (long threads grow headers past line limits). */
export const MAX_REPLY_REFERENCES = 20
/** Ids the hub looks up for one inbound mail. */
export const MAX_THREAD_REFERENCES = 50

/** Conversation tokens in plus addresses and subjects: lower case, because some MTAs lower-case local parts. */
export const CONVERSATION_TOKEN_PATTERN = /^[a-z0-9][a-z0-9_-]{0,47}$/

const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/

/**
 * `<id>`: trimmed, bracketed, otherwise verbatim (clients compare ids as strings, so a reply must
 * echo the citizen's id exactly); undefined for garbage.
 */
export function normalizeMessageId(value: string | undefined): string | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  const bracketed = /<([^<>]*)>/.exec(trimmed)
  const inner = (bracketed ? bracketed[1] : trimmed)?.trim() ?? ''
  if (!inner || /[\s<>]/.test(inner)) return undefined
  return `<${inner}>`
}

/** The id with its domain in lower case (domains are case-insensitive): how the hub's own ids are written. */
export function lowerCaseDomain(messageId: string): string {
  const at = messageId.lastIndexOf('@')
  return at === -1 ? messageId : `${messageId.slice(0, at)}${messageId.slice(at).toLowerCase()}`
}

/** The ids in an In-Reply-To or References value: a string (mailparser's shape for one id) or a list, in order, without repeats. */
export function parseMessageIdList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return []
  const joined = typeof value === 'string' ? value : value.join(' ')
  const tokens = joined.match(/<[^<>]*>/g) ?? joined.split(/[\s,]+/)
  const ids: string[] = []
  for (const token of tokens) {
    const id = normalizeMessageId(token)
    if (id && !ids.includes(id)) ids.push(id)
  }
  return ids
}

/**
 * The ids the hub tries, best first, to find the conversation an inbound mail answers:
 * In-Reply-To, then References from the newest (the last) back to the thread's root. Each id is
 * followed by its lower-case-domain form when that differs (a relay that changed the case of
 * the hub's own id still matches).
 */
export function threadReferences(headers: { inReplyTo?: string | undefined; references: readonly string[] }): string[] {
  const ordered = [...(headers.inReplyTo ? [headers.inReplyTo] : []), ...[...headers.references].reverse()]
  return [...new Set(ordered.flatMap((id) => [id, lowerCaseDomain(id)]))].slice(0, MAX_THREAD_REFERENCES)
}

/** References of a reply to `parent` (RFC 5322 3.6.4): the parent's References, then the parent itself; capped, keeping the root. */
export function replyReferences(parent: { externalId?: string | undefined; references?: readonly string[] | undefined }): string[] {
  const ids = [...new Set([...(parent.references ?? []), parent.externalId].map((id) => normalizeMessageId(id)).filter((id) => id !== undefined))]
  if (ids.length <= MAX_REPLY_REFERENCES) return ids
  return [ids[0] as string, ...ids.slice(ids.length - (MAX_REPLY_REFERENCES - 1))]
}

/**
 * The dedupe key of a mail without a Message-ID (some web forms and scripts send none): a digest
 * of what identifies it, the same whichever way (SMTP, IMAP) the same mail arrives.
 */
export function fallbackExternalId(fields: { from?: string; to: readonly string[]; subject?: string; date?: string; text: string }): string {
  const digest = createHash('sha256')
    .update([fields.from ?? '', fields.to.join(','), fields.subject ?? '', fields.date ?? '', fields.text].join('\n'))
    .digest('hex')
  return `hash:${digest.slice(0, 40)}`
}

/** The Message-ID of an outbound mail: `<hub message id@channel domain>`, so bounces and replies map back by id. */
export function outboundMessageId(hubMessageId: string, domain: string): string {
  const local = DOT_ATOM.test(hubMessageId) ? hubMessageId : createHash('sha256').update(hubMessageId).digest('hex').slice(0, 40)
  return `<${local}@${domain.toLowerCase()}>`
}

/** The token that names a conversation in a plus address or a subject; undefined when the id cannot be one. */
export function conversationToken(conversationId: string): string | undefined {
  return CONVERSATION_TOKEN_PATTERN.test(conversationId) ? conversationId : undefined
}

/** `[#<token>]` in a subject, the fallback for clients that drop References. */
export function tokenFromSubject(subject: string | undefined): string | undefined {
  const match = /\[#([A-Za-z0-9][A-Za-z0-9_-]{0,47})\]/.exec(subject ?? '')
  const token = match?.[1]?.toLowerCase()
  return token && CONVERSATION_TOKEN_PATTERN.test(token) ? token : undefined
}

/** A plus tag that can be a conversation token. */
export function tokenFromPlusTag(tag: string | undefined): string | undefined {
  const token = tag?.toLowerCase()
  return token && CONVERSATION_TOKEN_PATTERN.test(token) ? token : undefined
}

// Reply and forward prefixes of common clients: English, German, Nordic, Dutch, and Chinese (Foxmail, QQ Mail, Outlook zh-CN/zh-TW).
const PREFIX = /^\s*(re|fwd?|aw|wg|sv|vs|antw|回复|回覆|答复|答覆|转发|轉寄|轉發)\s*(\[\d+\]|\(\d+\))?\s*[:：]\s*/i
const FORWARD_PREFIX = /^\s*(fwd?|wg|转发|轉寄|轉發)\s*(\[\d+\]|\(\d+\))?\s*[:：]/i
const TOKEN_TAG = /\s*\[#[A-Za-z0-9][A-Za-z0-9_-]{0,47}\]\s*/g

/** The subject without reply/forward prefixes (any number, any mix) and without the hub's token. */
export function normalizeSubject(subject: string | undefined): string {
  let current = (subject ?? '').replace(TOKEN_TAG, ' ')
  for (;;) {
    const next = current.replace(PREFIX, '')
    if (next === current) break
    current = next
  }
  return current.replace(/\s+/g, ' ').trim()
}

export function isForwardSubject(subject: string | undefined): boolean {
  return FORWARD_PREFIX.test(subject ?? '')
}

/** `Re: <subject> [#token]`, never `Re: Re: …`; `fallback` when the original has no subject. */
export function replySubject(original: string | undefined, options: { fallback: string; token?: string | undefined }): string {
  const base = normalizeSubject(original)
  const subject = base ? `Re: ${base}` : options.fallback
  return options.token ? `${subject} [#${options.token}]` : subject
}
