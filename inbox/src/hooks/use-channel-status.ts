/**
 * Polls GET /api/admin/channel-status while the view is shown and the tab is visible: the next
 * request starts `intervalMs` after the previous one answered, so a slow hub is never flooded.
 * A failed poll keeps the last good list on screen next to the error.
 */
import { useEffect, useState } from 'preact/hooks'
import { api } from '../api/inbox-api.js'
import { type ChannelStatus, changedChannels, parseChannelStatus } from '../state/channel-status.js'
import { usePageVisible } from './use-page-visible.js'

export const CHANNEL_STATUS_INTERVAL_MS = 5_000

export interface ChannelStatusPoll {
  /** Null until the first answer. */
  channels: ChannelStatus[] | null
  /** The latest poll's failure; null once a poll succeeds again. */
  error: unknown
  /** Channels whose state changed at the latest poll that changed any. */
  changed: ChannelStatus[]
}

export function useChannelStatus(intervalMs = CHANNEL_STATUS_INTERVAL_MS): ChannelStatusPoll {
  const visible = usePageVisible()
  const [poll, setPoll] = useState<ChannelStatusPoll>({ channels: null, error: null, changed: [] })

  useEffect(() => {
    if (!visible) return
    let cancelled = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const load = async () => {
      try {
        const channels = parseChannelStatus(await api.channelStatus())
        if (cancelled) return
        setPoll((previous) => {
          const changed = changedChannels(previous.channels, channels)
          return { channels, error: null, changed: changed.length > 0 ? changed : previous.changed }
        })
      } catch (error) {
        if (cancelled) return
        setPoll((previous) => ({ ...previous, error }))
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
