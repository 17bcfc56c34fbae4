/**
 * The retry policy of a delivery, from its endpoint's config: BullMQ's exponential backoff
 * (initialDelayMs, then doubling), and the same arithmetic for the `nextAttemptAt` the log shows.
 */
import type { JobsOptions } from 'bullmq'
import type { WebhookEndpoint } from './webhook-config.js'

export function deliveryJobOptions(retry: WebhookEndpoint['retry'], jobId: string): JobsOptions {
  return {
    jobId,
    attempts: retry.attempts,
    backoff: { type: 'exponential', delay: retry.initialDelayMs },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  }
}

/** The wait after the `attempt`-th try (1-based) failed, as BullMQ computes it. */
export function retryDelayMs(retry: WebhookEndpoint['retry'], attempt: number): number {
  return Math.round(retry.initialDelayMs * 2 ** (attempt - 1))
}
