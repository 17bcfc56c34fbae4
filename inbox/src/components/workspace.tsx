/**
 * The signed-in app: owns the socket for its lifetime, the list filter and the
 * selected conversation, and wires the page-wide keyboard shortcuts.
 */
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks'
import type { UserDto } from '../../../server/presenters/dto.js'
import { api } from '../api/inbox-api.js'
import { useChannels } from '../hooks/use-channels.js'
import { useConnectionState } from '../hooks/use-connection-state.js'
import { useConversationList } from '../hooks/use-conversation-list.js'
import { useGlobalKeys } from '../hooks/use-global-keys.js'
import { useSelectedConversation } from '../hooks/use-route.js'
import { loadTwilioDevice, Softphone } from '../phone/softphone.js'
import { InboxSocket } from '../realtime/inbox-socket.js'
import { setCurrentConnection } from '../realtime/test-hook.js'
import { type ListFilter, parseFilter } from '../state/filters.js'
import { loadPreference, savePreference } from '../state/preferences.js'
import { AppHeader } from './app-header.js'
import { ChannelStatusView } from './channel-status-view.js'
import { ConnectionBanner } from './connection-banner.js'
import { ConversationList } from './conversation-list.js'
import { ConversationView } from './conversation-view.js'
import type { View } from './view-nav.js'

function focusElement(selector: string): boolean {
  const element = document.querySelector<HTMLElement>(selector)
  element?.focus()
  return element !== null
}

export function Workspace({ user, onLogout }: { user: UserDto; onLogout: () => void }) {
  const [socket] = useState(() => new InboxSocket())
  useEffect(() => {
    setCurrentConnection(socket)
    return () => {
      setCurrentConnection(null)
      socket.close()
    }
  }, [socket])

  // Created idle: the token and the voice SDK are fetched only when the agent turns the phone on.
  const [softphone] = useState(() => new Softphone({ fetchToken: api.voiceToken, createDevice: loadTwilioDevice }))
  useEffect(() => () => softphone.dispose(), [softphone])

  const connection = useConnectionState(socket)
  // The socket gives up only on fatal closes (session gone); /api/me confirms and its 401 shows the login.
  useEffect(() => {
    if (connection === 'closed') api.me().catch(() => {})
  }, [connection])

  const [filter, setFilterState] = useState(() => parseFilter(loadPreference('filter')))
  const setFilter = useCallback((next: ListFilter) => {
    savePreference('filter', JSON.stringify(next))
    setFilterState(next)
  }, [])

  const channels = useChannels()
  const channelById = useMemo(() => new Map(channels.map((channel) => [channel.id, channel])), [channels])
  const channelName = useCallback((id: string, fallback?: string) => channelById.get(id)?.name ?? fallback ?? id, [channelById])
  const channelOf = useCallback((id: string) => channelById.get(id), [channelById])

  // Only admins have a second view; the conversation list keeps its state while it is away.
  const [view, setView] = useState<View>('conversations')
  const isAdmin = user.role === 'admin'
  const shown: View = isAdmin ? view : 'conversations'

  const list = useConversationList(socket, filter, user.id)
  const [selectedId, select] = useSelectedConversation()

  const keys = useMemo(
    () => ({
      focusReply: () => focusElement('#reply-input'),
      focusList: () => focusElement('[data-testid="conversation-list"] [tabindex="0"]') || focusElement('.list-pane input:checked'),
    }),
    [],
  )
  useGlobalKeys(keys)

  return (
    <div class="app">
      <AppHeader user={user} onLogout={onLogout} view={shown} onViewChange={isAdmin ? setView : undefined} softphone={softphone} />
      <ConnectionBanner state={connection} />
      {shown === 'channels' ? (
        <ChannelStatusView />
      ) : (
        <div class="workspace">
          <ConversationList list={list} filter={filter} onFilterChange={setFilter} channels={channels} selectedId={selectedId} onOpen={select} />
          <ConversationView
            key={selectedId ?? ''}
            conversationId={selectedId}
            socket={socket}
            user={user}
            channelName={channelName}
            channelOf={channelOf}
            onConversation={list.upsert}
            softphone={softphone}
          />
        </div>
      )}
    </div>
  )
}
