/**
 * Loads the list for a filter and keeps it live. After every (re)connection the
 * first page is fetched again, because changes made while the socket was down
 * were never pushed. Frames that arrive while a fetch is in flight are replayed
 * on top of its result, so a slow response cannot undo a newer change.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'preact/hooks'
import type { ConversationDto } from '../../../server/presenters/dto.js'
import { api } from '../api/inbox-api.js'
import type { InboxSocket } from '../realtime/inbox-socket.js'
import { EMPTY_LIST, listReducer } from '../state/conversation-list.js'
import { filterKey, type ListFilter } from '../state/filters.js'

export interface ConversationList {
  items: ConversationDto[]
  phase: 'loading' | 'ready' | 'error'
  error: unknown
  hasMore: boolean
  loadingMore: boolean
  loadMore: () => void
  retry: () => void
  /** Applies a conversation the app got from a REST response, before the socket echoes it. */
  upsert: (conversation: ConversationDto) => void
}

export function useConversationList(socket: InboxSocket, filter: ListFilter, userId: string): ConversationList {
  const [state, dispatch] = useReducer(listReducer, EMPTY_LIST)
  const [phase, setPhase] = useState<ConversationList['phase']>('loading')
  const [error, setError] = useState<unknown>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const filterRef = useRef(filter)
  filterRef.current = filter
  // Bumped per fetch: a response for an older filter or an older refresh is dropped.
  const generation = useRef(0)
  const framesDuringFetch = useRef<ConversationDto[] | null>(null)
  const started = useRef(false)

  const upsert = useCallback((conversation: ConversationDto) => dispatch({ type: 'upsert', conversation, filter: filterRef.current, userId }), [userId])

  const load = useCallback(
    async (mode: 'initial' | 'refresh') => {
      const current = ++generation.current
      started.current = true
      framesDuringFetch.current = []
      if (mode === 'initial') {
        dispatch({ type: 'clear' })
        setPhase('loading')
      }
      try {
        const page = await api.conversations(filterRef.current)
        if (current !== generation.current) return
        dispatch({ type: 'replace', conversations: page.conversations, nextCursor: page.nextCursor })
        for (const conversation of framesDuringFetch.current ?? []) upsert(conversation)
        setPhase('ready')
        setError(null)
      } catch (failure) {
        if (current !== generation.current) return
        // A failed background refresh keeps the list the agent is looking at.
        if (mode === 'initial') {
          setPhase('error')
          setError(failure)
        }
      } finally {
        if (current === generation.current) framesDuringFetch.current = null
      }
    },
    [upsert],
  )

  // One string for every field the API filters on: the list reloads when any of them changes.
  const key = filterKey(filter)
  useEffect(() => {
    load('initial')
  }, [key, load])

  useEffect(() => {
    const offFrame = socket.onFrame((frame) => {
      if (frame.type === 'sla') dispatch({ type: 'sla', frame })
      if (frame.type !== 'conversation') return
      framesDuringFetch.current?.push(frame.conversation)
      upsert(frame.conversation)
    })
    const offOpen = socket.onOpen(() => {
      if (started.current) load('refresh')
    })
    return () => {
      offFrame()
      offOpen()
    }
  }, [socket, load, upsert])

  const loadMore = useCallback(async () => {
    const cursor = state.nextCursor
    if (!cursor || loadingMore) return
    const current = generation.current
    setLoadingMore(true)
    try {
      const page = await api.conversations(filterRef.current, cursor)
      if (current === generation.current) dispatch({ type: 'append', conversations: page.conversations, nextCursor: page.nextCursor })
    } catch {
      // The button stays; the agent can press it again.
    } finally {
      setLoadingMore(false)
    }
  }, [state.nextCursor, loadingMore])

  return {
    items: state.items,
    phase,
    error,
    hasMore: state.nextCursor !== null,
    loadingMore,
    loadMore,
    retry: () => load('initial'),
    upsert,
  }
}
