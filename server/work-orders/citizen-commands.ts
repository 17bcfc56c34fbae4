/**
 * Self-service on every text channel (widget, SMS, WeChat, email): a citizen's message that is a
 * status lookup ("查询 2026-000123", "status 2026-123 5678"), the WeChat menu's "check my case",
 * or the answer to a follow-up's rating question is answered by the hub at once. The message
 * stays in the conversation, so agents see what was asked and answered.
 */
import type { HubContext } from '../hub-context.js'
import type { ConversationDoc } from '../models/conversation.js'
import type { MessageDoc } from '../models/message.js'
import { type Actor, type Rating, WorkOrder, type WorkOrderDoc } from '../models/work-order.js'
import { sendAgentReply } from '../pipeline/send-agent-reply.js'
import { citizenLanguage, LOOKUP_TEXTS, statusText } from './citizen-texts.js'
import { lookupCase } from './status-lookup.js'
import { actOnWorkOrder, WorkOrderError } from './work-order-service.js'

type CommandContext = Pick<HubContext, 'redis' | 'now' | 'events' | 'queues' | 'config' | 'log'>

/** The WeChat menu intent (menuIntents in channels.config.ts) that asks for a case's status. */
export const CHECK_CASE_INTENT = 'check_work_order'

const LOOKUP = /^\s*(?:(查询|查|工单|进度|cx|status|case|check)\s*[:：]?\s*)?([A-Z]{0,6}20\d{2}(\s*[-－—_]\s*|)\d{1,9})(?:\s+(\d{4}))?\s*$/i
/**
 * A rating is the whole message ("1", "2。", "满意"), or an unsatisfied one with its reason after a
 * separator ("3 押金还没退", "不满意：态度差"). "1. 路灯坏了" or "1.5米" are not ratings.
 */
const RATINGS: readonly [RegExp, Rating][] = [
  [/^\s*(?:1|满意|satisfied)\s*[。.!！]?\s*$/i, 'satisfied'],
  [/^\s*(?:2|基本满意|basically satisfied)\s*[。.!！]?\s*$/i, 'basically_satisfied'],
  [/^\s*(?:3|不满意|unsatisfied|not satisfied)(?:\s*[。.!！]?\s*$|\s*[,，:：]\s*|\s+)/i, 'unsatisfied'],
]
const REASON_WAIT_SECONDS = 24 * 3600
const reasonKey = (contactId: string) => `sb:wo:rating-reason:${contactId}`

/**
 * A status lookup: a keyword and a case number ("查询 2026-000123"), a number with its dash
 * ("2026-123"), or the bare ten digits the IVR uses ("2026000123"). A bare run of other length
 * is not one: an eleven-digit mobile number typed for the agent must not get a "no such case".
 */
export function parseLookup(text: string): { number: string; check: string | null } | null {
  const match = text.match(LOOKUP)
  if (!match?.[2]) return null
  const [, keyword, number, separator, check] = match
  if (!keyword && !separator && number.replace(/\D/g, '').length !== 10) return null
  return { number, check: check ?? null }
}

export function parseRating(text: string): { rating: Rating; reason: string } | null {
  for (const [pattern, rating] of RATINGS) {
    const match = text.match(pattern)
    if (match)
      return {
        rating,
        reason: text
          .slice(match[0].length)
          .replace(/^[\s,，。.:：]+/, '')
          .trim(),
      }
  }
  return null
}

/** True when the hub answered the message itself. */
export async function answerCitizenCommand(
  context: CommandContext,
  conversation: ConversationDoc,
  message: MessageDoc,
  language: string | undefined,
): Promise<boolean> {
  if (message.direction !== 'inbound') return false
  const texts = LOOKUP_TEXTS[citizenLanguage(language)]
  const reply = (body: string) =>
    sendAgentReply(context, {
      conversation,
      author: { _id: 'work-orders', name: context.config.hub.name['zh-CN'] },
      clientId: `cmd-${message._id}`,
      body,
      private: false,
      fromHub: true,
    })

  if (message.type === 'event' && message.metadata?.intent === CHECK_CASE_INTENT) {
    await reply(texts.askNumber)
    return true
  }
  if (message.type !== 'text' || !message.body) return false

  const citizen: Actor = { type: 'citizen', id: conversation.contactId, name: conversation.contactName }
  const waitingFor = await context.redis.get(reasonKey(conversation.contactId))
  if (waitingFor) {
    await context.redis.del(reasonKey(conversation.contactId))
    if (await rate(context, waitingFor, { rating: 'unsatisfied', reason: message.body.trim() }, citizen)) {
      await reply(texts.ratingThanks)
      return true
    }
  }

  const lookup = parseLookup(message.body)
  if (lookup) {
    const found = await lookupCase(
      context,
      lookup.number,
      { channel: conversation.channel, externalId: conversation.contactExternalId, contactId: conversation.contactId },
      lookup.check,
    )
    if (!found.found) await reply(texts.notFound)
    else
      await reply(
        found.verified
          ? statusText(context.config, found.order, language ?? 'zh-CN', true)
          : `${statusText(context.config, found.order, language ?? 'zh-CN', false)}${texts.askCheck}`,
      )
    return true
  }

  const rating = parseRating(message.body)
  if (!rating) return false
  // By the citizen, not the conversation: the question may have gone out days later, by SMS to a caller,
  // or into a conversation since closed, so the answer often arrives in another conversation.
  const asked = await WorkOrder.find({ 'citizen.contactId': conversation.contactId, status: 'follow_up' }, { _id: 1 })
    .sort({ updatedAt: -1 })
    .limit(1)
    .lean<Pick<WorkOrderDoc, '_id'>[]>()
  const order = asked[0]
  if (!order) return false
  if (rating.rating === 'unsatisfied' && !rating.reason) {
    await context.redis.set(reasonKey(conversation.contactId), order._id, 'EX', REASON_WAIT_SECONDS)
    await reply(texts.askReason)
    return true
  }
  if (await rate(context, order._id, rating, citizen)) await reply(texts.ratingThanks)
  return true
}

async function rate(context: CommandContext, orderId: string, rating: { rating: Rating; reason: string }, citizen: Actor): Promise<boolean> {
  try {
    await actOnWorkOrder(context, orderId, 'rate', { rating: rating.rating, ...(rating.reason ? { reason: rating.reason } : {}) }, citizen, 'citizen')
    return true
  } catch (error) {
    // Rated meanwhile (by an agent on the phone, or a repeated message): nothing to record.
    if (error instanceof WorkOrderError) return false
    throw error
  }
}
