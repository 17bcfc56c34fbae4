/**
 * One open conversation: its details, its MessageTimeline and live updates.
 *
 * Order matters for a gap-free transcript: fetch the latest page, seed the
 * timeline just below its first seq, start listening, and only then subscribe
 * with the timeline's resume seq, so the server replays anything written in between. The timeline
 * dedupes the overlap; if a live frame still skips a seq, the missing range is
 * fetched over REST after a short grace period (frames can arrive out of order).
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import type { ContactDto, ConversationDto, MessageDto } from '../../../server/presenters/dto.js'
import { MessageTimeline } from '../../../ui-kit/message-timeline.js'
import { api } from '../api/inbox-api.js'
import type { InboxSocket } from '../realtime/inbox-socket.js'
import { withSlaFrame } from '../state/sla.js'

const GAP_GRACE_MS = 1_500
/** Typing frames can be lost; an indicator nobody switches off would mislead the agent. */
const TYPING_TIMEOUT_MS = 8_000

export interface OpenConversation {
  phase: 'idle' | 'loading' | 'ready' | 'error'
  error: unknown
  conversation: ConversationDto | null
  contact: ContactDto | null
  timeline: MessageTimeline | null
  /** Changes whenever the timeline does (it is mutable), to drive re-renders. */
  version: number
  /** Call after mutating the timeline from outside (sending a reply). */
  touch: () => void
  retry: () => void
  hasEarlier: boolean
  loadingEarlier: boolean
  loadEarlier: () => void
  typingName: string | null
  setConversation: (conversation: ConversationDto) => void
}

export function useConversation(conversationId: string | null, socket: InboxSocket): OpenConversation {
  const [phase, setPhase] = useState<OpenConversation['phase']>('idle')
  const [error, setError] = useState<unknown>(null)
  const [conversation, setConversationState] = useState<ConversationDto | null>(null)
  const [contact, setContact] = useState<ContactDto | null>(null)
  const [timeline, setTimeline] = useState<MessageTimeline | null>(null)
  const [version, setVersion] = useState(0)
  const touch = useCallback(() => setVersion((count) => count + 1), [])
  const [hasEarlier, setHasEarlier] = useState(false)
  const [loadingEarlier, setLoadingEarlier] = useState(false)
  const [typingName, setTypingName] = useState<string | null>(null)
  const [attempt, setAttempt] = useState(0)
  const retryLoad = useCallback(() => setAttempt((count) => count + 1), [])
  // Below this seq the transcript is not loaded yet: updates for it are ignored until "load earlier".
  const oldestSeq = useRef(0)

  useEffect(() => {
    setConversationState(null)
    setContact(null)
    setTimeline(null)
    setTypingName(null)
    setError(null)
    if (!conversationId) {
      setPhase('idle')
      return
    }
    setPhase('loading')
    let cancelled = false
    Promise.all([api.conversation(conversationId), api.messages(conversationId)])
      .then(([detail, page]) => {
        if (cancelled) return
        const first = page.messages[0]
        const loaded = new MessageTimeline(conversationId, first ? first.seq - 1 : detail.conversation.lastSeq)
        for (const message of page.messages) loaded.upsert(message)
        oldestSeq.current = first?.seq ?? detail.conversation.lastSeq + 1
        setHasEarlier(page.hasMore)
        setConversationState(detail.conversation)
        setContact(detail.contact)
        setTimeline(loaded)
        setPhase('ready')
      })
      .catch((failure: unknown) => {
        if (cancelled) return
        setError(failure)
        setPhase('error')
      })
    return () => {
      cancelled = true
    }
  }, [conversationId, socket, attempt])

  // Live frames for this conversation.
  useEffect(() => {
    // Right after a switch the previous timeline is still in state for one render.
    if (!conversationId || !timeline || timeline.conversationId !== conversationId) return
    let typingTimer: ReturnType<typeof setTimeout> | undefined
    let gapTimer: ReturnType<typeof setTimeout> | undefined
    let filling = false

    const fillGap = async () => {
      if (filling) return
      filling = true
      try {
        while (timeline.hasGap) {
          const page = await api.messages(conversationId, { after: timeline.resumeSeq })
          for (const message of page.messages) timeline.upsert(message)
          touch()
          if (!page.hasMore || page.messages.length === 0) break
        }
      } catch {
        // The next reconnect resubscribes from the resume seq and closes the gap then.
      } finally {
        filling = false
      }
    }

    const apply = (message: MessageDto) => {
      if (message.conversationId !== conversationId || message.seq < oldestSeq.current) return
      if (timeline.upsert(message)) touch()
      if (message.direction === 'inbound' && message.sender.type === 'contact') setTypingName(null)
      if (timeline.hasGap && !gapTimer) {
        gapTimer = setTimeout(() => {
          gapTimer = undefined
          if (timeline.hasGap) fillGap()
        }, GAP_GRACE_MS)
      }
    }

    const off = socket.onFrame((frame) => {
      switch (frame.type) {
        case 'message':
        case 'message.updated':
          apply(frame.message)
          break
        case 'conversation':
          if (frame.conversation.id === conversationId) setConversationState(frame.conversation)
          break
        case 'sla':
          if (frame.conversationId === conversationId) setConversationState((shown) => (shown ? withSlaFrame(shown, frame) : shown))
          break
        case 'typing':
          if (frame.conversationId !== conversationId || frame.actor !== 'contact') return
          clearTimeout(typingTimer)
          setTypingName(frame.on ? (frame.name ?? '') : null)
          if (frame.on) typingTimer = setTimeout(() => setTypingName(null), TYPING_TIMEOUT_MS)
          break
      }
    })
    // Subscribe only once the listener above is in place: the server replays right away.
    socket.watchConversation(conversationId, () => timeline.resumeSeq)
    return () => {
      off()
      socket.unwatchConversation(conversationId)
      clearTimeout(typingTimer)
      clearTimeout(gapTimer)
    }
  }, [conversationId, socket, timeline, touch])

  const loadEarlier = useCallback(async () => {
    if (!conversationId || !timeline || loadingEarlier) return
    setLoadingEarlier(true)
    try {
      const page = await api.messages(conversationId, { before: oldestSeq.current })
      for (const message of page.messages) timeline.upsert(message)
      const first = page.messages[0]
      if (first) oldestSeq.current = Math.min(oldestSeq.current, first.seq)
      setHasEarlier(page.hasMore)
      touch()
    } catch {
      // The button stays available for another try.
    } finally {
      setLoadingEarlier(false)
    }
  }, [conversationId, timeline, loadingEarlier, touch])

  const setConversation = useCallback(
    (next: ConversationDto) => {
      if (next.id === conversationId) setConversationState(next)
    },
    [conversationId],
  )

  return {
    phase,
    error,
    conversation,
    contact,
    timeline,
    version,
    touch,
    retry: retryLoad,
    hasEarlier,
    loadingEarlier,
    loadEarlier,
    typingName,
    setConversation,
  }
}
