import { describe, expect, it } from 'vitest'
import { ConnectorSendError } from '../spec.js'
import { createFakeFetch, jsonResponse, twilioErrorResponse } from './__fixtures__/fake-fetch.js'
import { encodeForm, TwilioNetworkError } from './fetch-request-client.js'
import { createTwilioClient } from './twilio-client.js'
import { twilioSendError } from './twilio-error.js'

const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`
const AUTH_TOKEN = 'secret-auth-token'
const MESSAGE_SID = `SM${'a'.repeat(32)}`

function setup(handler = (): Response => jsonResponse({ sid: MESSAGE_SID, status: 'queued', num_segments: '1' }, 201), apiBaseUrl?: string) {
  const fake = createFakeFetch(handler)
  const client = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fetch: fake.fetch, ...(apiBaseUrl ? { apiBaseUrl } : {}) })
  return { client, requests: fake.requests }
}

describe('the twilio SDK over the injected fetch', () => {
  it('sends messages.create as one form POST with Basic auth, and reads the JSON answer', async () => {
    const { client, requests } = setup()
    const message = await client.messages.create({
      to: '+8613800000000',
      from: '+14155550100',
      body: '您好 & hello',
      statusCallback: 'https://h.example/webhooks/twilio/sms-main/status',
    })
    expect(message.sid).toBe(MESSAGE_SID)
    expect(message.status).toBe('queued')
    expect(requests).toHaveLength(1)
    const [request] = requests
    expect(request?.method).toBe('POST')
    expect(request?.url.toString()).toBe(`https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`)
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`)
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(request?.headers.accept).toBe('application/json')
    expect(request?.headers['user-agent']).toMatch(/^twilio-node\//)
    expect(request?.body).toBe(
      'To=%2B8613800000000&StatusCallback=https%3A%2F%2Fh.example%2Fwebhooks%2Ftwilio%2Fsms-main%2Fstatus&From=%2B14155550100&Body=%E6%82%A8%E5%A5%BD+%26+hello',
    )
  })

  it('repeats MediaUrl for several media, as the SDK’s own client does', async () => {
    const { client, requests } = setup()
    await client.messages.create({
      to: '+14155550101',
      messagingServiceSid: `MG${'b'.repeat(32)}`,
      mediaUrl: ['https://h.example/a.jpg', 'https://h.example/b.jpg'],
    })
    expect(new URLSearchParams(requests[0]?.body).getAll('MediaUrl')).toEqual(['https://h.example/a.jpg', 'https://h.example/b.jpg'])
  })

  it('sends GET query parameters in the URL (repeated keys repeated)', async () => {
    const { client, requests } = setup(() => jsonResponse({ messages: [], next_page_uri: null, page: 0, page_size: 2 }))
    await client.messages.page({ to: '+14155550101', pageSize: 2 })
    expect(requests[0]?.method).toBe('GET')
    expect(requests[0]?.url.searchParams.get('To')).toBe('+14155550101')
    expect(requests[0]?.url.searchParams.get('PageSize')).toBe('2')
    expect(requests[0]?.body).toBe('')
  })

  it('points every request at apiBaseUrl, keeping its path prefix', async () => {
    const { client, requests } = setup(undefined, 'http://127.0.0.1:4010/fake-twilio/')
    await client.messages.create({ to: '+14155550101', from: '+14155550100', body: 'x' })
    expect(requests[0]?.url.toString()).toBe(`http://127.0.0.1:4010/fake-twilio/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`)
  })

  it('lets the SDK turn an error body into its exception, which maps to a send error', async () => {
    const { client } = setup(() => twilioErrorResponse(400, 21610, 'Attempt to send to unsubscribed recipient'))
    const failure = await client.messages.create({ to: '+14155550101', from: '+14155550100', body: 'x' }).catch((error: unknown) => error)
    expect(failure).toMatchObject({ status: 400, code: 21610 })
    expect(twilioSendError(failure)).toMatchObject({ code: 'recipient_opted_out', statusCode: 400, isRetryable: false })
  })

  it('reports a fetch that never answered as a TwilioNetworkError', async () => {
    const { client } = setup(() => {
      throw new TypeError('fetch failed')
    })
    const failure = await client.messages.create({ to: '+14155550101', from: '+14155550100', body: 'x' }).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(TwilioNetworkError)
    expect(twilioSendError(failure)).toMatchObject({ code: 'network_error', isRetryable: true })
  })

  it('ignores TWILIO_* variables of the process (credentials come only from the channel)', async () => {
    const previous = process.env.TWILIO_AUTH_TOKEN
    process.env.TWILIO_AUTH_TOKEN = 'from-process-env'
    try {
      const { client, requests } = setup()
      await client.messages.create({ to: '+14155550101', from: '+14155550100', body: 'x' })
      expect(requests[0]?.headers.authorization).toContain(Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64'))
    } finally {
      if (previous === undefined) delete process.env.TWILIO_AUTH_TOKEN
      else process.env.TWILIO_AUTH_TOKEN = previous
    }
  })
})

describe('encodeForm', () => {
  it('skips undefined values, repeats arrays and writes dates as ISO strings', () => {
    expect(encodeForm({ A: 'x y', B: undefined, C: ['1', '2'], D: new Date('2025-01-01T00:00:00Z'), E: true })).toBe(
      'A=x+y&C=1&C=2&D=2025-01-01T00%3A00%3A00.000Z&E=true',
    )
  })
})

describe('twilioSendError', () => {
  const api = (status: number, code?: number) => Object.assign(new Error(`HTTP ${status}`), { status, ...(code !== undefined ? { code } : {}) })

  it.each([
    [400, 21610, 'recipient_opted_out', false],
    [400, 21211, 'invalid_recipient', false],
    [400, 21614, 'not_a_mobile_number', false],
    [400, 21408, 'region_not_enabled', false],
    [400, 21617, 'text_too_long', false],
    [401, 20003, 'credentials_invalid', false],
    [429, 20429, 'rate_limited', true],
    [400, 99999, 'twilio_99999', false],
    [503, undefined, 'http_503', true],
    [500, 20500, 'twilio_20500', true],
    [408, undefined, 'http_408', false],
    [409, undefined, 'http_409', false],
  ])('HTTP %i with Twilio code %s → %s (retryable: %s)', (status, code, expectedCode, retryable) => {
    const error = twilioSendError(api(status, code))
    expect(error).toBeInstanceOf(ConnectorSendError)
    expect(error).toMatchObject({ code: expectedCode, statusCode: status, isRetryable: retryable })
  })

  it('keeps Twilio’s message and code in the text, and the original as cause', () => {
    const original = Object.assign(new Error('x'), { status: 400, code: 21211, message: "The 'To' number +1 is not a valid phone number." })
    const error = twilioSendError(original)
    expect(error.message).toBe("The 'To' number +1 is not a valid phone number. (Twilio error 21211)")
    expect(error.cause).toBe(original)
  })

  it('uses the RFC 9457 detail when there is one', () => {
    expect(twilioSendError({ status: 400, code: 21211, title: 'Invalid', detail: 'Bad To' }).message).toBe('Bad To (Twilio error 21211)')
  })

  it('treats other errors (a 2xx body that is not JSON) as final, and passes send errors through', () => {
    expect(twilioSendError(new SyntaxError('Unexpected token <'))).toMatchObject({ code: 'invalid_response', isRetryable: false })
    const own = new ConnectorSendError({ code: 'x', message: 'y', isRetryable: true })
    expect(twilioSendError(own)).toBe(own)
  })
})
