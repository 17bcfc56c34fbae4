/**
 * Delivery status notifications (RFC 3464): the `message/delivery-status` part of a
 * `multipart/report; report-type=delivery-status` mail, and the original message's headers
 * (`text/rfc822-headers` or a whole `message/rfc822`) that say which mail bounced. Pure.
 */
import { normalizeMessageId } from './thread-key.js'

export interface DeliveryStatusRecipient {
  finalRecipient?: string
  /** `failed`, `delayed`, `delivered`, `relayed`, `expanded`. */
  action?: string
  /** Enhanced status code, e.g. `5.1.1`. */
  status?: string
  /** The remote server's answer, e.g. `smtp; 550 5.1.1 User unknown`. */
  diagnosticCode?: string
}

/** The per-recipient groups of a delivery-status body. */
export function parseDeliveryStatus(body: string): DeliveryStatusRecipient[] {
  // A separator line holding only spaces is still blank: clear it first, or unfolding would join the groups.
  const groups = unfold(body.replace(/^[ \t]+(?=\r?$)/gm, ''))
    .split(/\r?\n\r?\n/)
    .map(parseFields)
  // The first group is about the message (Reporting-MTA…); each later one about a recipient.
  return groups
    .slice(1)
    .filter((fields) => fields.has('final-recipient') || fields.has('action') || fields.has('status'))
    .map((fields) => {
      const recipient: DeliveryStatusRecipient = {}
      const finalRecipient = fields.get('final-recipient') ?? fields.get('original-recipient')
      if (finalRecipient) recipient.finalRecipient = withoutAddressType(finalRecipient)
      const action = fields.get('action')?.toLowerCase()
      if (action) recipient.action = action
      const status = /\d\.\d{1,3}\.\d{1,3}/.exec(fields.get('status') ?? '')?.[0]
      if (status) recipient.status = status
      const diagnosticCode = fields.get('diagnostic-code')
      if (diagnosticCode) recipient.diagnosticCode = diagnosticCode
      return recipient
    })
}

/** The recipient a report says the mail failed for (action `failed`, or a permanent 5.x.x status). */
export function failedRecipient(recipients: readonly DeliveryStatusRecipient[]): DeliveryStatusRecipient | undefined {
  return recipients.find((recipient) => recipient.action === 'failed' || (recipient.action === undefined && recipient.status?.startsWith('5.')))
}

/** What the agent reads as the failure reason: status and diagnostic, short. */
export function describeFailure(recipient: DeliveryStatusRecipient): string {
  const diagnostic = recipient.diagnosticCode?.replace(/^\s*[a-z-]+\s*;\s*/i, '').trim()
  const status = recipient.status && !diagnostic?.includes(recipient.status) ? recipient.status : undefined
  const text = [status, diagnostic].filter((part) => part).join(' ') || 'bounced'
  return text.length > 300 ? `${text.slice(0, 299)}…` : text
}

/** The Message-ID in the returned headers (or whole message) of a report. */
export function originalMessageId(headersOrMessage: string): string | undefined {
  const headerBlock = unfold(headersOrMessage).split(/\r?\n\r?\n/)[0] ?? ''
  const value = parseFields(headerBlock).get('message-id')
  return normalizeMessageId(value)
}

/** Joins folded lines (a line starting with white space continues the previous one). */
function unfold(text: string): string {
  return text.replace(/\r?\n[ \t]+/g, ' ')
}

function parseFields(block: string): Map<string, string> {
  const fields = new Map<string, string>()
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim())
  }
  return fields
}

/** `rfc822; someone@example.com` → `someone@example.com`. */
function withoutAddressType(value: string): string {
  const semicolon = value.indexOf(';')
  return (semicolon === -1 ? value : value.slice(semicolon + 1)).trim()
}
