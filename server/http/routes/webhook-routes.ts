/**
 * Provider ingress: `/webhooks/:channelId`. Verify → durable enqueue → acknowledge.
 * Nothing else happens here, so a provider's time limit (WeChat: 5 s) is never at risk
 * and a bad signature leaves no trace but a log line.
 */
import { type Context, Hono } from 'hono'
import type { InboundRequest } from '../../../connectors/spec.js'
import type { HubContext } from '../../hub-context.js'
import { ApiError, notFound } from '../api-error.js'
import type { AppEnv } from '../app-env.js'

const MAX_WEBHOOK_BYTES = 1024 * 1024

export function webhookRoutes(context: HubContext) {
  const app = new Hono<AppEnv>()

  async function ingress(c: Context<AppEnv>, channelId: string, expectedType?: string): Promise<Response> {
    const channel = context.channels.get(channelId)
    if (!channel || (expectedType && channel.connector.type !== expectedType)) throw notFound('Channel')
    const declared = Number(c.req.header('content-length') ?? 0)
    if (declared > MAX_WEBHOOK_BYTES) throw new ApiError(413, 'payload_too_large', `Webhook bodies are limited to ${MAX_WEBHOOK_BYTES} bytes`)
    const body = await c.req.text()
    if (Buffer.byteLength(body) > MAX_WEBHOOK_BYTES) throw new ApiError(413, 'payload_too_large', `Webhook bodies are limited to ${MAX_WEBHOOK_BYTES} bytes`)
    const url = new URL(c.req.url)
    const request: InboundRequest = {
      method: c.req.method,
      url: url.pathname + url.search,
      headers: Object.fromEntries([...c.req.raw.headers.entries()].map(([name, value]) => [name.toLowerCase(), value])),
      body,
      receivedAt: context.now(),
    }
    const verdict = await channel.connector.verify(request)
    if (!verdict.ok) {
      context.log.warn('webhook refused', { channelId, code: verdict.code })
      throw new ApiError(verdict.status, verdict.code, verdict.message)
    }
    // URL-verification handshakes (GET with echostr) carry no events: answer without enqueuing.
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') await context.queues.enqueueInbound(channelId, request)
    if (verdict.response) return c.body(verdict.response.body, verdict.response.status as 200, { 'content-type': verdict.response.contentType })
    return c.json({ ok: true }, 200)
  }

  // The URL an admin pastes into the WeChat console (GET: URL check, POST: pushes).
  app.on(['GET', 'POST'], '/webhooks/wechat/:channelId', (c) => ingress(c, c.req.param('channelId'), 'wechat'))
  // Twilio: the SMS and voice numbers' webhook URLs and their callbacks (status, recording, transcription, IVR steps).
  app.post('/webhooks/twilio/:channelId/sms', (c) => ingress(c, c.req.param('channelId'), 'sms'))
  app.post('/webhooks/twilio/:channelId/status', (c) => ingress(c, c.req.param('channelId'), 'sms'))
  app.post('/webhooks/twilio/:channelId/voice', (c) => ingress(c, c.req.param('channelId'), 'voice'))
  app.post('/webhooks/twilio/:channelId/voice/:callback', (c) => ingress(c, c.req.param('channelId'), 'voice'))
  app.all('/webhooks/:channelId', (c) => ingress(c, c.req.param('channelId')))
  return app
}
