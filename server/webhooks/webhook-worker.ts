/**
 * Makes the attempts of queued deliveries. Each attempt is appended to the delivery's log; a
 * 2xx ends it as succeeded, 410 Gone or the last attempt as failed, and anything else (another
 * status, a network error, a timeout) goes back to BullMQ's backoff for the next try.
 */
import { type ConnectionOptions, type Job, Worker } from 'bullmq'
import type { HubContext } from '../hub-context.js'
import { QUEUE_NAMES, type WebhookJob } from '../pipeline/queues.js'
import { retryDelayMs } from './delivery-retry.js'
import { sendWebhook } from './send-webhook.js'
import { type DeliveryAttempt, type DeliveryStatus, WebhookDelivery, type WebhookDeliveryDoc } from './webhook-delivery.js'

export interface WebhookWorkerDependencies {
  fetch: typeof globalThis.fetch
  /** Where each endpoint's `secretEnv` is read. */
  environment: Readonly<Record<string, string | undefined>>
}

export function processWebhookJob(context: Pick<HubContext, 'config' | 'now' | 'log'>, dependencies: WebhookWorkerDependencies) {
  const endpoints = new Map(context.config.webhooks.map((endpoint) => [endpoint.id, endpoint]))
  const record = async (deliveryId: string, attempt: DeliveryAttempt, status: DeliveryStatus, nextAttemptAt: Date | null) => {
    await WebhookDelivery.updateOne({ _id: deliveryId }, { $push: { attempts: attempt }, $set: { status, nextAttemptAt, updatedAt: context.now() } })
  }

  return async (job: Job<WebhookJob>): Promise<void> => {
    const delivery = await WebhookDelivery.findById(job.data.deliveryId, { attempts: 0 }).lean<Omit<WebhookDeliveryDoc, 'attempts'>>()
    // Succeeded or given up meanwhile (a stalled job run twice, a duplicate redelivery job).
    if (delivery?.status !== 'pending') return
    const endpoint = endpoints.get(delivery.endpoint)
    const secret = endpoint ? dependencies.environment[endpoint.secretEnv] : undefined
    if (!endpoint || !secret) {
      const error = endpoint ? `the environment variable ${endpoint.secretEnv} is not set` : `endpoint "${delivery.endpoint}" is no longer configured`
      await record(delivery._id, { at: context.now(), error, durationMs: 0 }, 'failed', null)
      context.log.warn('webhook delivery failed', { deliveryId: delivery._id, endpoint: delivery.endpoint, error })
      return
    }

    const { attempt, outcome } = await sendWebhook({
      fetch: dependencies.fetch,
      now: context.now,
      url: endpoint.url,
      secret,
      deliveryId: delivery._id,
      eventType: delivery.eventType,
      rawBody: delivery.body,
      timeoutMs: endpoint.timeoutMs,
    })
    const attemptNumber = job.attemptsMade + 1
    const willRetry = outcome === 'retry' && attemptNumber < (job.opts.attempts ?? 1)
    if (outcome === 'delivered') return void (await record(delivery._id, attempt, 'succeeded', null))
    if (willRetry) {
      await record(delivery._id, attempt, 'pending', new Date(context.now().getTime() + retryDelayMs(endpoint.retry, attemptNumber)))
      throw new Error(`webhook ${delivery._id} to "${endpoint.id}": ${attempt.statusCode ?? attempt.error}`)
    }
    await record(delivery._id, attempt, 'failed', null)
    context.log.warn('webhook delivery failed', {
      deliveryId: delivery._id,
      endpoint: endpoint.id,
      attempts: attemptNumber,
      last: attempt.statusCode ?? attempt.error,
    })
  }
}

/** The worker server/hub.ts starts with the others; `options` replace the HTTP client and the environment (tests). */
export async function startWebhookWorker(
  context: HubContext,
  connection: ConnectionOptions,
  options: Partial<WebhookWorkerDependencies> & { concurrency?: number } = {},
): Promise<Worker<WebhookJob>> {
  // The admin log's indexes (server/infra/mongo.ts builds the core models'; these belong here).
  await WebhookDelivery.createIndexes()
  const dependencies = { fetch: options.fetch ?? globalThis.fetch, environment: options.environment ?? process.env }
  return new Worker<WebhookJob>(QUEUE_NAMES.webhooks, processWebhookJob(context, dependencies), { connection, concurrency: options.concurrency ?? 8 })
}
