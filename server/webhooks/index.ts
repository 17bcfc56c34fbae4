/**
 * Signed outbound webhooks: departments' OA systems hear about work orders without the UI.
 * The scheme receivers verify is in README.md, "Webhooks".
 */
export { deliveryIdFor } from './delivery-ids.js'
export { eventTypeMatches, matchingEndpoints } from './match-endpoints.js'
export { presentDelivery, presentDeliverySummary } from './present-delivery.js'
export { publishWebhookEvent, type WebhookEvent, webhookBody } from './publish-webhook-event.js'
export { type RedeliverResult, redeliverWebhook } from './redeliver-webhook.js'
export { type AttemptOutcome, outcomeOf, sendWebhook } from './send-webhook.js'
export { createWebhooksSchema, type WebhookEndpoint, type WebhookEndpointInput, webhooksSchema } from './webhook-config.js'
export { DELIVERY_STATUSES, type DeliveryAttempt, type DeliveryStatus, WebhookDelivery, type WebhookDeliveryDoc } from './webhook-delivery.js'
export { signWebhook, WEBHOOK_HEADERS, webhookHeaders } from './webhook-signature.js'
export { processWebhookJob, startWebhookWorker, type WebhookWorkerDependencies } from './webhook-worker.js'
export { type WorkOrderEventType, workOrderWebhookEvent } from './work-order-event.js'
