/** The colleagues of a queue with their presence, loaded once when the transfer dialog opens. */
import { useEffect, useState } from 'preact/hooks'
import { api } from '../api/inbox-api.js'
import type { TransferAgent } from '../state/transfer.js'

export type QueueAgents = { phase: 'loading' } | { phase: 'ready'; agents: TransferAgent[] } | { phase: 'error'; error: unknown }

export function useQueueAgents(queue: string): QueueAgents {
  const [state, setState] = useState<QueueAgents>({ phase: 'loading' })
  useEffect(() => {
    let cancelled = false
    setState({ phase: 'loading' })
    api
      .queueAgents(queue)
      .then(({ agents }) => !cancelled && setState({ phase: 'ready', agents }))
      .catch((error: unknown) => !cancelled && setState({ phase: 'error', error }))
    return () => {
      cancelled = true
    }
  }, [queue])
  return state
}
