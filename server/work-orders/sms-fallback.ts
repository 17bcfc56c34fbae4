/**
 * A caller's "own channel" for written notices is SMS to the number they called from (短信回复):
 * a phone call carries no text afterwards. This finds, or opens, the SMS conversation with that
 * number, linking the number to the same contact so a reply by SMS lands with the caller's
 * history. Null when the hub has no SMS channel or the number opted out of SMS.
 */
import type { ChannelEntry } from '../channels/channel-registry.js'
import type { HubContext } from '../hub-context.js'
import { Contact, type ContactDoc } from '../models/contact.js'
import type { ConversationDoc } from '../models/conversation.js'
import { updateConversation } from '../pipeline/conversation-actions.js'
import { claimIdentity } from '../pipeline/resolve-contact.js'
import { findActiveConversation, openConversation, withActiveConversationLock } from '../pipeline/resolve-conversation.js'

type FallbackContext = Pick<HubContext, 'redis' | 'now' | 'events' | 'channels'>

const E164 = /^\+[1-9]\d{6,14}$/

export function smsChannelOf(channels: HubContext['channels']): ChannelEntry | undefined {
  return [...channels.values()].find((entry) => entry.connector.type === 'sms' && entry.connector.capabilities.messageTypes.includes('text'))
}

export async function smsConversationFor(context: FallbackContext, contactId: string, phone: string): Promise<ConversationDoc | 'opted_out' | null> {
  const channel = smsChannelOf(context.channels)
  if (!channel || !E164.test(phone)) return null
  const channelId = channel.config.id
  const owner = await linkNumber(context, channelId, phone, contactId)
  const contact = await Contact.findById(owner).lean<ContactDoc>()
  if (!contact) return null
  if (contact.identities.some((identity) => identity.channel === channelId && identity.externalId === phone && identity.optedOutAt)) return 'opted_out'
  return withActiveConversationLock(context, contact._id, channelId, async () => {
    const current = await findActiveConversation(contact._id, channelId)
    if (current) return current
    // Opened by the hub to tell the caller something: nobody waits on it, so it is not left open in the queue.
    const opened = await openConversation(context, channel, contact, phone)
    return (await updateConversation(context, opened._id, () => ({ status: 'resolved', resolvedAt: context.now() }))) ?? opened
  })
}

/** The contact that owns the number on the SMS channel: the caller's, unless the number already belongs to someone. */
async function linkNumber(context: Pick<HubContext, 'now'>, channelId: string, phone: string, contactId: string): Promise<string> {
  const identity = await claimIdentity(context, channelId, phone, contactId)
  if (identity.contactId !== contactId) return identity.contactId
  const contact = await Contact.findById(contactId, { identities: 1 }).lean<Pick<ContactDoc, 'identities'>>()
  if (contact && !contact.identities.some((existing) => existing.channel === channelId && existing.externalId === phone)) {
    await Contact.updateOne(
      { _id: contactId },
      { $set: { identities: [...contact.identities, { channel: channelId, externalId: phone }], updatedAt: context.now() } },
    )
  }
  return contactId
}
