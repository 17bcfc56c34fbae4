/**
 * A `RequestClient` for the twilio SDK built on the connector's injected fetch (channels.md C6):
 * no axios, no sockets of its own, so tests run the real SDK against a local fake and assert the
 * exact requests. The SDK only calls `request(options)` and reads `{ statusCode, body }`.
 *
 * `apiBaseUrl` (tests, egress proxies) replaces the scheme and host of every Twilio URL, keeping
 * its own path prefix; with the default base nothing is rewritten.
 */
import type twilio from 'twilio'
import { TWILIO_DEFAULT_API_BASE_URL } from './twilio-config-fields.js'

/** What the SDK passes to `request` (a subset of its RequestClient.RequestOptions). */
export interface TwilioRequestOptions {
  method: string
  uri: string
  username?: string
  password?: string
  authStrategy?: { getAuthString(): Promise<string> }
  headers?: Record<string, string | undefined>
  params?: object
  data?: object
  timeout?: number
  allowRedirects?: boolean
}

export interface TwilioHttpResponse {
  statusCode: number
  body: string
  headers: Record<string, string>
}

/** The request never got an HTTP answer (DNS, refused, reset, timeout): always worth a retry. */
export class TwilioNetworkError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options)
    this.name = 'TwilioNetworkError'
  }
}

export interface FetchRequestClientOptions {
  fetch: typeof globalThis.fetch
  apiBaseUrl?: string
  /** Per-request timeout when the SDK gives none (default 30 s, the SDK's own default). */
  timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 30_000

export function createFetchRequestClient(options: FetchRequestClientOptions): twilio.RequestClient {
  const client = {
    async request(request: TwilioRequestOptions): Promise<TwilioHttpResponse> {
      const url = new URL(rewriteBase(request.uri, options.apiBaseUrl))
      for (const [name, value] of formEntries(request.params)) url.searchParams.append(name, value)
      const headers = new Headers()
      for (const [name, value] of Object.entries(request.headers ?? {})) if (value !== undefined) headers.set(name, value)
      if (request.username && request.password) {
        headers.set('Authorization', `Basic ${Buffer.from(`${request.username}:${request.password}`).toString('base64')}`)
      } else if (request.authStrategy) {
        headers.set('Authorization', await request.authStrategy.getAuthString())
      }
      const method = request.method.toUpperCase()
      const body = request.data && (method === 'POST' || method === 'PUT') ? encodeForm(request.data) : undefined
      if (body !== undefined && !headers.has('Content-Type')) headers.set('Content-Type', 'application/x-www-form-urlencoded')

      let response: Response
      try {
        response = await options.fetch(url.toString(), {
          method,
          headers,
          ...(body !== undefined ? { body } : {}),
          redirect: request.allowRedirects ? 'follow' : 'manual',
          signal: AbortSignal.timeout(request.timeout ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        })
      } catch (error) {
        throw new TwilioNetworkError(`Twilio could not be reached (${method} ${url.pathname}).`, { cause: error })
      }
      let text: string
      try {
        text = await response.text()
      } catch (error) {
        throw new TwilioNetworkError(`The Twilio response was cut off (${method} ${url.pathname}).`, { cause: error })
      }
      return { statusCode: response.status, body: text, headers: Object.fromEntries(response.headers.entries()) }
    },
  }
  // The SDK types httpClient as its axios-based class; only `request` is ever called.
  return client as unknown as twilio.RequestClient
}

/** Form encoding as the SDK's own client does it: repeated keys for arrays (`MediaUrl=a&MediaUrl=b`). */
export function encodeForm(data: object): string {
  const form = new URLSearchParams()
  for (const [name, value] of formEntries(data)) form.append(name, value)
  return form.toString()
}

function formEntries(data: object | undefined): Array<[string, string]> {
  const entries: Array<[string, string]> = []
  for (const [name, value] of Object.entries(data ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue
      entries.push([name, item instanceof Date ? item.toISOString() : String(item)])
    }
  }
  return entries
}

function rewriteBase(uri: string, apiBaseUrl: string | undefined): string {
  const base = apiBaseUrl?.replace(/\/+$/, '')
  if (!base || base === TWILIO_DEFAULT_API_BASE_URL) return uri
  const original = new URL(uri)
  return `${base}${original.pathname}${original.search}`
}
