import mongoose, { Schema } from 'mongoose'
import type { Attachment, DeliveryStatus, Location, MessageType, OutboundTemplate } from '../../connectors/spec.js'
import type { SenderType } from '../presenters/dto.js'

export interface MessageDoc {
  _id: string
  conversationId: string
  /** Strictly increasing per conversation (unique index below). */
  seq: number
  /** For public messages: seq of the previous public message, so citizens can tell a hole from a note. */
  prevVisibleSeq?: number
  channel: string
  direction: 'inbound' | 'outbound'
  sender: { type: SenderType; id?: string; name?: string }
  type: MessageType
  body: string
  attachments: Attachment[]
  location?: Location
  /** Provider's id: set on inbound at creation, on outbound once sent. Never null (null would collide). */
  externalId?: string
  clientId?: string
  /** The provider's extra fields (menu key, QR scene, voice recognition…): kept for audits and routing, never shown raw. */
  metadata?: Record<string, string>
  /** Outbound only: sent as this provider template (e.g. a WeChat template message outside the 48-hour window). */
  template?: OutboundTemplate
  status: DeliveryStatus
  statusReason?: string
  private: boolean
  createdAt: Date
  updatedAt: Date
}

const messageSchema = new Schema<MessageDoc>(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, required: true },
    seq: { type: Number, required: true },
    prevVisibleSeq: { type: Number, required: false },
    channel: { type: String, required: true },
    direction: { type: String, enum: ['inbound', 'outbound'], required: true },
    sender: { _id: false, type: { type: String, enum: ['contact', 'agent', 'system', 'bot'], required: true }, id: String, name: String },
    type: { type: String, enum: ['text', 'image', 'file', 'audio', 'video', 'location', 'event'], required: true },
    body: { type: String, default: '' },
    attachments: { type: [{ _id: false, url: String, mimeType: String, name: String, size: Number }], default: [] },
    location: { type: new Schema({ latitude: Number, longitude: Number, label: String }, { _id: false }), required: false },
    externalId: { type: String, required: false },
    clientId: { type: String, required: false },
    metadata: { type: Schema.Types.Mixed, required: false },
    template: { type: Schema.Types.Mixed, required: false },
    status: { type: String, enum: ['queued', 'sent', 'delivered', 'read', 'failed'], required: true },
    statusReason: String,
    private: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'messages' },
)
messageSchema.index({ conversationId: 1, seq: 1 }, { unique: true })
// Redelivered provider events hit this and are dropped (sparse: outbound messages have no id until sent).
messageSchema.index({ channel: 1, externalId: 1 }, { unique: true, sparse: true })

export const Message = mongoose.model<MessageDoc>('Message', messageSchema)
