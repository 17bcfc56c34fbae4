/**
 * The agent's presence: restored from this browser (online by default), sent at once, then
 * repeated every 20 s while online or away, because the hub marks an agent offline about a
 * minute after their last beat. A tab coming back to the foreground beats at once, since
 * browsers slow timers in background tabs.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { api } from '../api/inbox-api.js'
import { loadPreference, savePreference } from '../state/preferences.js'
import { initialPresence, isPresence, needsHeartbeat, PRESENCE_HEARTBEAT_MS, PRESENCE_PREFERENCE, type Presence } from '../state/presence.js'

export interface PresenceControl {
  presence: Presence
  /** The latest failure to send it; null once a beat gets through. */
  error: unknown
  change: (presence: Presence) => void
  /** Tells the hub the agent is gone (sign-out) without changing the remembered choice. */
  goOffline: () => Promise<void>
}

export function usePresence(): PresenceControl {
  const [presence, setPresence] = useState<Presence>(() => initialPresence(loadPreference(PRESENCE_PREFERENCE)))
  const [error, setError] = useState<unknown>(null)
  // After sign-out no beat may bring the agent back online before the session ends.
  const stopped = useRef(false)

  useEffect(() => {
    let cancelled = false
    const beat = () => {
      if (stopped.current) return
      api
        .setPresence(presence)
        .then(() => !cancelled && setError(null))
        .catch((failure: unknown) => !cancelled && setError(failure))
    }
    beat()
    if (!needsHeartbeat(presence)) {
      return () => {
        cancelled = true
      }
    }
    const timer = setInterval(beat, PRESENCE_HEARTBEAT_MS)
    const onVisible = () => document.visibilityState === 'visible' && beat()
    document.addEventListener('visibilitychange', onVisible)
    return () => {
      cancelled = true
      clearInterval(timer)
      document.removeEventListener('visibilitychange', onVisible)
    }
  }, [presence])

  // Another tab of this browser changed it: follow, or the tabs' beats would overrule each other.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key?.endsWith(`.${PRESENCE_PREFERENCE}`) && isPresence(event.newValue)) setPresence(event.newValue)
    }
    window.addEventListener('storage', onStorage)
    return () => window.removeEventListener('storage', onStorage)
  }, [])

  const change = useCallback((next: Presence) => {
    savePreference(PRESENCE_PREFERENCE, next)
    setPresence(next)
  }, [])

  const goOffline = useCallback(async () => {
    stopped.current = true
    await api.setPresence('offline').catch(() => {})
  }, [])

  return { presence, error, change, goOffline }
}
