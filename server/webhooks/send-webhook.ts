/**
 * One delivery attempt: sign, POST, classify the answer. The HTTP client and the clock are
 * passed in (tests drive it without a network or a real clock); nothing here reads a global.
 */
import type { DeliveryAttempt } from './webhook-delivery.js'
import { webhookHeaders } from './webhook-signature.js'

/** delivered: any 2xx. gone: 410, the receiver asks never to be sent this again. retry: anything else. */
export type AttemptOutcome = 'delivered' | 'gone' | 'retry'

export interface SendWebhookOptions {
  fetch: typeof globalThis.fetch
  now: () => Date
  url: string
  secret: string
  deliveryId: string
  eventType: string
  rawBody: string
  timeoutMs: number
}

export function outcomeOf(statusCode: number): AttemptOutcome {
  if (statusCode >= 200 && statusCode < 300) return 'delivered'
  return statusCode === 410 ? 'gone' : 'retry'
}

export async function sendWebhook(options: SendWebhookOptions): Promise<{ attempt: DeliveryAttempt; outcome: AttemptOutcome }> {
  const at = options.now()
  const timestamp = Math.floor(at.getTime() / 1000)
  const elapsed = () => Math.max(0, options.now().getTime() - at.getTime())
  const headers = webhookHeaders({ secret: options.secret, deliveryId: options.deliveryId, eventType: options.eventType, timestamp, rawBody: options.rawBody })
  try {
    const response = await options.fetch(options.url, {
      method: 'POST',
      headers,
      body: options.rawBody,
      // A redirect is not a delivery, and must not carry a signed payload to another host.
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    })
    // The answer's body is not used; cancelling it frees the connection.
    await response.body?.cancel().catch(() => undefined)
    return { attempt: { at, statusCode: response.status, durationMs: elapsed() }, outcome: outcomeOf(response.status) }
  } catch (error) {
    return { attempt: { at, error: describeFailure(error, options.timeoutMs), durationMs: elapsed() }, outcome: 'retry' }
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `timeout after ${timeoutMs} ms`
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : String(error)
  return `network error: ${detail}`.slice(0, 300)
}
