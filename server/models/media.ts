import mongoose, { Schema } from 'mongoose'

/**
 * Files the hub keeps itself (attachments downloaded from providers). Bytes live in 1 MiB
 * chunks keyed `<fileId>:<n>`, so reading a file is a few `_id` lookups on every backend
 * (GridFS would query chunks by `files_id`, which FerretDB's SQLite backend cannot push down).
 */
export interface MediaFileDoc {
  _id: string
  /** The conversation the file belongs to ('' for a file of a work order alone). */
  conversationId: string
  /** The work order a department's file was uploaded to. */
  workOrderId?: string
  messageId: string
  mimeType: string
  name?: string
  size: number
  chunkCount: number
  createdAt: Date
}

export interface MediaChunkDoc {
  _id: string
  data: Buffer
}

const mediaFileSchema = new Schema<MediaFileDoc>(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, default: '' },
    workOrderId: String,
    messageId: { type: String, default: '' },
    mimeType: { type: String, required: true },
    name: String,
    size: { type: Number, required: true },
    chunkCount: { type: Number, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'media_files' },
)

const mediaChunkSchema = new Schema<MediaChunkDoc>(
  { _id: { type: String, required: true }, data: { type: Buffer, required: true } },
  { versionKey: false, collection: 'media_chunks' },
)

export const MediaFile = mongoose.model<MediaFileDoc>('MediaFile', mediaFileSchema)
export const MediaChunk = mongoose.model<MediaChunkDoc>('MediaChunk', mediaChunkSchema)

export const mediaChunkKey = (fileId: string, index: number) => `${fileId}:${index}`
