import type { Attachment } from '../../connectors/spec.js'
import { fileIdFromMediaUrl } from '../media/media-store.js'
import type { ConversationDoc } from '../models/conversation.js'
import { MediaFile, type MediaFileDoc } from '../models/media.js'
import { ApiError } from './api-error.js'

/** Attachments named in a reply, each checked to be a file uploaded to this very conversation. */
export async function conversationAttachments(conversation: Pick<ConversationDoc, '_id'>, requested: readonly { url: string }[]): Promise<Attachment[]> {
  const attachments: Attachment[] = []
  for (const { url } of requested) {
    const fileId = fileIdFromMediaUrl(url)
    const file = fileId ? await MediaFile.findById(fileId).lean<MediaFileDoc>() : null
    if (!file || file.conversationId !== conversation._id) {
      throw new ApiError(400, 'unknown_attachment', 'Attachments must be files uploaded to this conversation first')
    }
    attachments.push({ url, mimeType: file.mimeType, size: file.size, ...(file.name ? { name: file.name } : {}) })
  }
  return attachments
}
