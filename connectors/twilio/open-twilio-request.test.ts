import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { InboundRequest } from '../spec.js'
import { CAPTURED_ACCOUNT_SID, CAPTURED_INBOUND_SMS_BODY } from './__fixtures__/captured-payloads.js'
import { signedTwilioRequest, twilioSignature } from './__fixtures__/twilio-signing.js'
import { openTwilioRequest, readTwilioParams, type TwilioRequestSettings } from './open-twilio-request.js'
import { parseTwilioForm } from './twilio-form.js'

const AUTH_TOKEN = 'f2c5ae1a9f7b4c0d8e3a6b5c4d3e2f10'
const PUBLIC_URL = 'https://hotline.example.gov.cn/webhooks/twilio/sms-main/sms'
const settings: TwilioRequestSettings = {
  accountSid: CAPTURED_ACCOUNT_SID,
  authToken: AUTH_TOKEN,
  publicBaseUrl: 'https://hotline.example.gov.cn',
  maxBodyBytes: 4096,
}

/** The captured body, signed as Twilio would for the public URL, seen by the hub at a private address. */
function captured(overrides: Partial<InboundRequest> = {}): InboundRequest {
  const params = parseTwilioForm(CAPTURED_INBOUND_SMS_BODY)
  return {
    method: 'POST',
    url: '/webhooks/twilio/sms-main/sms',
    headers: { 'x-twilio-signature': twilioSignature(AUTH_TOKEN, PUBLIC_URL, params), host: '10.0.0.5:3000' },
    body: CAPTURED_INBOUND_SMS_BODY,
    receivedAt: new Date('2025-03-03T02:00:00Z'),
    ...overrides,
  }
}

describe('openTwilioRequest', () => {
  it('accepts the captured inbound SMS signed for the public URL and returns every parameter', () => {
    const opened = openTwilioRequest(captured(), settings)
    expect(opened.ok).toBe(true)
    if (!opened.ok) return
    expect(opened.params.Body).toBe('42')
    expect(opened.params.ToCity).toBe('SAN FRANCISCO')
    expect(Object.keys(opened.params)).toHaveLength(19)
  })

  it('finds the signature header whatever its case', () => {
    const request = captured()
    const signature = request.headers['x-twilio-signature'] ?? ''
    expect(openTwilioRequest({ ...request, headers: { 'X-Twilio-Signature': signature } }, settings).ok).toBe(true)
  })

  it('refuses a request signed for another URL (the private address the hub listens on)', () => {
    const params = parseTwilioForm(CAPTURED_INBOUND_SMS_BODY)
    const signature = twilioSignature(AUTH_TOKEN, 'http://10.0.0.5:3000/webhooks/twilio/sms-main/sms', params)
    expect(openTwilioRequest(captured({ headers: { 'x-twilio-signature': signature } }), settings)).toMatchObject({
      ok: false,
      status: 403,
      code: 'signature_mismatch',
    })
  })

  it('refuses a missing or empty signature with 403 signature_missing', () => {
    expect(openTwilioRequest(captured({ headers: {} }), settings)).toMatchObject({ ok: false, status: 403, code: 'signature_missing' })
    expect(openTwilioRequest(captured({ headers: { 'x-twilio-signature': ' ' } }), settings)).toMatchObject({ status: 403, code: 'signature_missing' })
  })

  it('refuses a tampered body', () => {
    expect(openTwilioRequest(captured({ body: CAPTURED_INBOUND_SMS_BODY.replace('Body=42', 'Body=43') }), settings)).toMatchObject({
      status: 403,
      code: 'signature_mismatch',
    })
  })

  it('refuses a request correctly signed for another account of the same operator', () => {
    const request = signedTwilioRequest({
      authToken: AUTH_TOKEN,
      publicUrl: PUBLIC_URL,
      params: { AccountSid: `AC${'9'.repeat(32)}`, MessageSid: `SM${'1'.repeat(32)}`, From: '+8613800000000', Body: 'hi' },
    })
    expect(openTwilioRequest(request, settings)).toMatchObject({ ok: false, status: 403, code: 'account_mismatch' })
  })

  it('refuses other methods and oversized bodies before computing anything', () => {
    expect(openTwilioRequest(captured({ method: 'GET' }), settings)).toMatchObject({ status: 400, code: 'method_not_allowed' })
    expect(openTwilioRequest(captured({ body: 'x'.repeat(4097) }), settings)).toMatchObject({ status: 413, code: 'payload_too_large' })
  })

  it('opens a bodySHA256 (JSON) webhook with its scalar fields as parameters', () => {
    const body = JSON.stringify({ AccountSid: CAPTURED_ACCOUNT_SID, CallSid: 'CA1', Nested: { a: 1 }, Count: 2 })
    const hash = createHash('sha256').update(body).digest('hex')
    const publicUrl = `https://hotline.example.gov.cn/webhooks/twilio/voice-main/voice/status?bodySHA256=${hash}`
    const request = signedTwilioRequest({ authToken: AUTH_TOKEN, publicUrl, params: {} })
    const opened = openTwilioRequest({ ...request, body }, settings)
    expect(opened).toEqual({ ok: true, params: { AccountSid: CAPTURED_ACCOUNT_SID, CallSid: 'CA1', Count: '2' } })
    expect(openTwilioRequest({ ...request, body: `${body} ` }, settings)).toMatchObject({ code: 'signature_mismatch' })
  })
})

describe('readTwilioParams', () => {
  it('reads the form without checking anything (for workers)', () => {
    expect(readTwilioParams(captured({ headers: {} })).MessageSid).toBe('SM5ab7891328b440f04b7c83b459fc85fd')
  })
})
