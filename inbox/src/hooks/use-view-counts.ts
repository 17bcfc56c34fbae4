/**
 * Unread counts for the nav: polled every 10 s while the tab is visible, and refreshed soon after
 * socket events (at most one request per 2 s). A hub without the endpoint (404) is not asked again.
 */
import { useEffect, useState } from 'preact/hooks'
import { ApiError } from '../api/http.js'
import { api } from '../api/inbox-api.js'
import type { InboxSocket } from '../realtime/inbox-socket.js'
import { parseCounts, type ViewCounts } from '../state/inbox-views.js'
import { usePageVisible } from './use-page-visible.js'

const POLL_MS = 10_000
const MIN_GAP_MS = 2_000

export function useViewCounts(socket: InboxSocket): ViewCounts | null {
  const [counts, setCounts] = useState<ViewCounts | null>(null)
  const visible = usePageVisible()

  useEffect(() => {
    if (!visible) return
    let stopped = false
    let lastAt = 0
    let inFlight = false
    let soon: ReturnType<typeof setTimeout> | undefined
    const fetchCounts = async () => {
      if (stopped || inFlight) return
      inFlight = true
      lastAt = Date.now()
      try {
        const next = parseCounts(await api.counts())
        if (!stopped && next) setCounts(next)
      } catch (failure) {
        if (failure instanceof ApiError && failure.status === 404) stopped = true
      } finally {
        inFlight = false
      }
    }
    const refreshSoon = () => {
      if (soon || stopped) return
      soon = setTimeout(
        () => {
          soon = undefined
          fetchCounts()
        },
        Math.max(0, lastAt + MIN_GAP_MS - Date.now()),
      )
    }
    fetchCounts()
    const timer = setInterval(fetchCounts, POLL_MS)
    const offFrame = socket.onFrame((frame) => {
      if (frame.type === 'conversation' || frame.type === 'message') refreshSoon()
    })
    const offOpen = socket.onOpen(refreshSoon)
    return () => {
      stopped = true
      clearInterval(timer)
      clearTimeout(soon)
      offFrame()
      offOpen()
    }
  }, [socket, visible])

  return counts
}
