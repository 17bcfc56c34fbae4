/**
 * X-Twilio-Signature, checked with the twilio SDK (channels.md C2):
 * base64(HMAC-SHA1(authToken, url + Σ sorted(key + value))) over the URL exactly as Twilio
 * called it. Behind a proxy that URL is rebuilt from the configured public base URL plus the
 * path and query the hub received, never from the Host header.
 * JSON bodies carry `bodySHA256` in the query instead: the signature covers the URL alone and
 * the hash covers the raw body (`validateRequestWithBody`).
 */
import twilio from 'twilio'
import type { TwilioParams } from './twilio-form.js'

const ABSOLUTE_URL_PREFIX = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i

/** The URL Twilio signed: public base + the path and raw query the hub saw. */
export function signatureUrl(publicBaseUrl: string, requestUrl: string): string {
  const pathAndQuery = requestUrl.replace(ABSOLUTE_URL_PREFIX, '')
  return `${publicBaseUrl.replace(/\/+$/, '')}${pathAndQuery.startsWith('/') ? '' : '/'}${pathAndQuery}`
}

/** True when the URL carries a `bodySHA256` query parameter (a JSON-bodied webhook). */
export function hasBodyHash(url: string): boolean {
  const query = url.split('#')[0]?.split('?')[1] ?? ''
  return new URLSearchParams(query).has('bodySHA256')
}

export function isValidTwilioSignature(options: {
  authToken: string
  signature: string
  /** The full URL Twilio called (see `signatureUrl`). */
  url: string
  /** Form parameters for form-encoded webhooks. */
  params: TwilioParams
  /** The raw body, used instead of `params` when the URL carries bodySHA256. */
  rawBody: string
}): boolean {
  if (!options.signature) return false
  try {
    if (hasBodyHash(options.url)) return twilio.validateRequestWithBody(options.authToken, options.signature, options.url, options.rawBody)
    // The SDK's typing says Record<string, any>; repeated keys are arrays, which it sorts and dedupes.
    return twilio.validateRequest(options.authToken, options.signature, options.url, options.params as Record<string, string | string[]>)
  } catch {
    // A URL the SDK cannot parse cannot be the one Twilio signed.
    return false
  }
}
