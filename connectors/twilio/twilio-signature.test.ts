import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { OFFICIAL_VECTOR as V } from './__fixtures__/captured-payloads.js'
import { twilioSignature } from './__fixtures__/twilio-signing.js'
import { hasBodyHash, isValidTwilioSignature, signatureUrl } from './twilio-signature.js'

const check = (signature: string, url: string, params: Record<string, string | string[]> = V.params, rawBody = '') =>
  isValidTwilioSignature({ authToken: V.authToken, signature, url, params, rawBody })

describe('the independent test signer', () => {
  it('reproduces the official vector (HMAC-SHA1 over URL + sorted key/value pairs, base64)', () => {
    expect(twilioSignature(V.authToken, V.url, V.params)).toBe(V.signature)
  })

  it('reproduces the vector for an http URL with a port', () => {
    expect(twilioSignature(V.authToken, V.httpPortUrl, V.params)).toBe(V.httpPortSignature)
  })

  it('reproduces the bodySHA256 vectors (URL only, no params)', () => {
    expect(createHash('sha256').update(V.jsonBody).digest('hex')).toBe(V.jsonBodyHash)
    expect(twilioSignature(V.authToken, `${V.url}&bodySHA256=${V.jsonBodyHash}`, {})).toBe(V.jsonSignature)
    expect(twilioSignature(V.authToken, `https://mycompany.com:443/myapp.php?foo=1&bar=2&bodySHA256=${V.emptyJsonHash}`, {})).toBe(V.emptyJsonSignature)
    expect(twilioSignature(V.authToken, `${V.url}&bodySHA256=${V.emptyJsonHash}`, {})).toBe(V.emptyJsonSignatureWithoutPort)
  })
})

describe('isValidTwilioSignature (the twilio SDK underneath)', () => {
  it('accepts the official vector', () => {
    expect(check(V.signature, V.url)).toBe(true)
  })

  it('accepts the same signature when the URL carries the explicit https port', () => {
    expect(check(V.signature, 'https://mycompany.com:1234/myapp.php?foo=1&bar=2')).toBe(true)
  })

  it('accepts the http-with-port vector', () => {
    expect(check(V.httpPortSignature, V.httpPortUrl)).toBe(true)
  })

  it('refuses a changed parameter, an added parameter, a changed URL and a wrong token', () => {
    expect(check(V.signature, V.url, { ...V.params, Digits: '1235' })).toBe(false)
    expect(check(V.signature, V.url, { ...V.params, Extra: '' })).toBe(false)
    expect(check(V.signature, 'https://mycompany.com/myapp.php?foo=1&bar=3')).toBe(false)
    expect(isValidTwilioSignature({ authToken: '54321', signature: V.signature, url: V.url, params: V.params, rawBody: '' })).toBe(false)
  })

  it('refuses an empty or garbage signature without throwing', () => {
    expect(check('', V.url)).toBe(false)
    expect(check('not base64 at all', V.url)).toBe(false)
  })

  it('covers every value of a repeated key, in sorted order', () => {
    const params = { MediaUrl: ['https://b.example/2', 'https://a.example/1'], From: '+8613800000000' }
    const signature = twilioSignature('token', 'https://hub.example/webhooks/twilio/sms/sms', params)
    expect(isValidTwilioSignature({ authToken: 'token', signature, url: 'https://hub.example/webhooks/twilio/sms/sms', params, rawBody: '' })).toBe(true)
    const dropped = { ...params, MediaUrl: ['https://a.example/1'] }
    expect(isValidTwilioSignature({ authToken: 'token', signature, url: 'https://hub.example/webhooks/twilio/sms/sms', params: dropped, rawBody: '' })).toBe(
      false,
    )
  })

  it('validates a JSON body against bodySHA256 (the body hash must match too)', () => {
    const url = `${V.url}&bodySHA256=${V.jsonBodyHash}`
    expect(check(V.jsonSignature, url, {}, V.jsonBody)).toBe(true)
    expect(check(V.jsonSignature, url, {}, '{"property": "other", "boolean": true}')).toBe(false)
  })

  it('accepts both written forms of the empty-JSON vector (with and without :443)', () => {
    const url = `${V.url}&bodySHA256=${V.emptyJsonHash}`
    expect(check(V.emptyJsonSignature, url, {}, '{}')).toBe(true)
    expect(check(V.emptyJsonSignatureWithoutPort, url, {}, '{}')).toBe(true)
  })

  it('treats an unparseable URL as a mismatch', () => {
    expect(check(V.signature, 'not a url')).toBe(false)
  })
})

describe('signatureUrl', () => {
  it('joins the public base and the path + query the hub saw', () => {
    expect(signatureUrl('https://hotline.example.gov.cn', '/webhooks/twilio/sms/sms?x=1')).toBe('https://hotline.example.gov.cn/webhooks/twilio/sms/sms?x=1')
  })

  it('keeps a path prefix a proxy strips, and drops a trailing slash of the base', () => {
    expect(signatureUrl('https://gov.example/switchboard/', '/webhooks/twilio/sms/sms')).toBe('https://gov.example/switchboard/webhooks/twilio/sms/sms')
  })

  it('replaces the origin of an absolute URL (the Host header a proxy rewrote does not count)', () => {
    expect(signatureUrl('https://hotline.example.gov.cn', 'http://10.0.0.5:3000/webhooks/twilio/sms/sms?a=b')).toBe(
      'https://hotline.example.gov.cn/webhooks/twilio/sms/sms?a=b',
    )
  })

  it('keeps the query exactly as received (no re-encoding)', () => {
    expect(signatureUrl('https://h.example', "/voice?step=menu&path=1%2A&x='")).toBe("https://h.example/voice?step=menu&path=1%2A&x='")
  })
})

describe('hasBodyHash', () => {
  it('is true only when the query carries bodySHA256', () => {
    expect(hasBodyHash('https://h.example/a?bodySHA256=abc')).toBe(true)
    expect(hasBodyHash('/a?x=1&bodySHA256=abc')).toBe(true)
    expect(hasBodyHash('/a?x=bodySHA256')).toBe(false)
    expect(hasBodyHash('/a')).toBe(false)
  })
})
