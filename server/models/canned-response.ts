import mongoose, { Schema } from 'mongoose'

/** A reply agents insert with `/shortcut`; `{{contact.name}}`-style variables are filled in the inbox. */
export interface CannedResponseDoc {
  _id: string
  shortcut: string
  title: string
  body: string
  /** Only offered in this queue's conversations; null: everywhere. */
  queue: string | null
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

const cannedResponseSchema = new Schema<CannedResponseDoc>(
  {
    _id: { type: String, required: true },
    shortcut: { type: String, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    queue: { type: String, default: null },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'canned_responses' },
)
cannedResponseSchema.index({ shortcut: 1 }, { unique: true })

export const CannedResponse = mongoose.model<CannedResponseDoc>('CannedResponse', cannedResponseSchema)
