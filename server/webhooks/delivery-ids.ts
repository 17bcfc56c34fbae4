import { createHash } from 'node:crypto'

/**
 * The delivery id of an event for an endpoint. Deterministic, so a caller that publishes the
 * same event again (after a crash, a retried job) finds the delivery it already made.
 */
export function deliveryIdFor(eventId: string, endpointId: string): string {
  return `dlv_${createHash('sha256').update(`${eventId}\n${endpointId}`).digest('hex').slice(0, 32)}`
}

/** BullMQ job id: the delivery id, then one per redelivery (a finished job keeps its id for a while). */
export function deliveryJobId(deliveryId: string, redelivery: number): string {
  return redelivery === 0 ? deliveryId : `${deliveryId}-r${redelivery}`
}
