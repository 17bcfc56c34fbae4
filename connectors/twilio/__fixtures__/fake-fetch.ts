/** A fetch stand-in that records requests exactly as sent and answers from a handler: no mock library, no network. */
export interface RecordedRequest {
  url: URL
  method: string
  /** Lower-cased header names. */
  headers: Record<string, string>
  /** The raw body text ('' when none). */
  body: string
}

export type FakeHandler = (request: RecordedRequest) => Response | Promise<Response>

export function createFakeFetch(handler: FakeHandler): { fetch: typeof globalThis.fetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = []
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
    const headers = Object.fromEntries(new Headers(init?.headers).entries())
    const body = typeof init?.body === 'string' ? init.body : ''
    const request: RecordedRequest = { url, method: init?.method ?? 'GET', headers, body }
    requests.push(request)
    return handler(request)
  }) as typeof globalThis.fetch
  return { fetch, requests }
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

/** Twilio's legacy error body, what the SDK turns into a RestException. */
export function twilioErrorResponse(status: number, code: number, message: string): Response {
  return jsonResponse({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, status)
}
