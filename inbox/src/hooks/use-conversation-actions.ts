/** Assign, resolve, reopen, change status: one at a time, errors shown next to the buttons. */
import { useCallback, useRef, useState } from 'preact/hooks'
import type { ConversationDto, ConversationStatus } from '../../../server/presenters/dto.js'
import { api } from '../api/inbox-api.js'

export interface ConversationActions {
  pending: boolean
  error: unknown
  assign: (assigneeId: string | null) => void
  setStatus: (status: ConversationStatus) => void
  /** Snoozes until the given time; the hub reopens it then. */
  snooze: (until: Date) => Promise<boolean>
  setLabels: (change: { add?: string[]; remove?: string[] }) => Promise<boolean>
}

export function useConversationActions(conversationId: string | null, onConversation: (conversation: ConversationDto) => void): ConversationActions {
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<unknown>(null)
  // A ref, not state: a double click lands before the re-render that would disable it.
  const busy = useRef(false)

  const run = useCallback(
    async (call: (id: string) => Promise<{ conversation: ConversationDto }>): Promise<boolean> => {
      if (!conversationId || busy.current) return false
      busy.current = true
      setPending(true)
      setError(null)
      try {
        const { conversation } = await call(conversationId)
        onConversation(conversation)
        return true
      } catch (failure) {
        setError(failure)
        return false
      } finally {
        busy.current = false
        setPending(false)
      }
    },
    [conversationId, onConversation],
  )

  return {
    pending,
    error,
    assign: (assigneeId) => {
      run((id) => api.assign(id, assigneeId))
    },
    // Snoozing sends no snoozedUntil: the server applies its default snooze period.
    setStatus: (status) => {
      run((id) => api.setStatus(id, status))
    },
    snooze: (until) => run((id) => api.setStatus(id, 'snoozed', until.toISOString())),
    setLabels: (change) => run((id) => api.setLabels(id, change)),
  }
}
