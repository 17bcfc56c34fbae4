import mongoose, { Schema } from 'mongoose'
import type { Role } from '../presenters/dto.js'

export interface UserDoc {
  _id: string
  email: string
  name: string
  role: Role
  /** Queues the user works (agents) or supervises; admins see every queue. */
  queues: string[]
  /** The department a department user works for (role department). */
  department?: string | null
  /** Sees every queue whatever `queues` says (granted by an admin, e.g. to a duty manager). */
  allQueues?: boolean
  language: string
  /** What the agent can handle beyond the basics (english, sign-language…): routing rules can require them. */
  skills?: string[]
  /** The agent's own capacity per kind, over the hub's default (routing.capacity). */
  capacity?: { chat?: number; call?: number; email?: number }
  passwordHash: string
  active: boolean
  createdAt: Date
  updatedAt: Date
}

const userSchema = new Schema<UserDoc>(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true, lowercase: true, trim: true },
    name: { type: String, required: true },
    role: { type: String, enum: ['admin', 'supervisor', 'agent', 'department'], required: true },
    department: { type: String, default: null },
    queues: { type: [String], default: [] },
    allQueues: { type: Boolean, default: false },
    language: { type: String, default: 'zh-CN' },
    skills: { type: [String], default: [] },
    capacity: { type: new Schema({ chat: Number, call: Number, email: Number }, { _id: false }), default: undefined },
    passwordHash: { type: String, required: true },
    active: { type: Boolean, default: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'users' },
)
userSchema.index({ email: 1 }, { unique: true })

export const User = mongoose.model<UserDoc>('User', userSchema)
