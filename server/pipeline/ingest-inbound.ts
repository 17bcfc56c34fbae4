/**
 * The channel-agnostic half of inbound processing: normalized events in,
 * contact → conversation → message out, then one event on the bus.
 * Idempotent: a redelivered event finds its message by id and only re-publishes
 * (clients dedupe by seq), so a retry after a crash repairs a missed publish.
 */
import type { InboundEvent, InboundMessage, InboundSignal, InboundStatusUpdate } from '../../connectors/spec.js'
import type { ChannelEntry } from '../channels/channel-registry.js'
import type { HubContext } from '../hub-context.js'
import { isProviderPlaceholder } from '../media/placeholder-url.js'
import { Contact, type ContactDoc, type ContactIdentityDoc, ContactIdentityModel, identityKey } from '../models/contact.js'
import { Conversation, type ConversationDoc } from '../models/conversation.js'
import { Message, type MessageDoc } from '../models/message.js'
import { MessageRef, type MessageRefDoc, messageRefKey } from '../models/message-ref.js'
import { presentConversation, presentMessage } from '../presenters/present.js'
import { contactRoom } from '../realtime/event-rooms.js'
import { routeInboundMessage } from '../routing/routing-actions.js'
import { indexConversationText } from '../search/search-index.js'
import { answerCitizenCommand } from '../work-orders/citizen-commands.js'
import { appendMessage, previewOf } from './append-message.js'
import { applyDeliveryStatus } from './delivery-status.js'
import { inboundMessageId } from './message-ids.js'
import { resolveContact } from './resolve-contact.js'
import { findActiveConversation, resolveConversation } from './resolve-conversation.js'
import { resolveThreadedConversation } from './resolve-thread.js'

type IngestContext = Pick<HubContext, 'redis' | 'now' | 'events' | 'log' | 'queues' | 'config'>

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
    : await placeMessage(context, channel, event, messageId)
  if (!conversation) throw new Error(`Conversation of message ${messageId} is missing`)

  const result = await appendMessage(
    context,
    conversation._id,
    {
      _id: messageId,
      conversationId: conversation._id,
      channel: channelId,
      direction: 'inbound',
      sender: { type: 'contact', id: conversation.contactId, name: event.author?.displayName ?? conversation.contactName },
      type: event.type,
      body: event.text ?? '',
      attachments: event.attachments ?? [],
      ...(event.location ? { location: event.location } : {}),
      externalId: event.externalId,
      ...(event.metadata ? { metadata: event.metadata } : {}),
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
      lastInboundMessageId: message._id,
      waitingSince: current.waitingSince ?? message.createdAt,
      unread: { agent: (current.unread?.agent ?? 0) + 1, contact: current.unread?.contact ?? 0 },
      // A caller who hung up while waiting for an agent must be called back (漏接回拨).
      ...(event.metadata?.callBack === 'true' ? { labels: withLabel(current.labels, CALLBACK_LABEL), priority: 'high' as const } : {}),
    }),
  )
  if (!result.created) context.log.debug('inbound message redelivered', { messageId, channel: channelId })
  // Also on a redelivery: if the first attempt died before enqueuing, this is what downloads the media.
  if (result.message.attachments.some((attachment) => isProviderPlaceholder(attachment.url))) await context.queues.enqueueMedia(result.message._id, channelId)
  await context.events.publish({ type: 'message.created', conversation: presentConversation(result.conversation), message: presentMessage(result.message) }, [
    contactRoom(channelId, event.sender.externalId),
  ])
  if (result.created) {
    const who = [result.conversation.contactName, event.sender.phone, event.sender.email].filter(Boolean).join(' ')
    await indexConversationText(context.redis, result.conversation._id, `${result.message.body} ${who}`, result.message.createdAt)
  }
  // Case lookups and follow-up ratings are answered at once; the agent still sees them. Also on a
  // redelivery: the first attempt may have died before answering, and answering twice sends once.
  await answerCitizenCommand(context, result.conversation, result.message, event.sender.language)
  // Also on a redelivery: routing is idempotent, and the first attempt may have died before it.
  await routeInboundMessage(context, result.conversation, result.message, channel.connector.type)
  return result.message
}

/** The conversation a new message joins: the one it answers on threading channels (email), else the citizen's active one. */
async function placeMessage(context: IngestContext, channel: ChannelEntry, event: InboundMessage, messageId: string): Promise<ConversationDoc> {
  const contact = await resolveContact(context, channel.config.id, event.sender)
  if (event.thread) return resolveThreadedConversation(context, channel, contact, event.sender.externalId, event.thread, messageId)
  return resolveConversation(context, channel, contact, event.sender.externalId)
}

/** The conversation label the inbox shows as "call back" (漏接回拨). */
export const CALLBACK_LABEL = 'callback'

