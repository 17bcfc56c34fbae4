/**
 * The queue as a listbox with a roving tab stop: Tab enters the list once, arrows
 * (or j/k) move, Enter opens. Focus follows an id rather than an index because
 * live updates reorder rows under the agent's cursor.
 */

import type { JSX } from 'preact'
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import { errorText } from '../api/error-text.js'
import { api, type ChannelSummary } from '../api/inbox-api.js'
import type { ConversationList as ListModel } from '../hooks/use-conversation-list.js'
import { useNow } from '../hooks/use-now.js'
import { useI18n } from '../i18n/i18n-context.js'
import type { ListFilter } from '../state/filters.js'
import type { InboxView, ViewCounts } from '../state/inbox-views.js'
import { applyView, viewOfFilter } from '../state/inbox-views.js'
import { nextListIndex } from '../state/list-navigation.js'
import { ConversationRow } from './conversation-row.js'
import { FilterBar } from './filter-bar.js'
import { InboxNav } from './inbox-nav.js'

/** Waiting clocks and relative times move on this beat. */
const TICK_MS = 30_000

interface Props {
  list: ListModel
  filter: ListFilter
  onFilterChange: (filter: ListFilter) => void
  channels: ChannelSummary[]
  selectedId: string | null
  onOpen: (id: string) => void
  views: readonly InboxView[]
  counts: ViewCounts | null
  queueName: (id: string) => string
}

export function ConversationList({ list, filter, onFilterChange, channels, selectedId, onOpen, views, counts, queueName }: Props) {
  const { t } = useI18n()
  const now = useNow(TICK_MS)
  const listRef = useRef<HTMLUListElement>(null)
  const [activeId, setActiveId] = useState<string | null>(selectedId)
  const hadFocus = useRef(false)

  const items = list.items
  const activeIndex = Math.max(
    0,
    items.findIndex((item) => item.id === activeId),
  )
  const focusableId = items[activeIndex]?.id ?? null
  const channelNames = new Map(channels.map((channel) => [channel.id, channel.name]))
  const searching = Boolean(filter.q?.trim())
  // Every label in use (from the hub), plus any on the rows loaded since.
  const [labelsInUse, setLabelsInUse] = useState<string[]>([])
  useEffect(() => {
    api
      .labels()
      .then((body) => setLabelsInUse(body.labels))
      .catch(() => {})
  }, [])
  const labels = [...new Set([...labelsInUse, ...items.flatMap((item) => item.labels)])]

  const focusRow = useCallback((id: string) => {
    listRef.current?.querySelector<HTMLElement>(`[data-conversation-id="${CSS.escape(id)}"]`)?.focus()
  }, [])

  // Moving a focused row in the DOM can drop focus to <body>; put it back on the same conversation.
  useLayoutEffect(() => {
    if (hadFocus.current && focusableId && (document.activeElement === document.body || document.activeElement === null)) focusRow(focusableId)
  }, [items, focusableId, focusRow])

  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLUListElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return
    if (event.key === 'Enter' || event.key === ' ') {
      if (focusableId) {
        event.preventDefault()
        onOpen(focusableId)
      }
      return
    }
    const next = nextListIndex(event.key, activeIndex, items.length)
    const target = next === null ? undefined : items[next]
    if (!target) return
    event.preventDefault()
    setActiveId(target.id)
    focusRow(target.id)
  }

  const open = useCallback(
    (id: string) => {
      setActiveId(id)
      onOpen(id)
    },
    [onOpen],
  )

  return (
    <section class="list-pane" aria-labelledby="list-heading">
      <h2 id="list-heading" class="visually-hidden">
        {t('list.label')}
      </h2>
      <InboxNav
        views={views}
        current={viewOfFilter(filter)}
        counts={counts}
        queueName={queueName}
        onSelect={(view) => onFilterChange(applyView(filter, view))}
      />
      <FilterBar
        filter={filter}
        channels={channels}
        labels={labels}
        resultCount={searching && list.phase === 'ready' ? (list.hasMore ? `${items.length}+` : String(items.length)) : null}
        onChange={onFilterChange}
      />
      <div class="list-scroll">
        {list.phase === 'loading' && (
          <p class="list-message" role="status">
            {t('list.loading')}
          </p>
        )}
        {list.phase === 'error' && (
          <div class="list-message" role="alert">
            <p>
              {t('list.error')} {errorText(list.error, t)}
            </p>
            <button type="button" class="button" onClick={list.retry}>
              {t('error.retry')}
            </button>
          </div>
        )}
        {list.phase === 'ready' && items.length === 0 && (
          <p class="list-message" data-testid="list-empty">
            {searching ? t('search.none', { q: filter.q?.trim() ?? '' }) : t('list.empty')}
          </p>
        )}
        <ul
          ref={listRef}
          role="listbox"
          aria-label={t('list.label')}
          class="conversation-list"
          data-testid="conversation-list"
          onKeyDown={onKeyDown}
          onFocusIn={(event) => {
            hadFocus.current = true
            const id = (event.target as HTMLElement).dataset.conversationId
            if (id) setActiveId(id)
          }}
          onFocusOut={(event) => {
            // relatedTarget is null when the focused row was detached, not when the agent tabbed away.
            if (event.relatedTarget) hadFocus.current = false
          }}
        >
          {items.map((conversation) => (
            <ConversationRow
              key={conversation.id}
              conversation={conversation}
              channelName={channelNames.get(conversation.channel) ?? conversation.channelType}
              selected={conversation.id === selectedId}
              focusable={conversation.id === focusableId}
              now={now}
              onOpen={open}
            />
          ))}
        </ul>
        {list.hasMore && (
          <button type="button" class="button load-more" data-testid="load-more" onClick={list.loadMore} aria-busy={list.loadingMore}>
            {list.loadingMore ? t('app.loading') : t('list.loadMore')}
          </button>
        )}
      </div>
      <p class="keyboard-hint">{t('list.keyboardHint')}</p>
    </section>
  )
}
