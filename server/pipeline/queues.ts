/**
 * The durable queues between ingress and workers. Jobs carry raw provider
 * requests (inbound) or a message id (outbound); workers do everything else.
 */
import { type ConnectionOptions, type JobsOptions, Queue } from 'bullmq'
import type { InboundRequest } from '../../connectors/spec.js'

export const QUEUE_NAMES = { inbound: 'sb-inbound', outbound: 'sb-outbound', media: 'sb-media' } as const

export interface InboundJob {
  channelId: string
  request: Omit<InboundRequest, 'receivedAt'> & { receivedAt: string }
}

export interface OutboundJob {
  messageId: string
}

/** Download a message's provider-hosted attachments into the hub's storage. */
export interface MediaJob {
  messageId: string
}

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
  enqueueInbound(channelId: string, request: InboundRequest): Promise<void>
  /** jobId = message id: enqueuing the same reply twice sends it once. */
  enqueueOutbound(messageId: string): Promise<void>
  /** jobId derived from the message id: a redelivered message does not download twice. */
  enqueueMedia(messageId: string): Promise<void>
  close(): Promise<void>
}

export function createQueues(connection: ConnectionOptions): HubQueues {
  const inbound = new Queue<InboundJob>(QUEUE_NAMES.inbound, { connection, defaultJobOptions })
  const outbound = new Queue<OutboundJob>(QUEUE_NAMES.outbound, { connection, defaultJobOptions })
  const media = new Queue<MediaJob>(QUEUE_NAMES.media, { connection, defaultJobOptions })
  return {
    inbound,
    outbound,
    media,
    async enqueueInbound(channelId, request) {
      await inbound.add('inbound', { channelId, request: { ...request, receivedAt: request.receivedAt.toISOString() } })
    },
    async enqueueOutbound(messageId) {
      await outbound.add('send', { messageId }, { jobId: messageId })
    },
    async enqueueMedia(messageId) {
      await media.add('download', { messageId }, { jobId: `media-${messageId}` })
    },
    async close() {
      await Promise.all([inbound.close(), outbound.close(), media.close()])
    },
  }
}
