/**
 * Who is calling, as a spec sender. A withheld number must not merge every anonymous caller into
 * one contact, so such calls get a per-call id. Twilio reports withheld numbers with placeholder
 * numbers or words [memory: twilio.com "anonymous caller ID"; re-check before relying on the list].
 */
import type { InboundSender } from '../spec.js'
import { E164_PATTERN } from '../twilio/twilio-config-fields.js'

const WITHHELD = new Set(['+266696687', '+7378742833', '+2562533', '+8656696', '+86282452253', 'anonymous', 'restricted', 'unknown', 'unavailable', 'private'])

export function isWithheldNumber(from: string | undefined): boolean {
  if (!from) return true
  if (WITHHELD.has(from.toLowerCase())) return true
  return !E164_PATTERN.test(from) && !/^(client|sip):/i.test(from)
}

export function callerSender(options: { from?: string; callSid: string; callerName?: string; language?: string }): InboundSender {
  const withheld = isWithheldNumber(options.from)
  return {
    externalId: withheld || !options.from ? `anonymous:${options.callSid}` : options.from,
    ...(!withheld && options.from && E164_PATTERN.test(options.from) ? { phone: options.from } : {}),
    ...(options.callerName ? { displayName: options.callerName } : {}),
    ...(options.language ? { language: options.language } : {}),
  }
}
