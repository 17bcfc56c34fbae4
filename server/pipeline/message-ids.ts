import { createHash } from 'node:crypto'

/**
 * Deterministic message ids make redelivery a primary-key hit: the same provider
 * message (or the same agent click, by clientId) always maps to the same _id.
 */
export function inboundMessageId(channelId: string, externalId: string): string {
  return `msg_in_${digest(`${channelId}\n${externalId}`)}`
}

export function agentMessageId(conversationId: string, authorId: string, clientId: string): string {
  return `msg_out_${digest(`${conversationId}\n${authorId}\n${clientId}`)}`
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 27)
}
