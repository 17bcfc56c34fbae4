/**
 * Tells the citizen about their case on their own channel, in the conversation it came from:
 * accepted (with the case number), dispatched, extended, resolved, not accepted, and the
 * follow-up's rating question. Never to a channel the citizen opted out of, nor one that carries
 * no text (a phone call); on a channel with a reply window (WeChat's 48 hours) outside it, as the
 * channel's template message, or not at all.
 * A caller (voice) is told by SMS on the number they called from, when the hub has an SMS channel.
 * Idempotent: the message id derives from the history entry, so a retried job sends once.
 */
import { isWechatConnector } from '../../connectors/wechat/index.js'
import type { HubContext } from '../hub-context.js'
import { Contact, type ContactDoc } from '../models/contact.js'
import { Conversation, type ConversationDoc } from '../models/conversation.js'
import type { HistoryEntry, WorkOrderDoc } from '../models/work-order.js'
import { sendAgentReply } from '../pipeline/send-agent-reply.js'
import { notificationText } from './citizen-texts.js'
import { smsConversationFor } from './sms-fallback.js'

export type NotifyOutcome = 'sent' | 'no_conversation' | 'cannot_send' | 'opted_out' | 'outside_window' | 'not_notified'

type NotifyContext = Pick<HubContext, 'redis' | 'now' | 'events' | 'queues' | 'channels' | 'config'>

export async function notifyCitizen(context: NotifyContext, order: WorkOrderDoc, entry: HistoryEntry): Promise<NotifyOutcome> {
  const origin = order.conversationId ? await Conversation.findById(order.conversationId).lean<ConversationDoc>() : null
  if (!origin) return 'no_conversation'
  const contact = await Contact.findById(origin.contactId, { identities: 1, consent: 1, language: 1 }).lean<
    Pick<ContactDoc, 'identities' | 'consent' | 'language'>
  >()
  if (!contact || contact.consent?.notifications === false) return 'opted_out'
  const text = notificationText(context.config, order, entry, contact.language ?? 'zh-CN')
  if (!text) return 'not_notified'

  let conversation = origin
  let connector = context.channels.get(origin.channel)?.connector
  if (connector && !connector.capabilities.messageTypes.includes('text')) {
    // A phone call carries no text afterwards: the caller is told by SMS on the number they called from.
    const bySms = await smsConversationFor(context, origin.contactId, origin.contactExternalId)
    if (bySms === 'opted_out') return 'opted_out'
    if (!bySms) return 'cannot_send'
    conversation = bySms
    connector = context.channels.get(bySms.channel)?.connector
  } else {
    const identity = contact.identities.find((candidate) => candidate.channel === origin.channel && candidate.externalId === origin.contactExternalId)
    if (identity?.optedOutAt) return 'opted_out'
  }
  const windowHours = connector?.capabilities.replyWindowHours ?? null
  const lastInbound = conversation.lastInboundAt ? new Date(conversation.lastInboundAt).getTime() : null
  const outsideWindow = windowHours !== null && (lastInbound === null || context.now().getTime() - lastInbound > windowHours * 3_600_000)
  const template = outsideWindow && connector && isWechatConnector(connector) ? connector.replyAsTemplate(text, context.now()) : null
  if (outsideWindow && !template) return 'outside_window'

  await sendAgentReply(context, {
    conversation,
    author: { _id: 'work-orders', name: context.config.hub.name['zh-CN'] },
    clientId: `wo-${entry._id}`,
    body: text,
    private: false,
    fromHub: true,
    ...(template ? { template } : {}),
  })
  return 'sent'
}
