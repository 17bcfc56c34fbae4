/** A contact's conversations across channels (and how many are hidden), reloadable after a merge. */
import { useCallback, useEffect, useState } from 'preact/hooks'
import { api, type ContactHistory } from '../api/inbox-api.js'

export type HistoryState = { phase: 'loading' } | { phase: 'ready'; history: ContactHistory } | { phase: 'error'; error: unknown }

export function useContactHistory(contactId: string): { state: HistoryState; reload: () => void } {
  const [state, setState] = useState<HistoryState>({ phase: 'loading' })
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let cancelled = false
    // A reload keeps the list on screen until the new one arrives, so it does not jump.
    if (attempt === 0) setState({ phase: 'loading' })
    api
      .contactHistory(contactId)
      .then((history) => !cancelled && setState({ phase: 'ready', history }))
      .catch((error: unknown) => !cancelled && setState({ phase: 'error', error }))
    return () => {
      cancelled = true
    }
  }, [contactId, attempt])
  const reload = useCallback(() => setAttempt((count) => count + 1), [])
  return { state, reload }
}
