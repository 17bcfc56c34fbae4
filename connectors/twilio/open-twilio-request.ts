/**
 * Authenticates a Twilio webhook and opens its parameters. Pure: no I/O, no clock.
 * Order: method, size, signature (over the public URL), then the account the request is for,
 * so a request signed for another account of the same operator is refused too.
 */
import type { InboundRequest, VerifyResult } from '../spec.js'
import { parseTwilioForm, type TwilioParams } from './twilio-form.js'
import { hasBodyHash, isValidTwilioSignature, signatureUrl } from './twilio-signature.js'

export type Refusal = Extract<VerifyResult, { ok: false }>

export interface TwilioRequestSettings {
  accountSid: string
  authToken: string
  publicBaseUrl: string
  maxBodyBytes: number
}

export const SIGNATURE_HEADER = 'x-twilio-signature'

/** Real Twilio webhooks are a few KiB at most (an MMS with ten media URLs included). */
export const DEFAULT_MAX_WEBHOOK_BYTES = 64 * 1024

export function openTwilioRequest(request: InboundRequest, settings: TwilioRequestSettings): { ok: true; params: TwilioParams } | Refusal {
  if (request.method.toUpperCase() !== 'POST') return refuse(400, 'method_not_allowed', 'Twilio webhooks must be configured as HTTP POST.')
  if (Buffer.byteLength(request.body, 'utf8') > settings.maxBodyBytes) {
    return refuse(413, 'payload_too_large', `Twilio webhooks are limited to ${settings.maxBodyBytes} bytes.`)
  }
  const signature = headerValue(request.headers, SIGNATURE_HEADER)
  if (!signature) return refuse(403, 'signature_missing', 'The X-Twilio-Signature header is missing.')
  const url = signatureUrl(settings.publicBaseUrl, request.url)
  const params = readParams(request.body, url)
  if (!params) return refuse(400, 'invalid_body', 'The JSON body of a bodySHA256 webhook is not an object.')
  if (!isValidTwilioSignature({ authToken: settings.authToken, signature, url, params, rawBody: request.body })) {
    return refuse(403, 'signature_mismatch', 'X-Twilio-Signature does not match this channel’s auth token and public URL.')
  }
  const accountSid = typeof params.AccountSid === 'string' ? params.AccountSid.trim() : undefined
  if (accountSid !== settings.accountSid) return refuse(403, 'account_mismatch', 'The request is for another Twilio account.')
  return { ok: true, params }
}

/** Reads the parameters without checking anything: for workers re-reading a request verified at ingress. */
export function readTwilioParams(request: InboundRequest): TwilioParams {
  return readParams(request.body, request.url) ?? {}
}

function readParams(body: string, url: string): TwilioParams | undefined {
  if (!hasBodyHash(url)) return parseTwilioForm(body)
  // JSON webhooks: top-level scalar fields only, as strings, so both kinds read alike.
  try {
    const json: unknown = JSON.parse(body)
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined
    const params: Record<string, string> = {}
    for (const [key, value] of Object.entries(json)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') params[key] = String(value)
    }
    return params
  } catch {
    return undefined
  }
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value.trim() || undefined
  return undefined
}

export function refuse(status: Refusal['status'], code: string, message: string): Refusal {
  return { ok: false, status, code, message }
}
