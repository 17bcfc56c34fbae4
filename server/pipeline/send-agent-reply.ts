/**
 * An agent's reply: persisted first (so it can never be lost), published to the
 * inbox, then handed to the send queue. Idempotent by the client's id, so a
 * retried click or request neither doubles the message nor the send.
 */
import type { Attachment, MessageType, OutboundTemplate } from '../../connectors/spec.js'
import type { HubContext } from '../hub-context.js'
import type { ConversationDoc } from '../models/conversation.js'
import type { MessageDoc } from '../models/message.js'
import { User, type UserDoc } from '../models/user.js'
import { presentConversation, presentMessage } from '../presenters/present.js'
import { indexConversationText } from '../search/search-index.js'
import { completeSla } from '../sla/sla-tracking.js'
import { appendMessage, previewOf } from './append-message.js'
import { findMentions } from './mentions.js'
import { agentMessageId } from './message-ids.js'

export interface AgentReply {
  conversation: ConversationDoc
  author: Pick<UserDoc, '_id' | 'name'>
  clientId: string
  body: string
  private: boolean
  /** Send as this provider template instead of a free-form message (outside a reply window). */
  template?: OutboundTemplate
  /** Files the agent uploaded (hub media urls); the message type follows the first one. */
  attachments?: Attachment[]
  /**
   * Sent by the hub itself (work-order notifications, self-service answers), not by an agent: it
   * is not the conversation's first response and does not stop the citizen's wait.
   */
  fromHub?: boolean
}

/** image/* → image, audio/* → audio, video/* → video, anything else → file. */
export function messageTypeOf(attachments: readonly Attachment[]): MessageType {
  const mimeType = attachments[0]?.mimeType ?? ''
  if (!mimeType) return 'text'
  if (mimeType.startsWith('image/')) return 'image'
  if (mimeType.startsWith('audio/')) return 'audio'
  if (mimeType.startsWith('video/')) return 'video'
  return 'file'
}

export async function sendAgentReply(
  context: Pick<HubContext, 'redis' | 'now' | 'events' | 'queues'>,
  reply: AgentReply,
): Promise<{ message: MessageDoc; created: boolean }> {
  const result = await appendMessage(
    context,
    reply.conversation._id,
    {
      _id: agentMessageId(reply.conversation._id, reply.author._id, reply.clientId),
      conversationId: reply.conversation._id,
      channel: reply.conversation.channel,
      direction: 'outbound',
      sender: { type: reply.fromHub ? 'bot' : 'agent', id: reply.author._id, name: reply.author.name },
      type: messageTypeOf(reply.attachments ?? []),
      body: reply.body,
      attachments: reply.attachments ?? [],
      clientId: reply.clientId,
      ...(reply.template ? { template: reply.template } : {}),
      // Private notes never leave the hub, so they have nothing to wait for.
      status: reply.private ? 'sent' : 'queued',
      private: reply.private,
    },
    (current, message) =>
      reply.private
        ? {}
        : reply.fromHub
          ? {
              lastMessage: { preview: previewOf(message), direction: 'outbound', at: message.createdAt },
              lastMessageAt: message.createdAt,
              unread: { agent: current.unread?.agent ?? 0, contact: (current.unread?.contact ?? 0) + 1 },
            }
          : {
              lastMessage: { preview: previewOf(message), direction: 'outbound', at: message.createdAt },
              lastMessageAt: message.createdAt,
              firstResponseAt: current.firstResponseAt ?? message.createdAt,
              waitingSince: null,
              unread: { agent: 0, contact: (current.unread?.contact ?? 0) + 1 },
            },
  )
  if (result.created) {
    await context.events.publish({ type: 'message.created', conversation: presentConversation(result.conversation), message: presentMessage(result.message) })
    await indexConversationText(context.redis, result.conversation._id, result.message.body, result.message.createdAt)
    if (!result.message.private && !reply.fromHub) await completeSla(context, result.conversation._id, 'firstResponse', result.message.createdAt)
    if (result.message.private && result.message.body.includes('@')) await notifyMentions(context, result.conversation, result.message, reply.author)
  }
  // Re-enqueue on a retried request too: if the first attempt died between persist and enqueue,
  // this is what sends it. The job id is the message id, so a live job is not duplicated.
  if (!result.message.private && result.message.status === 'queued') await context.queues.enqueueOutbound(result.message._id, result.message.channel)
  return { message: result.message, created: result.created }
}

/** Colleagues named in a note (those who work the conversation's queue) hear about it. */
async function notifyMentions(
  context: Pick<HubContext, 'events'>,
  conversation: ConversationDoc,
  message: MessageDoc,
  author: Pick<UserDoc, '_id' | 'name'>,
): Promise<void> {
  const colleagues = await User.find({ queues: conversation.queue, active: true }, { name: 1 }).limit(MAX_MENTIONABLE).lean<Pick<UserDoc, '_id' | 'name'>[]>()
  const mentioned = findMentions(
    message.body,
    colleagues.filter((colleague) => colleague._id !== author._id).map((colleague) => ({ id: colleague._id, name: colleague.name })),
  )
  for (const colleague of mentioned) {
    await context.events.publish({ type: 'agent.mentioned', agentId: colleague.id, conversationId: conversation._id, messageId: message._id, by: author.name })
  }
}

const MAX_MENTIONABLE = 500
