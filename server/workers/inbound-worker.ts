/** Parses queued provider requests with their channel's connector and ingests the events. */
import { type ConnectionOptions, type Job, UnrecoverableError, Worker } from 'bullmq'
import type { HubContext } from '../hub-context.js'
import { ingestInbound } from '../pipeline/ingest-inbound.js'
import { type InboundJob, QUEUE_NAMES } from '../pipeline/queues.js'

export function processInbound(context: HubContext) {
  return async (job: Job<InboundJob>): Promise<void> => {
    const channel = context.channels.get(job.data.channelId)
    // A channel removed from the config since: keep the job (failed) for an operator to see.
    if (!channel) throw new UnrecoverableError(`Channel ${job.data.channelId} is not configured`)
    const request = { ...job.data.request, receivedAt: new Date(job.data.request.receivedAt) }
    const events = channel.connector.parseInbound(request)
    await ingestInbound(context, channel, events)
  }
}

export function startInboundWorker(context: HubContext, connection: ConnectionOptions, concurrency = 8): Worker<InboundJob> {
  const worker = new Worker<InboundJob>(QUEUE_NAMES.inbound, processInbound(context), { connection, concurrency })
  worker.on('failed', (job, error) => context.log.warn('inbound job failed', { jobId: job?.id, attempts: job?.attemptsMade, error: error.message }))
  return worker
}
