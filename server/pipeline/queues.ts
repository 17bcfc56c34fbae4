/**
 * The durable queues between ingress and workers. Jobs carry raw provider
 * requests (inbound) or a message id (outbound); workers do everything else.
 */
import { type ConnectionOptions, type JobsOptions, Queue } from 'bullmq'
import type { InboundRequest } from '../../connectors/spec.js'

export const QUEUE_NAMES = { inbound: 'sb-inbound', outbound: 'sb-outbound', media: 'sb-media', routing: 'sb-routing', webhooks: 'sb-webhooks' } as const

export interface InboundJob {
  channelId: string
  request: Omit<InboundRequest, 'receivedAt'> & { receivedAt: string }
}

export interface OutboundJob {
  messageId: string
}

/** One signed POST to a department's endpoint (server/webhooks); the delivery document holds the rest. */
export interface WebhookJob {
  deliveryId: string
}

/** Download a message's provider-hosted attachments into the hub's storage. */
export interface MediaJob {
  messageId: string
}

/** Timed routing work: reassign when the assignee did not answer, wake a snoozed conversation, sweep vanished agents. */
export type RoutingJob =
  | { kind: 'reassign-check'; conversationId: string; agentId: string; assignedAt: string }
  | { kind: 'snooze-wake'; conversationId: string; snoozedUntil: string }
  | { kind: 'presence-sweep' }
  | { kind: 'sla-check'; conversationId: string; target: 'firstResponse' | 'resolution'; dueAt: string }
  /** What follows a work-order change: notifications, webhooks, deadline checks (jobId: the history entry). */
  | { kind: 'work-order-effects'; workOrderId: string; entryId: string }
  | { kind: 'work-order-deadline'; workOrderId: string; deadline: 'sign' | 'return' | 'resolve'; dueAt: string }
  | { kind: 'work-order-follow-up'; workOrderId: string; resolvedAt: string }

const defaultJobOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 3600, count: 5000 },
  removeOnFail: { age: 7 * 24 * 3600 },
}

export interface HubQueues {
  inbound: Queue<InboundJob>
  outbound: Queue<OutboundJob>
  media: Queue<MediaJob>
  routing: Queue<RoutingJob>
  /** Retries and backoff are set per endpoint when a delivery is queued (server/webhooks). */
  webhooks: Queue<WebhookJob>
  /** A jobId makes scheduling idempotent (the same reassignment check is scheduled once). */
  enqueueRouting(job: RoutingJob, options: { delayMs?: number; jobId?: string }): Promise<void>
  enqueueInbound(channelId: string, request: InboundRequest): Promise<void>
  /** jobId = message id: enqueuing the same reply twice sends it once. */
  enqueueOutbound(messageId: string, channelId: string): Promise<void>
  /** jobId derived from the message id: a redelivered message does not download twice. */
  enqueueMedia(messageId: string, channelId: string): Promise<void>
  /** The queue of a channel whose sends and downloads must run in the one process holding its connection. */
  channelQueue(channelId: string): Queue<OutboundJob | MediaJob> | undefined
  close(): Promise<void>
}

/** Queue name of a connection-holding channel (e.g. a Wechaty bot): consumed only where the bot runs. */
export function channelQueueName(channelId: string): string {
  return `sb-channel-${channelId}`
}

export const CHANNEL_JOB = { send: 'send', media: 'download' } as const

export function createQueues(connection: ConnectionOptions, options: { dedicatedChannels?: readonly string[] } = {}): HubQueues {
  const inbound = new Queue<InboundJob>(QUEUE_NAMES.inbound, { connection, defaultJobOptions })
  const outbound = new Queue<OutboundJob>(QUEUE_NAMES.outbound, { connection, defaultJobOptions })
  const media = new Queue<MediaJob>(QUEUE_NAMES.media, { connection, defaultJobOptions })
  const routing = new Queue<RoutingJob>(QUEUE_NAMES.routing, { connection, defaultJobOptions: { ...defaultJobOptions, attempts: 3 } })
  const webhooks = new Queue<WebhookJob>(QUEUE_NAMES.webhooks, { connection })
  const dedicated = new Map(
    (options.dedicatedChannels ?? []).map((id) => [id, new Queue<OutboundJob | MediaJob>(channelQueueName(id), { connection, defaultJobOptions })]),
  )
  return {
    inbound,
    outbound,
    media,
    routing,
    webhooks,
    async enqueueRouting(job, options) {
      await routing.add(job.kind, job, { ...(options.delayMs ? { delay: options.delayMs } : {}), ...(options.jobId ? { jobId: options.jobId } : {}) })
    },
    async enqueueInbound(channelId, request) {
      await inbound.add('inbound', { channelId, request: { ...request, receivedAt: request.receivedAt.toISOString() } })
    },
    async enqueueOutbound(messageId, channelId) {
      const own = dedicated.get(channelId)
      if (own) await own.add(CHANNEL_JOB.send, { messageId }, { jobId: messageId })
      else await outbound.add('send', { messageId }, { jobId: messageId })
    },
    async enqueueMedia(messageId, channelId) {
      const own = dedicated.get(channelId)
      if (own) await own.add(CHANNEL_JOB.media, { messageId }, { jobId: `media-${messageId}` })
      else await media.add('download', { messageId }, { jobId: `media-${messageId}` })
    },
    channelQueue: (channelId) => dedicated.get(channelId),
    async close() {
      await Promise.all([
        inbound.close(),
        outbound.close(),
        media.close(),
        routing.close(),
        webhooks.close(),
        ...[...dedicated.values()].map((queue) => queue.close()),
      ])
    },
  }
}
