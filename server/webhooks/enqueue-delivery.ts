import type { HubQueues } from '../pipeline/queues.js'
import { deliveryJobId } from './delivery-ids.js'
import { deliveryJobOptions } from './delivery-retry.js'
import type { WebhookEndpoint } from './webhook-config.js'

/** Queues the attempts of a recorded delivery; the job id makes queueing the same round twice a no-op. */
export async function enqueueDelivery(queues: Pick<HubQueues, 'webhooks'>, endpoint: WebhookEndpoint, deliveryId: string, redelivery: number): Promise<void> {
  await queues.webhooks.add('deliver', { deliveryId }, deliveryJobOptions(endpoint.retry, deliveryJobId(deliveryId, redelivery)))
}
