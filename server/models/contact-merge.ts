import mongoose, { Schema } from 'mongoose'
import type { ContactDoc } from './contact.js'

/**
 * One merge of a contact (the source) into another (the target): what moved, so the merge can be
 * finished after a crash (every step is repeatable from this record) and reverted later.
 */
export interface ContactMergeDoc {
  _id: string
  targetId: string
  sourceId: string
  /** The source contact as it was before the merge (restored by a revert). */
  sourceSnapshot: ContactDoc
  /** The target's fields before the merge that the merge may fill in (phone, email, tags). */
  targetBefore: Pick<ContactDoc, 'phone' | 'email' | 'tags'>
  movedConversationIds: string[]
  state: 'started' | 'done' | 'reverted'
  by: { id: string; name: string }
  at: Date
  revertedAt?: Date
  revertedBy?: { id: string; name: string }
}

const contactMergeSchema = new Schema<ContactMergeDoc>(
  {
    _id: { type: String, required: true },
    targetId: { type: String, required: true },
    sourceId: { type: String, required: true },
    sourceSnapshot: { type: Schema.Types.Mixed, required: true },
    targetBefore: { type: Schema.Types.Mixed, required: true },
    movedConversationIds: { type: [String], default: [] },
    state: { type: String, enum: ['started', 'done', 'reverted'], required: true },
    by: { type: Schema.Types.Mixed, required: true },
    at: { type: Date, required: true },
    revertedAt: Date,
    revertedBy: Schema.Types.Mixed,
  },
  { versionKey: false, collection: 'contact_merges' },
)

export const ContactMerge = mongoose.model<ContactMergeDoc>('ContactMerge', contactMergeSchema)
