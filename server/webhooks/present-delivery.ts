import type { WebhookDeliveryDoc } from './webhook-delivery.js'

/** A delivery in the admin log: everything but the body and the attempts, which the detail adds. */
export function presentDeliverySummary(delivery: Omit<WebhookDeliveryDoc, 'body'>) {
  const last = delivery.attempts.at(-1)
  return {
    id: delivery._id,
    endpoint: delivery.endpoint,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: delivery.status,
    attemptCount: delivery.attempts.length,
    lastAttempt: last ? presentAttempt(last) : null,
    nextAttemptAt: delivery.nextAttemptAt ? delivery.nextAttemptAt.toISOString() : null,
    redeliveries: delivery.redeliveries,
    createdAt: delivery.createdAt.toISOString(),
    updatedAt: delivery.updatedAt.toISOString(),
  }
}

export function presentDelivery(delivery: WebhookDeliveryDoc) {
  return { ...presentDeliverySummary(delivery), payload: JSON.parse(delivery.body) as unknown, attempts: delivery.attempts.map(presentAttempt) }
}

function presentAttempt(attempt: WebhookDeliveryDoc['attempts'][number]) {
  return {
    at: attempt.at.toISOString(),
    ...(attempt.statusCode === undefined || attempt.statusCode === null ? {} : { statusCode: attempt.statusCode }),
    ...(attempt.error ? { error: attempt.error } : {}),
    durationMs: attempt.durationMs,
  }
}
