/** Channels for the filter and for naming badges; the list still works if this call fails. */
import { useEffect, useState } from 'preact/hooks'
import { api, type ChannelSummary } from '../api/inbox-api.js'

export function useChannels(): ChannelSummary[] {
  const [channels, setChannels] = useState<ChannelSummary[]>([])
  useEffect(() => {
    let cancelled = false
    api
      .channels()
      .then(({ channels }) => {
        if (!cancelled) setChannels(channels)
      })
      .catch(() => {})
    return () => {
      cancelled = true
    }
  }, [])
  return channels
}