function withLabel(labels: readonly string[] | undefined, label: string): string[] {
  return labels?.includes(label) ? [...labels] : [...(labels ?? []), label]
}

async function ingestStatus(context: IngestContext, channel: ChannelEntry, event: InboundStatusUpdate): Promise<void> {
  // By `_id` only: the provider id's ref (written when the send returned it), or, for channels whose
  // provider id is the hub's own message id (webchat), the message itself.
  const ref = await MessageRef.findById(messageRefKey(channel.config.id, event.externalId)).lean<MessageRefDoc>()
  const message = await Message.findById(ref?.messageId ?? event.externalId).lean<MessageDoc>()
  if (!message) {
    // A provider receipt can overtake the send job that records the provider id: retry the job
    // (BullMQ backoff) rather than drop it. Receipts from citizens' own clients are not retried.
    if (event.reportedBy === undefined) throw new Error(`No message for ${channel.config.id} receipt ${event.externalId} yet`)
    return
  }
  if (message.direction !== 'outbound' || message.channel !== channel.config.id) return
  if (event.reportedBy !== undefined) {
    const conversation = await Conversation.findById(message.conversationId, { contactExternalId: 1 }).lean<Pick<ConversationDoc, 'contactExternalId'>>()
    if (conversation?.contactExternalId !== event.reportedBy) return
  }
  await applyDeliveryStatus(context, message._id, event.status, event.reason)
}

async function ingestSignal(context: IngestContext, channel: ChannelEntry, event: InboundSignal): Promise<void> {
  const channelId = channel.config.id
  switch (event.signal) {
    case 'subscribed':
    case 'unsubscribed': {
      // Resolved (created if need be) in both cases: workers run jobs concurrently, so an unfollow
      // can be processed before the message that preceded it, and must still stick.
      const contact = await resolveContact(context, channelId, event.sender)
      const at = event.sentAt ?? context.now()
      await updateIdentity(context, contact._id, channelId, event.sender.externalId, event.signal === 'unsubscribed' ? { optedOutAt: at } : { optedInAt: at })
      if (event.signal === 'unsubscribed') return
      const scene = event.metadata?.qrScene
      if (scene) await Contact.updateOne({ _id: contact._id }, { $set: { [`attributes.${channelId}_qr_scene`]: scene, updatedAt: context.now() } })
      return
    }
    case 'intent':
    case 'scanned': {
      // A menu click or a QR scan is something the citizen did: it opens (or joins) their conversation
      // as an event the agent sees; the provider's event key makes retries land on the same message.
      if (!event.externalId) return
      await ingestMessage(context, channel, {
        kind: 'message',
        externalId: event.externalId,
        sender: event.sender,
        type: 'event',
        text: describeSignal(event),
        metadata: { signal: event.signal, ...(event.intent ? { intent: event.intent } : {}), ...event.metadata },
        ...(event.sentAt ? { sentAt: event.sentAt } : {}),
      })
      return
    }
    default:
      break
  }

  const row = await ContactIdentityModel.findById(identityKey(channelId, event.sender.externalId)).lean<ContactIdentityDoc>()
  if (!row) return
  switch (event.signal) {
    case 'location':
      if (event.location) {
        await Contact.updateOne(
          { _id: row.contactId },
          { $set: { lastLocation: { ...event.location, at: event.sentAt ?? context.now() }, updatedAt: context.now() } },
        )
      }
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

/** What the agent reads for a menu click or QR scan (the intent name is the hotline's own vocabulary). */
function describeSignal(event: InboundSignal): string {
  if (event.signal === 'intent') return `[menu] ${event.intent ?? event.metadata?.eventKey ?? ''}`.trim()
  return `[qr] ${event.metadata?.qrScene ?? event.metadata?.eventKey ?? ''}`.trim()
}

/**
 * Changes one identity of a contact. Read-modify-write of the small identities array instead of a
 * positional `$` update, which FerretDB 1.x does not support; a lost race only repeats the same value.
 */
async function updateIdentity(
  context: IngestContext,
  contactId: string,
  channelId: string,
  externalId: string,
  change: { optedOutAt: Date } | { optedInAt: Date },
): Promise<void> {
  const contact = await Contact.findById(contactId, { identities: 1 }).lean<Pick<ContactDoc, 'identities'>>()
  if (!contact) return
  const identities = contact.identities.map((identity) => {
    if (identity.channel !== channelId || identity.externalId !== externalId) return identity
    if ('optedOutAt' in change) return { ...identity, optedOutAt: change.optedOutAt }
    // A follow older than the unfollow on record (jobs can run out of order) changes nothing.
    if (identity.optedOutAt && identity.optedOutAt > change.optedInAt) return identity
    const { optedOutAt: _cleared, ...rest } = identity
    return rest
  })
  await Contact.updateOne({ _id: contactId }, { $set: { identities, updatedAt: context.now() } })
}
