import mongoose, { Schema } from 'mongoose'

/**
 * Provider message id → hub message id, keyed `<channel>:<externalId>`, so that receipts
 * (Twilio status callbacks, WeChat TEMPLATESENDJOBFINISH) find their message by `_id` on every
 * backend (FerretDB's SQLite backend pushes down only `_id`). Written when a send returns an id.
 */
export interface MessageRefDoc {
  _id: string
  messageId: string
  createdAt: Date
}

const messageRefSchema = new Schema<MessageRefDoc>(
  { _id: { type: String, required: true }, messageId: { type: String, required: true }, createdAt: { type: Date, required: true } },
  { versionKey: false, collection: 'message_refs' },
)

export const MessageRef = mongoose.model<MessageRefDoc>('MessageRef', messageRefSchema)

export function messageRefKey(channelId: string, externalId: string): string {
  return `${channelId}:${externalId}`
}
