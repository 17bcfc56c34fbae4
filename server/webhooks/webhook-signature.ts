/**
 * The signing scheme receivers verify (README, "Webhooks"): HMAC-SHA256 with the endpoint's
 * secret over `${timestamp}.${rawBody}`, sent as `X-Switchboard-Signature: v1=<hex>`. The
 * timestamp is signed too, so a captured request cannot be replayed later with a new one.
 */
import { createHmac } from 'node:crypto'

export const WEBHOOK_HEADERS = {
  delivery: 'X-Switchboard-Delivery',
  event: 'X-Switchboard-Event',
  timestamp: 'X-Switchboard-Timestamp',
  signature: 'X-Switchboard-Signature',
} as const

/** The value of X-Switchboard-Signature for this body at this time (unix seconds). */
export function signWebhook(secret: string, timestamp: number, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`
}

/** Every header of one attempt: the delivery id stays the same across retries and redeliveries. */
export function webhookHeaders(options: { secret: string; deliveryId: string; eventType: string; timestamp: number; rawBody: string }): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'Switchboard-Webhooks/1',
    [WEBHOOK_HEADERS.delivery]: options.deliveryId,
    [WEBHOOK_HEADERS.event]: options.eventType,
    [WEBHOOK_HEADERS.timestamp]: String(options.timestamp),
    [WEBHOOK_HEADERS.signature]: signWebhook(options.secret, options.timestamp, options.rawBody),
  }
}
