/**
 * POST /api/widget/session: validates the visitor token or issues a new one (the
 * server never rejects an expired token, it replaces it). The response is checked
 * because it comes from the network, not from our own code.
 */
import type { Lang } from '../i18n/languages.js'

export interface WidgetSession {
  token: string
  visitorId: string
  channel: {
    id: string
    title: Record<Lang, string>
    greeting: Record<Lang, string>
    /** The channel's limit in characters (the server counts String.length of the trimmed text). */
    maxMessageLength?: number
  }
}

export class SessionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** 4xx other than 408/429: trying again will not help (unknown channel, channel disabled). */
    readonly permanent: boolean,
  ) {
    super(message)
  }
}

const isText = (value: unknown): value is string => typeof value === 'string'
const isLocalized = (value: unknown): value is Record<Lang, string> =>
  typeof value === 'object' && value !== null && isText((value as Record<string, unknown>)['zh-CN']) && isText((value as Record<string, unknown>).en)

function asSession(body: unknown): WidgetSession | null {
  if (typeof body !== 'object' || body === null) return null
  const { token, visitorId, channel } = body as Record<string, unknown>
  if (!isText(token) || !isText(visitorId) || typeof channel !== 'object' || channel === null) return null
  const { id, title, greeting, maxMessageLength } = channel as Record<string, unknown>
  if (!isText(id) || !isLocalized(title) || !isLocalized(greeting)) return null
  const limit = typeof maxMessageLength === 'number' && Number.isInteger(maxMessageLength) && maxMessageLength > 0 ? { maxMessageLength } : {}
  return { token, visitorId, channel: { id, title, greeting, ...limit } }
}

export async function fetchSession(channelId: string, token: string | null, fetchImpl: typeof fetch = fetch): Promise<WidgetSession> {
  let response: Response
  try {
    response = await fetchImpl('/api/widget/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // The visitor is identified by the token alone; cookies would be third-party here anyway.
      credentials: 'omit',
      body: JSON.stringify(token ? { channelId, token } : { channelId }),
    })
  } catch {
    throw new SessionError('network', 'network error', false)
  }
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error
    const permanent = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429
    throw new SessionError(isText(error?.code) ? error.code : `http_${response.status}`, isText(error?.message) ? error.message : '', permanent)
  }
  const session = asSession(body)
  if (!session) throw new SessionError('bad_response', 'unexpected session response', false)
  return session
}
