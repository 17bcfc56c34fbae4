import { canAccessConversation } from '../auth/access.js'
import { Conversation, type ConversationDoc } from '../models/conversation.js'
import type { UserDoc } from '../models/user.js'
import { notFound } from './api-error.js'

/** The conversation if this user may see it; otherwise 404, so ids of other queues' conversations reveal nothing. */
export async function visibleConversation(user: UserDoc, id: string): Promise<ConversationDoc> {
  const conversation = await Conversation.findById(id).lean<ConversationDoc>()
  if (!conversation || !canAccessConversation(user, conversation)) throw notFound('Conversation')
  return conversation
}
