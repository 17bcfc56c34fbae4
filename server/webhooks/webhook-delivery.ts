import mongoose, { Schema } from 'mongoose'

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

/** One try: the receiver's HTTP status, or why there was none (network error, timeout). */
export interface DeliveryAttempt {
  at: Date
  statusCode?: number
  error?: string
  durationMs: number
}

/**
 * One event for one endpoint (collection `webhook_deliveries`), written before the job is
 * queued. `body` is the exact JSON sent on every attempt, so retries and redeliveries carry
 * the same bytes; the signature is made fresh for each attempt's timestamp.
 */
export interface WebhookDeliveryDoc {
  /** Derived from event id + endpoint id: also the X-Switchboard-Delivery header. */
  _id: string
  endpoint: string
  eventId: string
  eventType: string
  body: string
  status: DeliveryStatus
  attempts: DeliveryAttempt[]
  /** When the next retry is due; null once it succeeded or gave up. */
  nextAttemptAt: Date | null
  /** Times an admin asked for it again. */
  redeliveries: number
  createdAt: Date
  updatedAt: Date
}

const attemptSchema = new Schema<DeliveryAttempt>({ at: { type: Date, required: true }, statusCode: Number, error: String, durationMs: Number }, { _id: false })

const webhookDeliverySchema = new Schema<WebhookDeliveryDoc>(
  {
    _id: { type: String, required: true },
    endpoint: { type: String, required: true },
    eventId: { type: String, required: true },
    eventType: { type: String, required: true },
    body: { type: String, required: true },
    status: { type: String, enum: DELIVERY_STATUSES, required: true },
    attempts: { type: [attemptSchema], default: [] },
    nextAttemptAt: { type: Date, default: null },
    redeliveries: { type: Number, default: 0 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'webhook_deliveries' },
)
// The admin log: newest first, optionally by endpoint or status.
webhookDeliverySchema.index({ createdAt: -1 })
webhookDeliverySchema.index({ endpoint: 1, createdAt: -1 })
webhookDeliverySchema.index({ status: 1, createdAt: -1 })

export const WebhookDelivery = mongoose.model<WebhookDeliveryDoc>('WebhookDelivery', webhookDeliverySchema)
