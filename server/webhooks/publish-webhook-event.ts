/**
 * Hands an event to every endpoint that asked for it: first a delivery document (the log, and
 * the idempotency of the caller), then a queued job that makes the attempts.
 */
import type { HubContext } from '../hub-context.js'
import { deliveryIdFor } from './delivery-ids.js'
import { enqueueDelivery } from './enqueue-delivery.js'
import { matchingEndpoints } from './match-endpoints.js'
import { WebhookDelivery, type WebhookDeliveryDoc } from './webhook-delivery.js'

export interface WebhookEvent {
  /** Unique per event (e.g. the work order's history entry id): publishing it again delivers nothing new. */
  id: string
  /** Dotted, e.g. `work_order.signed`. */
  type: string
  occurredAt: Date
  data: Record<string, unknown>
  /** The case's lead and co-handling departments, for endpoints that filter by department. */
  departments?: string[]
}

/** The JSON body receivers get, exactly as signed. */
export function webhookBody(event: WebhookEvent): string {
  return JSON.stringify({ id: event.id, type: event.type, occurredAt: event.occurredAt.toISOString(), data: event.data })
}

/** Records and queues one delivery per matching endpoint; returns their ids (none when no endpoint matches). */
export async function publishWebhookEvent(context: Pick<HubContext, 'config' | 'queues' | 'now'>, event: WebhookEvent): Promise<string[]> {
  const deliveryIds: string[] = []
  for (const endpoint of matchingEndpoints(context.config.webhooks, event)) {
    const deliveryId = deliveryIdFor(event.id, endpoint.id)
    deliveryIds.push(deliveryId)
    const now = context.now()
    const created = await insertOnce({
      _id: deliveryId,
      endpoint: endpoint.id,
      eventId: event.id,
      eventType: event.type,
      body: webhookBody(event),
      status: 'pending',
      attempts: [],
      nextAttemptAt: now,
      redeliveries: 0,
      createdAt: now,
      updatedAt: now,
    })
    if (!created) {
      // Published before: queue again only if that first round may not have been queued yet.
      const existing = await WebhookDelivery.findById(deliveryId, { status: 1, redeliveries: 1 }).lean<Pick<WebhookDeliveryDoc, 'status' | 'redeliveries'>>()
      if (existing?.status !== 'pending' || existing.redeliveries > 0) continue
    }
    await enqueueDelivery(context.queues, endpoint, deliveryId, 0)
  }
  return deliveryIds
}

async function insertOnce(delivery: WebhookDeliveryDoc): Promise<boolean> {
  try {
    await WebhookDelivery.collection.insertOne(delivery as never)
    return true
  } catch (error) {
    if ((error as { code?: unknown }).code === 11000) return false
    throw error
  }
}
