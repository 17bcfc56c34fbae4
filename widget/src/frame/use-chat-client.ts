/** One ChatClient per frame, and its latest snapshot as component state. */
import { useEffect, useMemo, useState } from 'preact/hooks'
import type { Lang } from '../i18n/languages.js'
import { ChatClient, type ChatSnapshot } from './chat-client.js'
import { exposeTestHook } from './test-hook.js'

/** The socket lives on the frame's own origin (HOST), like the API; the gateway picks the channel from the URL. */
function socketUrl(channelId: string): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws/widget?channel=${encodeURIComponent(channelId)}`
}

export function useChatClient(channelId: string, lang: Lang): [ChatClient, ChatSnapshot] {
  const client = useMemo(() => new ChatClient({ url: () => socketUrl(channelId), language: lang }), [channelId, lang])
  const [snapshot, setSnapshot] = useState(client.snapshot())
  useEffect(() => {
    const unsubscribe = client.subscribe(() => setSnapshot(client.snapshot()))
    const unexpose = exposeTestHook(client)
    return () => {
      unsubscribe()
      unexpose()
      client.stop()
    }
  }, [client])
  return [client, snapshot]
}
