import mongoose, { Schema } from 'mongoose'

/** Append-only record of sensitive actions (MLPS level 3 asks for exactly this). */
export interface AuditEventDoc {
  _id: string
  at: Date
  actor: { type: 'user' | 'system' | 'anonymous' | 'api' | 'citizen'; id?: string; email?: string }
  action: string
  target?: { type: string; id: string }
  details?: Record<string, unknown>
  ip?: string
  outcome: 'success' | 'failure'
}

const auditEventSchema = new Schema<AuditEventDoc>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    actor: { _id: false, type: { type: String, required: true }, id: String, email: String },
    action: { type: String, required: true },
    target: { type: new Schema({ type: String, id: String }, { _id: false }), required: false },
    details: { type: Schema.Types.Mixed, required: false },
    ip: String,
    outcome: { type: String, enum: ['success', 'failure'], required: true },
  },
  { versionKey: false, collection: 'audit_events' },
)
auditEventSchema.index({ at: -1 })
auditEventSchema.index({ 'actor.id': 1, at: -1 })

export const AuditEvent = mongoose.model<AuditEventDoc>('AuditEvent', auditEventSchema)
