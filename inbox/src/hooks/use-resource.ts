/**
 * Something the Settings view loads once and then edits in place: the list stays on screen
 * while a change is saved, and `update` puts the hub's answer into it without a reload.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'

export type Resource<T> = { phase: 'loading' } | { phase: 'ready'; value: T } | { phase: 'error'; error: unknown }

export function useResource<T>(load: () => Promise<T>): { state: Resource<T>; reload: () => void; update: (change: (value: T) => T) => void } {
  const [state, setState] = useState<Resource<T>>({ phase: 'loading' })
  const [attempt, setAttempt] = useState(0)
  // Read once per attempt: callers may pass a fresh arrow each render.
  const loader = useRef(load)
  loader.current = load
  useEffect(() => {
    let cancelled = false
    // A reload keeps what is on screen until the answer comes; a first load or a retry says it is loading.
    setState((current) => (attempt > 0 && current.phase === 'ready' ? current : { phase: 'loading' }))
    loader
      .current()
      .then((value) => !cancelled && setState({ phase: 'ready', value }))
      .catch((error: unknown) => !cancelled && setState({ phase: 'error', error }))
    return () => {
      cancelled = true
    }
  }, [attempt])
  const reload = useCallback(() => setAttempt((count) => count + 1), [])
  const update = useCallback(
    (change: (value: T) => T) => setState((current) => (current.phase === 'ready' ? { phase: 'ready', value: change(current.value) } : current)),
    [],
  )
  return { state, reload, update }
}
