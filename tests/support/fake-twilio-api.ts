/**
 * A local stand-in for api.twilio.com speaking its REST wire format (form-encoded requests with
 * HTTP Basic auth, JSON resources, Twilio's error bodies), so the real twilio SDK inside the hub
 * can be driven and every request it makes asserted.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface TwilioCall {
  method: string
  path: string
  authorization: string
  form: URLSearchParams
}

export interface FakeTwilioApi {
  baseUrl: string
  calls: TwilioCall[]
  /** Numbers Twilio itself has opted out: sending to them answers error 21610. */
  blocked: Set<string>
  /** Media served under /2010-04-01/Accounts/<sid>/Messages/<msg>/Media/<id>. */
  media: Map<string, { contentType: string; bytes: Buffer }>
  messagesSent(): URLSearchParams[]
  close(): Promise<void>
}

export async function startFakeTwilioApi(accountSid: string, authToken: string): Promise<FakeTwilioApi> {
  const calls: TwilioCall[] = []
  const blocked = new Set<string>()
  const media = new Map<string, { contentType: string; bytes: Buffer }>()
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://fake')
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
      calls.push({ method: request.method ?? 'GET', path: url.pathname, authorization: request.headers.authorization ?? '', form })
      const json = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' })
        response.end(JSON.stringify(body))
      }
      if (request.headers.authorization !== expectedAuth) {
        return json(401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 })
      }
      const item = media.get(url.pathname)
      if (request.method === 'GET' && item) {
        response.writeHead(200, { 'content-type': item.contentType })
        response.end(item.bytes)
        return
      }
      if (request.method === 'POST' && url.pathname === `/2010-04-01/Accounts/${accountSid}/Messages.json`) {
        const to = form.get('To') ?? ''
        if (blocked.has(to)) {
          return json(400, {
            code: 21610,
            message: 'Attempt to send to unsubscribed recipient',
            more_info: 'https://www.twilio.com/docs/errors/21610',
            status: 400,
          })
        }
        const sid = `SM${randomBytes(16).toString('hex')}`
        return json(201, {
          sid,
          account_sid: accountSid,
          to,
          from: form.get('From'),
          messaging_service_sid: form.get('MessagingServiceSid'),
          body: form.get('Body'),
          status: 'queued',
          num_segments: '1',
          direction: 'outbound-api',
          date_created: new Date().toUTCString(),
          uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
        })
      }
      json(404, { code: 20404, message: 'The requested resource was not found', status: 404 })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    blocked,
    media,
    messagesSent: () => calls.filter((call) => call.method === 'POST' && call.path.endsWith('/Messages.json')).map((call) => call.form),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
