/**
 * "Send as template message" for replies that failed because the reply window closed.
 * The endpoint is idempotent (a repeat returns the template already sent), so a double click
 * or a retry after reloading is harmless; the button is still inert while a request is out.
 */
import { useCallback, useRef, useState } from 'preact/hooks'
import type { MessageTimeline } from '../../../ui-kit/message-timeline.js'
import { api } from '../api/inbox-api.js'

export type ResendState = { phase: 'pending' } | { phase: 'done' } | { phase: 'failed'; error: unknown }

export interface TemplateResender {
  stateOf: (messageId: string) => ResendState | undefined
  resend: (messageId: string) => void
  /** The latest outcome, for a polite live region; null while nothing is to be announced. */
  outcome: { phase: 'done' } | { phase: 'failed'; error: unknown } | null
}

export function useTemplateResend(timeline: MessageTimeline | null, touch: () => void): TemplateResender {
  const [states, setStates] = useState<ReadonlyMap<string, ResendState>>(new Map())
  const [outcome, setOutcome] = useState<TemplateResender['outcome']>(null)
  const inFlight = useRef(new Set<string>())

  const update = useCallback((messageId: string, state: ResendState) => setStates((current) => new Map(current).set(messageId, state)), [])

  const resend = useCallback(
    async (messageId: string) => {
      const conversationId = timeline?.conversationId
      if (!timeline || !conversationId || inFlight.current.has(messageId)) return
      inFlight.current.add(messageId)
      update(messageId, { phase: 'pending' })
      // Cleared first, so the same outcome twice in a row is announced twice.
      setOutcome(null)
      try {
        const { message } = await api.resendAsTemplate(conversationId, messageId)
        if (timeline.upsert(message)) touch()
        update(messageId, { phase: 'done' })
        setOutcome({ phase: 'done' })
      } catch (error) {
        update(messageId, { phase: 'failed', error })
        setOutcome({ phase: 'failed', error })
      } finally {
        inFlight.current.delete(messageId)
      }
    },
    [timeline, touch, update],
  )

  return { stateOf: (messageId) => states.get(messageId), resend, outcome }
}
