/**
 * Inbound media (MMS pictures, voicemail recordings) is referenced, never hotlinked: an
 * attachment's url is `twilio-media:<Twilio URL>` until a job downloads it here and re-hosts it.
 * Twilio media may require HTTP Basic auth (AccountSid:AuthToken), so the credentials are only
 * ever sent to Twilio's own hosts (or the configured API base), never to a URL someone injected.
 */
export const TWILIO_MEDIA_URL_PREFIX = 'twilio-media:'

export function twilioMediaUrl(url: string): string {
  return `${TWILIO_MEDIA_URL_PREFIX}${url}`
}

/** The Twilio URL inside a `twilio-media:` url, or undefined for any other url. */
export function twilioMediaSource(url: string): string | undefined {
  if (!url.startsWith(TWILIO_MEDIA_URL_PREFIX)) return undefined
  const source = url.slice(TWILIO_MEDIA_URL_PREFIX.length)
  return /^https?:\/\//i.test(source) ? source : undefined
}

export interface DownloadedTwilioMedia {
  bytes: Uint8Array
  contentType: string
}

export class TwilioMediaError extends Error {
  readonly code: string
  readonly isRetryable: boolean
  constructor(code: string, message: string, options: { isRetryable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause })
    this.name = 'TwilioMediaError'
    this.code = code
    this.isRetryable = options.isRetryable
  }
}

const DEFAULT_MAX_MEDIA_BYTES = 20 * 1024 * 1024

export async function downloadTwilioMedia(options: {
  url: string
  fetch: typeof globalThis.fetch
  accountSid: string
  authToken: string
  apiBaseUrl?: string
  maxBytes?: number
}): Promise<DownloadedTwilioMedia> {
  const source = twilioMediaSource(options.url) ?? options.url
  let target: URL
  try {
    target = new URL(source)
  } catch (error) {
    throw new TwilioMediaError('invalid_media_url', 'The media URL is not a URL.', { isRetryable: false, cause: error })
  }
  if (!isTwilioHost(target, options.apiBaseUrl))
    throw new TwilioMediaError('foreign_media_host', `Refusing to send Twilio credentials to ${target.host}.`, { isRetryable: false })
  // Like the REST client: an apiBaseUrl override (a proxy, a local fake in tests) also serves api.twilio.com's media.
  if (options.apiBaseUrl && target.hostname === 'api.twilio.com') {
    const base = new URL(options.apiBaseUrl)
    target = new URL(`${target.pathname}${target.search}`, base)
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_MEDIA_BYTES
  let response: Response
  try {
    // The Fetch standard drops Authorization on a cross-origin redirect (Twilio redirects to its storage host).
    response = await options.fetch(target.toString(), {
      headers: { Authorization: `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}` },
      redirect: 'follow',
    })
  } catch (error) {
    throw new TwilioMediaError('network_error', 'Twilio media could not be reached.', { isRetryable: true, cause: error })
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined)
    // A recording can lag its callback by a moment: 404 is worth another try.
    const retryable = response.status === 404 || response.status === 429 || response.status >= 500
    throw new TwilioMediaError(`http_${response.status}`, `Twilio media answered HTTP ${response.status}.`, { isRetryable: retryable })
  }
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel().catch(() => undefined)
    throw new TwilioMediaError('media_too_large', `Media larger than ${maxBytes} bytes.`, { isRetryable: false })
  }
  const bytes = new Uint8Array(await response.arrayBuffer())
  if (bytes.length > maxBytes) throw new TwilioMediaError('media_too_large', `Media larger than ${maxBytes} bytes.`, { isRetryable: false })
  return { bytes, contentType: response.headers.get('content-type') ?? 'application/octet-stream' }
}

function isTwilioHost(url: URL, apiBaseUrl: string | undefined): boolean {
  if (apiBaseUrl && url.origin === new URL(apiBaseUrl).origin) return true
  return url.protocol === 'https:' && (url.hostname === 'twilio.com' || url.hostname.endsWith('.twilio.com'))
}
