/**
 * The signed-in app: owns the socket for its lifetime, the list filter and the
 * selected conversation, and wires the page-wide keyboard shortcuts.
 */
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks'
import type { UserDto } from '../../../server/presenters/dto.js'
import { api } from '../api/inbox-api.js'
import { useCannedResponses } from '../hooks/use-canned-responses.js'
import { useChannels } from '../hooks/use-channels.js'
import { useConversationList } from '../hooks/use-conversation-list.js'
import { useGlobalKeys } from '../hooks/use-global-keys.js'
import { useInboxSocket } from '../hooks/use-inbox-socket.js'
import { useNotices } from '../hooks/use-notices.js'
import { usePresence } from '../hooks/use-presence.js'
import { QueueNameContext, useQueues } from '../hooks/use-queues.js'
import { useSelectedConversation } from '../hooks/use-route.js'
import { useViewCounts } from '../hooks/use-view-counts.js'
import { useWorkOrderMeta } from '../hooks/use-work-orders.js'
import { useI18n } from '../i18n/i18n-context.js'
import { loadTwilioDevice, Softphone } from '../phone/softphone.js'
import { adjacentConversationId } from '../state/adjacent-conversation.js'
import { type ListFilter, parseFilter } from '../state/filters.js'
import { allowedFilter, inboxViews, queuesWorked } from '../state/inbox-views.js'
import { loadPreference, savePreference } from '../state/preferences.js'
import { shownView, type View, viewsFor } from '../state/views.js'
import { AppHeader } from './app-header.js'
import { ChannelStatusView } from './channel-status-view.js'
import { ConnectionBanner } from './connection-banner.js'
import { ConversationList } from './conversation-list.js'
import { ConversationView } from './conversation-view.js'
import { NoticeRegion } from './notice-region.js'
import { SettingsView } from './settings-view.js'
import { ShortcutsDialog } from './shortcuts-dialog.js'
import { WallboardView } from './wallboard-view.js'
import { WorkOrdersView } from './work-orders-view.js'

function focusElement(selector: string): boolean {
  const element = document.querySelector<HTMLElement>(selector)
  element?.focus()
  return element !== null
}

/** Shortcuts press the visible button, so they do exactly what a click would, and nothing where it is absent. */
function clickElement(selector: string): boolean {
  const element = document.querySelector<HTMLButtonElement>(selector)
  if (!element || element.disabled) return false
  element.click()
  return true
}

