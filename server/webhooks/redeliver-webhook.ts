/**
 * An admin sends a finished delivery again: same delivery id and body, a fresh round of
 * attempts appended to the same log. A delivery still being tried is left alone.
 */
import type { HubContext } from '../hub-context.js'
import { enqueueDelivery } from './enqueue-delivery.js'
import { WebhookDelivery, type WebhookDeliveryDoc } from './webhook-delivery.js'

export type RedeliverResult = { ok: true; delivery: WebhookDeliveryDoc } | { ok: false; reason: 'not_found' | 'in_progress' | 'endpoint_not_configured' }

export async function redeliverWebhook(context: Pick<HubContext, 'config' | 'queues' | 'now'>, deliveryId: string): Promise<RedeliverResult> {
  const delivery = await WebhookDelivery.findById(deliveryId, { status: 1, endpoint: 1 }).lean<Pick<WebhookDeliveryDoc, 'status' | 'endpoint'>>()
  if (!delivery) return { ok: false, reason: 'not_found' }
  if (delivery.status === 'pending') return { ok: false, reason: 'in_progress' }
  const endpoint = context.config.webhooks.find((candidate) => candidate.id === delivery.endpoint)
  if (!endpoint) return { ok: false, reason: 'endpoint_not_configured' }
  const now = context.now()
  const updated = await WebhookDelivery.findOneAndUpdate(
    { _id: deliveryId },
    { $set: { status: 'pending', nextAttemptAt: now, updatedAt: now }, $inc: { redeliveries: 1 } },
    { new: true },
  ).lean<WebhookDeliveryDoc>()
  if (!updated) return { ok: false, reason: 'not_found' }
  await enqueueDelivery(context.queues, endpoint, deliveryId, updated.redeliveries)
  return { ok: true, delivery: updated }
}
