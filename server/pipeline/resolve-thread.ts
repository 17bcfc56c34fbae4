/**
 * Places a message from a threading channel (email) in the conversation it answers.
 *
 * The message's `thread.references` are tried best first: each is either a citizen message the
 * hub stored (its `_id` derives from the provider id) or a reply the hub sent (its provider id
 * has a `message_refs` row), so every probe is a primary-key read, on MongoDB and FerretDB alike,
 * and the first hit (normally In-Reply-To) ends the search. A conversation only matches when it
 * is the same contact's on the same channel: a stranger quoting someone's thread (or guessing a
 * token) starts their own conversation instead of reading into another citizen's.
 */
import type { ThreadHint } from '../../connectors/spec.js'
import type { ChannelEntry } from '../channels/channel-registry.js'
import type { HubContext } from '../hub-context.js'
import type { ContactDoc } from '../models/contact.js'
import { Conversation, type ConversationDoc } from '../models/conversation.js'
import { Message, type MessageDoc } from '../models/message.js'
import { MessageRef, type MessageRefDoc, messageRefKey } from '../models/message-ref.js'
import { inboundMessageId } from './message-ids.js'
import { findActiveConversation, openConversation, pointActiveConversation, withActiveConversationLock } from './resolve-conversation.js'

/** Probes per message: a long References header must not turn one mail into hundreds of reads. */
export const MAX_THREAD_PROBES = 50

export async function resolveThreadedConversation(
  context: Pick<HubContext, 'redis' | 'now'>,
  channel: ChannelEntry,
  contact: ContactDoc,
  contactExternalId: string,
  hint: ThreadHint,
  /** The message being placed: a copy delivered twice at once (SMTP and IMAP) must not open two conversations. */
  messageId: string,
): Promise<ConversationDoc> {
  const channelId = channel.config.id
  const matched = await findThreadConversation(channelId, contact._id, hint)
  return withActiveConversationLock(context, contact._id, channelId, async () => {
    const stored = await Message.findById(messageId, { conversationId: 1 }).lean<Pick<MessageDoc, 'conversationId'>>()
    const placed = stored ? await Conversation.findById(stored.conversationId).lean<ConversationDoc>() : null
    if (placed) return placed

    if (matched && !(matched.status === 'resolved' && hint.resolved === 'new')) {
      // A reply to an older thread makes it the citizen's current one again.
      await pointActiveConversation(contact._id, channelId, matched._id)
      return matched
    }
    if (!matched && hint.unmatched === 'active') {
      const current = await findActiveConversation(contact._id, channelId)
      if (current && current.status !== 'resolved') return current
    }
    return openConversation(context, channel, contact, contactExternalId)
  })
}

/** The contact's conversation on the channel that the hint points at, or null. */
export async function findThreadConversation(channelId: string, contactId: string, hint: ThreadHint): Promise<ConversationDoc | null> {
  const isTheirs = (conversation: ConversationDoc | null): conversation is ConversationDoc =>
    conversation !== null && conversation.contactId === contactId && conversation.channel === channelId
  for (const reference of hint.references.slice(0, MAX_THREAD_PROBES)) {
    const conversationId = await conversationOfReference(channelId, reference)
    if (!conversationId) continue
    const conversation = await Conversation.findById(conversationId).lean<ConversationDoc>()
    if (isTheirs(conversation)) return conversation
  }
  if (hint.token) {
    const conversation = await Conversation.findById(hint.token).lean<ConversationDoc>()
    if (isTheirs(conversation)) return conversation
  }
  return null
}

async function conversationOfReference(channelId: string, reference: string): Promise<string | undefined> {
  const inbound = await Message.findById(inboundMessageId(channelId, reference), { conversationId: 1 }).lean<Pick<MessageDoc, 'conversationId'>>()
  if (inbound) return inbound.conversationId
  const ref = await MessageRef.findById(messageRefKey(channelId, reference)).lean<MessageRefDoc>()
  if (!ref) return undefined
  const outbound = await Message.findById(ref.messageId, { conversationId: 1 }).lean<Pick<MessageDoc, 'conversationId'>>()
  return outbound?.conversationId
}
