import mongoose, { Schema } from 'mongoose'

export interface ContactIdentity {
  channel: string
  externalId: string
  /** Set when the citizen unsubscribed on that channel: nothing is sent to it again. */
  optedOutAt?: Date
}

export interface ContactDoc {
  _id: string
  name: string
  phone?: string
  email?: string
  language?: string
  identities: ContactIdentity[]
  consent: { marketing: boolean; notifications: boolean }
  /** Facts channels tell about the citizen (e.g. the WeChat QR scene they followed from), for routing. */
  attributes?: Record<string, string>
  /** Set when this contact was merged into another: its identities and conversations are there now. */
  mergedInto?: string | null
  /** Labels staff give the citizen (enterprise, elderly, repeat-caller…); routing rules can match them. */
  tags?: string[]
  /** Where the citizen's client last said it was (WeChat LOCATION events). */
  lastLocation?: { latitude: number; longitude: number; label?: string; at: Date }
  createdAt: Date
  updatedAt: Date
}

const contactSchema = new Schema<ContactDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    phone: String,
    email: String,
    language: String,
    identities: [{ _id: false, channel: { type: String, required: true }, externalId: { type: String, required: true }, optedOutAt: Date }],
    consent: { marketing: { type: Boolean, default: false }, notifications: { type: Boolean, default: true } },
    attributes: { type: Schema.Types.Mixed, required: false },
    tags: { type: [String], default: undefined },
    mergedInto: { type: String, default: null },
    lastLocation: { type: Schema.Types.Mixed, required: false },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'contacts' },
)
// One citizen per channel identity. The hot lookup goes through contact_identities by _id
// (FerretDB's SQLite backend pushes down only _id); on MongoDB this index enforces it too.
contactSchema.index({ 'identities.channel': 1, 'identities.externalId': 1 }, { unique: true, sparse: true })
contactSchema.index({ phone: 1 }, { sparse: true })
contactSchema.index({ email: 1 }, { sparse: true })

export const Contact = mongoose.model<ContactDoc>('Contact', contactSchema)

/** `_id` = `<channelId>:<externalId>`: the identity → contact lookup, by primary key on every backend. */
export interface ContactIdentityDoc {
  _id: string
  contactId: string
  createdAt: Date
}

const contactIdentitySchema = new Schema<ContactIdentityDoc>(
  { _id: { type: String, required: true }, contactId: { type: String, required: true }, createdAt: { type: Date, required: true } },
  { versionKey: false, collection: 'contact_identities' },
)
export const ContactIdentityModel = mongoose.model<ContactIdentityDoc>('ContactIdentity', contactIdentitySchema)

export function identityKey(channelId: string, externalId: string): string {
  return `${channelId}:${externalId}`
}
