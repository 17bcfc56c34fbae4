/**
 * Downloads attachments that arrived as provider placeholders (`wechat-media:…`) through their
 * channel's connector, keeps the hub's own copy (voice turned into MP3 when ffmpeg is present),
 * rewrites the message's attachment urls and tells the inbox. Idempotent: a retried job finds
 * the attachments already rewritten, or overwrites the same file ids.
 */
import { type ConnectionOptions, type Job, Worker } from 'bullmq'
import type { Attachment } from '../../connectors/spec.js'
import type { HubContext } from '../hub-context.js'
import { withRedisLock } from '../infra/redis-lock.js'
import { mediaFileId, mediaUrl, saveMedia } from '../media/media-store.js'
import { isProviderPlaceholder } from '../media/placeholder-url.js'
import { needsTranscoding, transcodeToMp3 } from '../media/transcode-audio.js'
import { Conversation, type ConversationDoc } from '../models/conversation.js'
import { Message, type MessageDoc } from '../models/message.js'
import { conversationLockKey } from '../pipeline/append-message.js'
import { type MediaJob, QUEUE_NAMES } from '../pipeline/queues.js'
import { presentMessage } from '../presenters/present.js'

export function processMedia(context: HubContext, options: { canTranscode: boolean }) {
  return async (job: Job<MediaJob>): Promise<void> => {
    const message = await Message.findById(job.data.messageId).lean<MessageDoc>()
    if (!message?.attachments.some((attachment) => isProviderPlaceholder(attachment.url))) return
    const connector = context.channels.get(message.channel)?.connector
    if (!connector?.fetchMedia) return

    const attachments: Attachment[] = []
    for (const [index, attachment] of message.attachments.entries()) {
      if (!isProviderPlaceholder(attachment.url)) {
        attachments.push(attachment)
        continue
      }
      const fetched = await connector.fetchMedia(attachment.url)
      if (!fetched) {
        attachments.push(attachment)
        continue
      }
      let { bytes, mimeType } = fetched
      let name = fetched.name ?? attachment.name
      if (options.canTranscode && needsTranscoding(mimeType)) {
        bytes = await transcodeToMp3(bytes)
        mimeType = 'audio/mpeg'
        name = name ? name.replace(/\.[^.]+$/, '.mp3') : 'voice.mp3'
      }
      const file = await saveMedia({
        _id: mediaFileId(message._id, index),
        conversationId: message.conversationId,
        messageId: message._id,
        mimeType,
        ...(name ? { name } : {}),
        bytes,
        createdAt: context.now(),
      })
      attachments.push({ url: mediaUrl(file._id), mimeType, size: file.size, ...(name ? { name } : {}) })
    }

    // Under the conversation lock, like every other change to a message, so a status update cannot interleave.
    const updated = await withRedisLock(context.redis, conversationLockKey(message.conversationId), async () => {
      await Message.updateOne({ _id: message._id }, { $set: { attachments, updatedAt: context.now() } })
      return Message.findById(message._id).lean<MessageDoc>()
    })
    if (!updated) return
    const conversation = await Conversation.findById(message.conversationId, { _id: 1 }).lean<Pick<ConversationDoc, '_id'>>()
    if (conversation) await context.events.publish({ type: 'message.updated', conversationId: conversation._id, message: presentMessage(updated) })
  }
}

export function startMediaWorker(context: HubContext, connection: ConnectionOptions, options: { canTranscode: boolean }, concurrency = 2): Worker<MediaJob> {
  const worker = new Worker<MediaJob>(QUEUE_NAMES.media, processMedia(context, options), { connection, concurrency })
  worker.on('failed', (job, error) => context.log.warn('media job failed', { jobId: job?.id, attempts: job?.attemptsMade, error: error.message }))
  return worker
}
