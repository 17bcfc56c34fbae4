import { describe, expect, it } from 'vitest'
import { createFakeFetch } from './__fixtures__/fake-fetch.js'
import { downloadTwilioMedia, TwilioMediaError, twilioMediaSource, twilioMediaUrl } from './twilio-media.js'

const ACCOUNT_SID = `AC${'1'.repeat(32)}`
const MEDIA = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM1/Media/ME1`

describe('twilio-media: urls', () => {
  it('round-trips a Twilio URL and refuses anything else', () => {
    expect(twilioMediaSource(twilioMediaUrl(MEDIA))).toBe(MEDIA)
    expect(twilioMediaSource(MEDIA)).toBeUndefined()
    expect(twilioMediaSource('twilio-media:')).toBeUndefined()
    expect(twilioMediaSource('twilio-media:javascript:alert(1)')).toBeUndefined()
  })
})

describe('downloadTwilioMedia', () => {
  it('fetches with Basic auth and returns the bytes and type', async () => {
    const fake = createFakeFetch(() => new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'image/jpeg' } }))
    const media = await downloadTwilioMedia({ url: twilioMediaUrl(MEDIA), fetch: fake.fetch, accountSid: ACCOUNT_SID, authToken: 'tok' })
    expect(media).toEqual({ bytes: new Uint8Array([1, 2, 3]), contentType: 'image/jpeg' })
    expect(fake.requests[0]?.url.toString()).toBe(MEDIA)
    expect(fake.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:tok`).toString('base64')}`)
  })

  it('never sends the credentials to a host that is not Twilio’s', async () => {
    const fake = createFakeFetch(() => new Response('x'))
    const attempt = downloadTwilioMedia({ url: twilioMediaUrl('https://evil.example/x'), fetch: fake.fetch, accountSid: ACCOUNT_SID, authToken: 'tok' })
    await expect(attempt).rejects.toMatchObject({ code: 'foreign_media_host', isRetryable: false })
    await expect(
      downloadTwilioMedia({ url: twilioMediaUrl('http://api.twilio.com/x'), fetch: fake.fetch, accountSid: ACCOUNT_SID, authToken: 'tok' }),
    ).rejects.toBeInstanceOf(TwilioMediaError)
    expect(fake.requests).toHaveLength(0)
  })

  it('allows the configured API base (tests, proxies)', async () => {
    const fake = createFakeFetch(() => new Response('ok', { headers: { 'content-type': 'audio/mpeg' } }))
    const media = await downloadTwilioMedia({
      url: twilioMediaUrl('http://127.0.0.1:4010/rec.mp3'),
      fetch: fake.fetch,
      accountSid: ACCOUNT_SID,
      authToken: 'tok',
      apiBaseUrl: 'http://127.0.0.1:4010',
    })
    expect(media.contentType).toBe('audio/mpeg')
  })

  it('says which failures are worth a retry', async () => {
    const failWith = (status: number) =>
      downloadTwilioMedia({ url: MEDIA, fetch: createFakeFetch(() => new Response('', { status })).fetch, accountSid: ACCOUNT_SID, authToken: 't' })
    await expect(failWith(404)).rejects.toMatchObject({ code: 'http_404', isRetryable: true })
    await expect(failWith(503)).rejects.toMatchObject({ code: 'http_503', isRetryable: true })
    await expect(failWith(403)).rejects.toMatchObject({ code: 'http_403', isRetryable: false })
    const offline = createFakeFetch(() => {
      throw new TypeError('fetch failed')
    })
    await expect(downloadTwilioMedia({ url: MEDIA, fetch: offline.fetch, accountSid: ACCOUNT_SID, authToken: 't' })).rejects.toMatchObject({
      code: 'network_error',
      isRetryable: true,
    })
  })

  it('refuses media above the size limit', async () => {
    const fake = createFakeFetch(() => new Response(new Uint8Array(11)))
    await expect(downloadTwilioMedia({ url: MEDIA, fetch: fake.fetch, accountSid: ACCOUNT_SID, authToken: 't', maxBytes: 10 })).rejects.toMatchObject({
      code: 'media_too_large',
    })
  })
})
