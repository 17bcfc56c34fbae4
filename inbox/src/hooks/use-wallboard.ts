/**
 * Polls GET /api/routing/wallboard while the view is shown and the tab is visible: the next
 * request starts 5 s after the previous one answered, so a slow hub is never flooded. A failed
 * poll keeps the last good board on screen next to the error.
 */
import { useEffect, useState } from 'preact/hooks'
import { api } from '../api/inbox-api.js'
import { parseWallboard, type WallboardQueue } from '../state/wallboard.js'
import { usePageVisible } from './use-page-visible.js'

export const WALLBOARD_INTERVAL_MS = 5_000

export interface WallboardPoll {
  /** Null until the first answer. */
  queues: WallboardQueue[] | null
  error: unknown
}

export function useWallboard(intervalMs = WALLBOARD_INTERVAL_MS): WallboardPoll {
  const visible = usePageVisible()
  const [poll, setPoll] = useState<WallboardPoll>({ queues: null, error: null })

  useEffect(() => {
    if (!visible) return
    let cancelled = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const load = async () => {
      try {
        const queues = parseWallboard(await api.wallboard())
        if (!cancelled) setPoll({ queues, error: null })
      } catch (error) {
        if (!cancelled) setPoll((previous) => ({ ...previous, error }))
      }
      if (!cancelled) timer = setTimeout(load, intervalMs)
    }
    load()
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [visible, intervalMs])

  return poll
}
