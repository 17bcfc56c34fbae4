/**
 * Sends persisted replies through their channel's connector, then records the
 * provider id and status. Retryable provider errors go back to BullMQ's backoff;
 * the rest (and the last retry) mark the message failed with the reason, which
 * the agent sees in the inbox.
 */
import { type ConnectionOptions, type Job, Worker } from 'bullmq'
import { ConnectorSendError, type ReplyContext } from '../../connectors/spec.js'
import type { HubContext } from '../hub-context.js'
import { Contact, type ContactDoc } from '../models/contact.js'
import { Conversation, type ConversationDoc } from '../models/conversation.js'
import { Message, type MessageDoc } from '../models/message.js'
import { applyDeliveryStatus } from '../pipeline/delivery-status.js'
import { type OutboundJob, QUEUE_NAMES } from '../pipeline/queues.js'

export function processOutbound(context: HubContext) {
  return async (job: Job<OutboundJob>): Promise<void> => {
    const message = await Message.findById(job.data.messageId).lean<MessageDoc>()
    // The loop guard: only queued, public, outbound messages ever reach a provider.
    if (!message || message.private || message.direction !== 'outbound' || message.status !== 'queued') return
    const fail = (code: string) => applyDeliveryStatus(context, message._id, 'failed', code)

    const channel = context.channels.get(message.channel)
    if (!channel) return void (await fail('channel_not_configured'))
    const conversation = await Conversation.findById(message.conversationId).lean<ConversationDoc>()
    if (!conversation) return void (await fail('conversation_missing'))
    const contact = await Contact.findById(conversation.contactId).lean<ContactDoc>()
    const identity = contact?.identities.find((candidate) => candidate.channel === message.channel && candidate.externalId === conversation.contactExternalId)
    if (identity?.optedOutAt) return void (await fail('recipient_opted_out'))

    try {
      const result = await channel.connector.send({
        messageId: message._id,
        conversationId: message.conversationId,
        recipient: { externalId: conversation.contactExternalId },
        type: message.type,
        text: message.body,
        attachments: message.attachments,
        ...(message.template ? { template: message.template } : {}),
        ...(channel.connector.capabilities.replyContext ? await replyContextOf(conversation) : {}),
      })
      await applyDeliveryStatus(context, message._id, result.status, undefined, { externalId: result.externalId })
    } catch (error) {
      const sendError = error instanceof ConnectorSendError ? error : null
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1)
      // Unknown errors (network, bugs) are retried; provider errors only when the provider says so.
      const retryable = sendError ? sendError.isRetryable : true
      if (retryable && !lastAttempt) throw error
      await fail(sendError?.code ?? 'send_failed')
      context.log.warn('outbound message failed', { messageId: message._id, error: String(error) })
    }
  }
}

/** The citizen's last message, which a reply on a threading channel answers (its id, the thread before it, its subject). */
async function replyContextOf(conversation: ConversationDoc): Promise<{ replyTo?: ReplyContext }> {
  if (!conversation.lastInboundMessageId) return {}
  const answered = await Message.findById(conversation.lastInboundMessageId, { externalId: 1, metadata: 1 }).lean<Pick<MessageDoc, 'externalId' | 'metadata'>>()
  if (!answered?.externalId) return {}
  const references = answered.metadata?.references?.split(/\s+/).filter(Boolean)
  const subject = answered.metadata?.subject
  return {
    replyTo: {
      externalId: answered.externalId,
      ...(references && references.length > 0 ? { references } : {}),
      ...(subject ? { subject } : {}),
    },
  }
}

export function startOutboundWorker(context: HubContext, connection: ConnectionOptions, concurrency = 8): Worker<OutboundJob> {
  const worker = new Worker<OutboundJob>(QUEUE_NAMES.outbound, processOutbound(context), { connection, concurrency })
  worker.on('failed', (job, error) => context.log.warn('outbound job failed', { jobId: job?.id, attempts: job?.attemptsMade, error: error.message }))
  return worker
}
