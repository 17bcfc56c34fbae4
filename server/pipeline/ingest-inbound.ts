/**
 * The channel-agnostic half of inbound processing: normalized events in,
 * contact → conversation → message out, then one event on the bus.
 * Idempotent: a redelivered event finds its message by id and only re-publishes
 * (clients dedupe by seq), so a retry after a crash repairs a missed publish.
 */
import type { InboundEvent, InboundMessage, InboundSignal, InboundStatusUpdate } from '../../connectors/spec.js'
import type { ChannelEntry } from '../channels/channel-registry.js'
import type { HubContext } from '../hub-context.js'
import { Contact, type ContactIdentityDoc, ContactIdentityModel, identityKey } from '../models/contact.js'
import { Conversation, type ConversationDoc } from '../models/conversation.js'
import { Message, type MessageDoc } from '../models/message.js'
import { presentConversation, presentMessage } from '../presenters/present.js'
import { contactRoom } from '../realtime/event-rooms.js'
import { appendMessage, previewOf } from './append-message.js'
import { applyDeliveryStatus } from './delivery-status.js'
import { inboundMessageId } from './message-ids.js'
import { resolveContact } from './resolve-contact.js'
import { findActiveConversation, resolveConversation } from './resolve-conversation.js'

type IngestContext = Pick<HubContext, 'redis' | 'now' | 'events' | 'log'>

export async function ingestInbound(context: IngestContext, channel: ChannelEntry, events: readonly InboundEvent[]): Promise<void> {
  for (const event of events) {
    switch (event.kind) {
      case 'message':
        await ingestMessage(context, channel, event)
        break
      case 'status':
        await ingestStatus(context, channel, event)
        break
      case 'signal':
        await ingestSignal(context, channel, event)
        break
    }
  }
}

export async function ingestMessage(context: IngestContext, channel: ChannelEntry, event: InboundMessage): Promise<MessageDoc> {
  const channelId = channel.config.id
  const messageId = inboundMessageId(channelId, event.externalId)
  const redelivered = await Message.findById(messageId).lean<MessageDoc>()
  const conversation = redelivered
    ? await Conversation.findById(redelivered.conversationId).lean<ConversationDoc>()
    : await resolveConversation(context, channel, await resolveContact(context, channelId, event.sender), event.sender.externalId)
  if (!conversation) throw new Error(`Conversation of message ${messageId} is missing`)

  const result = await appendMessage(
    context,
    conversation._id,
    {
      _id: messageId,
      conversationId: conversation._id,
      channel: channelId,
      direction: 'inbound',
      sender: { type: 'contact', id: conversation.contactId, name: conversation.contactName },
      type: event.type,
      body: event.text ?? '',
      attachments: event.attachments ?? [],
      ...(event.location ? { location: event.location } : {}),
      externalId: event.externalId,
      ...(channel.connector.type === 'webchat' ? { clientId: event.externalId.split(':').pop() ?? '' } : {}),
      status: 'delivered',
      private: false,
    },
    (current, message) => ({
      status: 'open',
      snoozedUntil: null,
      resolvedAt: null,
      lastMessage: { preview: previewOf(message), direction: 'inbound', at: message.createdAt },
      lastMessageAt: message.createdAt,
      lastInboundAt: message.createdAt,
      waitingSince: current.waitingSince ?? message.createdAt,
      unread: { agent: (current.unread?.agent ?? 0) + 1, contact: current.unread?.contact ?? 0 },
    }),
  )
  if (!result.created) context.log.debug('inbound message redelivered', { messageId, channel: channelId })
  await context.events.publish({ type: 'message.created', conversation: presentConversation(result.conversation), message: presentMessage(result.message) }, [
    contactRoom(channelId, event.sender.externalId),
  ])
  return result.message
}

async function ingestStatus(context: IngestContext, channel: ChannelEntry, event: InboundStatusUpdate): Promise<void> {
  // Receipts can beat the send job that records the provider id; channels whose provider id is the
  // hub's own message id (webchat) are then found by _id.
  const message =
    (await Message.findOne({ channel: channel.config.id, externalId: event.externalId }).limit(1).lean<MessageDoc>()) ??
    (await Message.findById(event.externalId).lean<MessageDoc>())
  if (message?.direction !== 'outbound' || message.channel !== channel.config.id) return
  if (event.reportedBy !== undefined) {
    const conversation = await Conversation.findById(message.conversationId, { contactExternalId: 1 }).lean<Pick<ConversationDoc, 'contactExternalId'>>()
    if (conversation?.contactExternalId !== event.reportedBy) return
  }
  await applyDeliveryStatus(context, message._id, event.status, event.reason)
}

async function ingestSignal(context: IngestContext, channel: ChannelEntry, event: InboundSignal): Promise<void> {
  const row = await ContactIdentityModel.findById(identityKey(channel.config.id, event.sender.externalId)).lean<ContactIdentityDoc>()
  if (!row) return
  switch (event.signal) {
    case 'subscribed':
    case 'unsubscribed':
      // Opting out is per channel identity: nothing is sent to it again until it subscribes anew.
      await Contact.updateOne(
        { _id: row.contactId, 'identities.channel': channel.config.id, 'identities.externalId': event.sender.externalId },
        { $set: { 'identities.$.optedOutAt': event.signal === 'unsubscribed' ? context.now() : null, updatedAt: context.now() } },
      )
      return
    case 'typing_on':
    case 'typing_off': {
      const conversation = await findActiveConversation(row.contactId, channel.config.id)
      if (!conversation) return
      await context.events.publish({
        type: 'conversation.typing',
        conversationId: conversation._id,
        contactId: conversation.contactId,
        actor: 'contact',
        on: event.signal === 'typing_on',
      })
      return
    }
    case 'read':
      return
  }
}
