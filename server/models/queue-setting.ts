import mongoose, { Schema } from 'mongoose'

/**
 * An admin's change to a queue's routing settings, over what channels.config.ts declares
 * (`_id` = queue id). Absent fields keep the configured value.
 */
export interface QueueSettingDoc {
  _id: string
  assignment?: 'manual' | 'round_robin' | 'least_busy'
  reassignAfterMinutes?: number
  skills?: string[]
  updatedAt: Date
  updatedBy: string
}

const queueSettingSchema = new Schema<QueueSettingDoc>(
  {
    _id: { type: String, required: true },
    assignment: { type: String, enum: ['manual', 'round_robin', 'least_busy'] },
    reassignAfterMinutes: Number,
    skills: { type: [String], default: undefined },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { versionKey: false, collection: 'queue_settings' },
)

export const QueueSetting = mongoose.model<QueueSettingDoc>('QueueSetting', queueSettingSchema)
