/**
 * The order of the spec's delivery statuses, shared by the hub (which stores them) and the
 * browser apps (which receive updates that can arrive out of order). Pure, no dependencies.
 */
import type { DeliveryStatus } from './spec.js'

const rank: Record<DeliveryStatus, number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 1 }

/** True when `next` is news compared with `current`: statuses only move forward. */
export function isStatusAdvance(current: DeliveryStatus, next: DeliveryStatus): boolean {
  if (current === next) return false
  // A failure after the citizen already has the message is noise; a failure before it is news.
  if (next === 'failed') return current === 'queued' || current === 'sent'
  if (current === 'failed') return next === 'delivered' || next === 'read'
  return rank[next] > rank[current]
}