export function Workspace({ user, onLogout }: { user: UserDto; onLogout: () => void }) {
  const { socket, connection } = useInboxSocket()

  // Created idle: the token and the voice SDK are fetched only when the agent turns the phone on.
  const [softphone] = useState(() => new Softphone({ fetchToken: api.voiceToken, createDevice: loadTwilioDevice }))
  useEffect(() => () => softphone.dispose(), [softphone])

  const { t, language } = useI18n()
  const queues = useQueues(language)
  const queueName = queues.name
  const inboxViewList = useMemo(() => inboxViews(user.role, queuesWorked(user, queues.all)), [user, queues.all])
  const [storedFilter, setFilterState] = useState(() => parseFilter(loadPreference('filter')))
  // A stored view the user no longer has (a queue they left; All for an agent) falls back to one they have.
  const filter = useMemo(() => allowedFilter(storedFilter, inboxViewList), [storedFilter, inboxViewList])
  const setFilter = useCallback((next: ListFilter) => {
    savePreference('filter', JSON.stringify(next))
    setFilterState(next)
  }, [])
  const counts = useViewCounts(socket)
  const canned = useCannedResponses()

  const channels = useChannels()
  const channelById = useMemo(() => new Map(channels.map((channel) => [channel.id, channel])), [channels])
  const channelName = useCallback((id: string, fallback?: string) => channelById.get(id)?.name ?? fallback ?? id, [channelById])
  const channelOf = useCallback((id: string) => channelById.get(id), [channelById])

  // The conversation list keeps its state while another view is shown.
  const [view, setView] = useState<View>('conversations')
  const views = viewsFor(user.role)
  const shown = shownView(user.role, view)
  const workOrderMeta = useWorkOrderMeta()
  const [workOrderId, setWorkOrderId] = useState<string | null>(null)
  const openWorkOrder = useCallback((id: string) => {
    setWorkOrderId(id)
    setView('work-orders')
    // The button that opened it is gone with the conversation view: the case takes the focus.
    setTimeout(() => focusElement('#work-order'))
  }, [])

  const presence = usePresence()
  const { goOffline } = presence
  // Going offline first hands unanswered conversations to colleagues at once instead of after the heartbeat lapses.
  const logout = useCallback(() => {
    goOffline().finally(onLogout)
  }, [goOffline, onLogout])

  const list = useConversationList(socket, filter, user.id)
  const [selectedId, select] = useSelectedConversation()
  const { notices, dismiss } = useNotices(socket, user.id, t, select)
  const knownQueues = useMemo(
    () => [...user.queues, ...channels.flatMap((channel) => (channel.queue ? [channel.queue] : [])), ...(queues.all ?? []).map((queue) => queue.id)],
    [user.queues, channels, queues.all],
  )
  const [helpOpen, setHelpOpen] = useState(false)

  const keys = useMemo(() => {
    const inConversations = shown === 'conversations'
    const step = (direction: 1 | -1) => () => {
      const next = inConversations
        ? adjacentConversationId(
            list.items.map((item) => item.id),
            selectedId,
            direction,
          )
        : null
      if (next) select(next)
      return next !== null
    }
    return {
      'focus-reply': () => focusElement('#reply-input'),
      'focus-list': () => focusElement('[data-testid="conversation-list"] [tabindex="0"]') || focusElement('.list-pane input:checked'),
      'next-conversation': step(1),
      'previous-conversation': step(-1),
      resolve: () => clickElement('#conversation [data-testid="resolve"]'),
      transfer: () => clickElement('#conversation [data-testid="transfer"]'),
      'show-help': () => {
        setHelpOpen(true)
        return true
      },
    }
  }, [shown, list.items, selectedId, select])
  useGlobalKeys(keys)

  return (
    <QueueNameContext.Provider value={queueName}>
      <div class="app">
        <AppHeader
          user={user}
          onLogout={logout}
          view={shown}
          views={views}
          onViewChange={setView}
          softphone={softphone}
          presence={presence}
          onShowShortcuts={() => setHelpOpen(true)}
        />
        <ConnectionBanner state={connection} />
        <NoticeRegion notices={notices} onOpen={select} onDismiss={dismiss} />
        {helpOpen && <ShortcutsDialog onClose={() => setHelpOpen(false)} />}
        {shown === 'settings' ? (
          <SettingsView user={user} queues={queues.all} queueName={queueName} onCannedChanged={canned.reload} />
        ) : shown === 'channels' ? (
          <ChannelStatusView />
        ) : shown === 'wallboard' ? (
          <WallboardView queueName={queueName} />
        ) : shown === 'work-orders' ? (
          <WorkOrdersView socket={socket} meta={workOrderMeta} department={null} selectedId={workOrderId} onSelect={setWorkOrderId} />
        ) : (
          <div class="workspace">
            <ConversationList
              list={list}
              filter={filter}
              onFilterChange={setFilter}
              channels={channels}
              selectedId={selectedId}
              onOpen={select}
              views={inboxViewList}
              counts={counts}
              queueName={queueName}
            />
            <ConversationView
              key={selectedId ?? ''}
              conversationId={selectedId}
              socket={socket}
              user={user}
              channelName={channelName}
              channelOf={channelOf}
              onConversation={list.upsert}
              softphone={softphone}
              knownQueues={knownQueues}
              queueName={queueName}
              canned={canned.responses}
              onOpen={select}
              workOrderMeta={workOrderMeta}
              onOpenWorkOrder={openWorkOrder}
            />
          </div>
        )}
      </div>
    </QueueNameContext.Provider>
  )
}
