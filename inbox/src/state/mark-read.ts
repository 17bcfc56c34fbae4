/**
 * When to tell the server the agent has read a conversation: only while it is open
 * and the page visible, and only when something new (or still unread) lies past
 * the last seq already reported, so bursts and replays do not spam `POST /read`.
 */
export interface ReadInput {
  visible: boolean
  unreadCount: number
  /** Highest seq held in the transcript. */
  lastSeq: number
  /** Highest seq of an inbound message held. */
  lastInboundSeq: number
  /** Highest seq already reported (or known read when the conversation was opened). */
  markedSeq: number
}

export function seqToMarkRead(input: ReadInput): number | null {
  if (!input.visible || input.lastSeq <= input.markedSeq) return null
  if (input.unreadCount > 0 || input.lastInboundSeq > input.markedSeq) return input.lastSeq
  return null
}
