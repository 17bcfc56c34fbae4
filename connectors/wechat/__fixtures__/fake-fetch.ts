/** A fetch stand-in that records requests and answers from a handler: no mock library, no network. */
export interface RecordedRequest {
  url: URL
  method: string
  headers: Record<string, string>
  /** The JSON body parsed, the raw text, or the FormData for uploads. */
  body: unknown
}

export type FakeHandler = (request: RecordedRequest) => Response | Promise<Response>

export function createFakeFetch(handler: FakeHandler): { fetch: typeof globalThis.fetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = []
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
    const headers = Object.fromEntries(new Headers(init?.headers).entries())
    const body = typeof init?.body === 'string' ? parseMaybeJson(init.body) : init?.body
    const request: RecordedRequest = { url, method: init?.method ?? 'GET', headers, body }
    requests.push(request)
    return handler(request)
  }) as typeof globalThis.fetch
  return { fetch, requests }
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json; encoding=utf-8' } })
}

function parseMaybeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
