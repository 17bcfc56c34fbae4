/**
 * Records something that happened to a conversation (assigned, transferred, reassigned, merged,
 * status changed) as an event message in its timeline: staff see who did what and when, in
 * order with the messages; citizens never see these (private).
 */
import type { HubContext } from '../hub-context.js'
import type { ConversationDoc } from '../models/conversation.js'
import type { MessageDoc } from '../models/message.js'
import { newId } from '../models/new-id.js'
import { presentConversation, presentMessage } from '../presenters/present.js'
import { appendMessage } from './append-message.js'

export interface TimelineEvent {
  /** `conversation.assigned`, `conversation.transferred`, … */
  name: string
  /** Who did it: a user, or nobody for the hub's own routing. */
  actor?: { id: string; name: string } | undefined
  /** Readable fallback text (the inbox renders the event from its name and details). */
  text: string
  details?: Record<string, string | undefined>
  /** A fixed id makes recording idempotent (a retried job records the event once). */
  id?: string
}

export async function recordTimelineEvent(
  context: Pick<HubContext, 'redis' | 'now' | 'events'>,
  conversation: Pick<ConversationDoc, '_id' | 'channel'>,
  event: TimelineEvent,
): Promise<MessageDoc> {
  const details = Object.fromEntries(Object.entries(event.details ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined))
  const result = await appendMessage(
    context,
    conversation._id,
    {
      _id: event.id ?? newId('ev'),
      conversationId: conversation._id,
      channel: conversation.channel,
      direction: 'outbound',
      sender: event.actor ? { type: 'agent', id: event.actor.id, name: event.actor.name } : { type: 'system' },
      type: 'event',
      body: event.text,
      attachments: [],
      metadata: { event: event.name, ...details },
      status: 'delivered',
      private: true,
    },
    () => ({}),
  )
  if (result.created)
    await context.events.publish({ type: 'message.created', conversation: presentConversation(result.conversation), message: presentMessage(result.message) })
  return result.message
}
