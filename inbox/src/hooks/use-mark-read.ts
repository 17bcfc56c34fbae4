/**
 * Reports the last seq as read while the conversation is open and the tab visible.
 * A short delay folds a burst of messages (or a replay after reconnecting) into one call.
 */
import { useEffect, useRef } from 'preact/hooks'
import type { ConversationDto } from '../../../server/presenters/dto.js'
import type { MessageTimeline } from '../../../ui-kit/message-timeline.js'
import { api } from '../api/inbox-api.js'
import { seqToMarkRead } from '../state/mark-read.js'
import { usePageVisible } from './use-page-visible.js'

const MARK_READ_DELAY_MS = 400

function lastSeqs(timeline: MessageTimeline): { lastSeq: number; lastInboundSeq: number } {
  let lastSeq = 0
  let lastInboundSeq = 0
  for (const entry of timeline.entries()) {
    if (entry.kind !== 'message') continue
    lastSeq = Math.max(lastSeq, entry.message.seq)
    if (entry.message.direction === 'inbound') lastInboundSeq = Math.max(lastInboundSeq, entry.message.seq)
  }
  return { lastSeq, lastInboundSeq }
}

export function useMarkRead(
  conversation: ConversationDto | null,
  timeline: MessageTimeline | null,
  version: number,
  onConversation: (conversation: ConversationDto) => void,
): void {
  const visible = usePageVisible()
  const marked = useRef<{ timeline: MessageTimeline | null; seq: number }>({ timeline: null, seq: 0 })

  useEffect(() => {
    if (!conversation || !timeline || timeline.conversationId !== conversation.id) return
    const { lastSeq, lastInboundSeq } = lastSeqs(timeline)
    if (marked.current.timeline !== timeline) {
      // Freshly opened: if nothing is unread, what is on screen is already read.
      marked.current = { timeline, seq: conversation.unreadCount === 0 ? lastSeq : 0 }
    }
    const seq = seqToMarkRead({ visible, unreadCount: conversation.unreadCount, lastSeq, lastInboundSeq, markedSeq: marked.current.seq })
    if (seq === null) return
    const timer = setTimeout(() => {
      const previous = marked.current.seq
      marked.current.seq = seq
      api
        .markRead(conversation.id, seq)
        .then((response) => onConversation(response.conversation))
        .catch(() => {
          // Try again on the next change rather than leaving it unread for good.
          if (marked.current.timeline === timeline) marked.current.seq = previous
        })
    }, MARK_READ_DELAY_MS)
    return () => clearTimeout(timer)
  }, [conversation, timeline, version, visible, onConversation])
}
