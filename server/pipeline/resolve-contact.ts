/**
 * Finds or creates the contact behind a channel identity.
 *
 * The identity row (primary key `<channel>:<externalId>`) is written first and is
 * the race guard: of two concurrent first messages, one identity insert wins and
 * the other reads the winner. A crash between the two writes leaves an identity
 * whose contact is created on the next message (upsert by _id).
 */
import { createHash } from 'node:crypto'
import type { InboundSender } from '../../connectors/spec.js'
import type { HubContext } from '../hub-context.js'
import { Contact, type ContactDoc, type ContactIdentityDoc, ContactIdentityModel, identityKey } from '../models/contact.js'
import { newId } from '../models/new-id.js'
import { maskEmail, maskPhone } from '../presenters/mask-pii.js'
import { isDuplicateKey } from './append-message.js'

/**
 * The identity row of `<channel>:<externalId>`: the existing one, or a new one for `contactId`.
 * Of two concurrent claims one insert wins and the other reads the winner.
 */
export async function claimIdentity(context: Pick<HubContext, 'now'>, channelId: string, externalId: string, contactId: string): Promise<ContactIdentityDoc> {
  const key = identityKey(channelId, externalId)
  const existing = await ContactIdentityModel.findById(key).lean<ContactIdentityDoc>()
  if (existing) return existing
  const candidate: ContactIdentityDoc = { _id: key, contactId, createdAt: context.now() }
  try {
    await ContactIdentityModel.collection.insertOne(candidate as never)
    return candidate
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
    const winner = await ContactIdentityModel.findById(key).lean<ContactIdentityDoc>()
    if (!winner) throw error
    return winner
  }
}

export async function resolveContact(context: Pick<HubContext, 'now'>, channelId: string, sender: InboundSender): Promise<ContactDoc> {
  const identity = await claimIdentity(context, channelId, sender.externalId, newId('ct'))
  const existing = await Contact.findById(identity.contactId).lean<ContactDoc>()
  if (existing) return existing

  const now = context.now()
  const contact: ContactDoc = {
    _id: identity.contactId,
    name: sender.displayName ?? defaultContactName(channelId, sender),
    ...(sender.phone ? { phone: sender.phone } : {}),
    ...(sender.email ? { email: sender.email } : {}),
    ...(sender.language ? { language: sender.language } : {}),
    identities: [{ channel: channelId, externalId: sender.externalId }],
    consent: { marketing: false, notifications: true },
    createdAt: now,
    updatedAt: now,
  }
  try {
    await Contact.updateOne({ _id: contact._id }, { $setOnInsert: contact }, { upsert: true })
  } catch (error) {
    // Two workers upserting the same new contact at once: one insert wins, the other gets a
    // duplicate key (an upsert is not atomic against a concurrent one); the winner's row is the same contact.
    if (!isDuplicateKey(error)) throw error
  }
  return (await Contact.findById(contact._id).lean<ContactDoc>()) ?? contact
}

/**
 * A name for a citizen the channel gave none: never the raw phone number, address or
 * openid (agents without PII rights see names), only a masked form or a stable handle.
 */
export function defaultContactName(channelId: string, sender: Pick<InboundSender, 'externalId' | 'phone' | 'email'>): string {
  if (sender.phone) return maskPhone(sender.phone)
  if (sender.email) return maskEmail(sender.email)
  const handle = createHash('sha256').update(sender.externalId).digest('hex').slice(0, 6).toUpperCase()
  return `${channelId}·${handle}`
}
