/**
 * Signs requests the way Twilio does (channels.md C2), written here from the published algorithm
 * and NOT with the SDK or the hub's code, so tests prove the hub accepts what Twilio really sends:
 * base64(HMAC-SHA1(authToken, url + for each key in sorted order: key + value, repeated keys with
 * their values sorted)).
 */
import { createHmac } from 'node:crypto'
import type { InboundRequest } from '../../spec.js'

export type FormParams = Record<string, string | string[]>

export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  let data = url
  for (const key of Object.keys(params).sort()) {
    const value = params[key] ?? ''
    const values = Array.isArray(value) ? [...new Set(value)].sort() : [value]
    for (const item of values) data += key + item
  }
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf-8')).digest('base64')
}

/** A form body with keys in the given order (repeated keys for arrays), as Twilio posts it. */
export function formBody(params: FormParams): string {
  const form = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) for (const item of Array.isArray(value) ? value : [value]) form.append(key, item)
  return form.toString()
}

/** A webhook request signed for `publicUrl`, as the hub's ingress hands it over (path + query only). */
export function signedTwilioRequest(options: {
  authToken: string
  publicUrl: string
  params: FormParams
  receivedAt?: Date
  signature?: string
}): InboundRequest {
  const url = new URL(options.publicUrl)
  return {
    method: 'POST',
    url: url.pathname + url.search,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': options.signature ?? twilioSignature(options.authToken, options.publicUrl, options.params),
    },
    body: formBody(options.params),
    receivedAt: options.receivedAt ?? new Date('2025-03-03T02:00:00Z'),
  }
}
