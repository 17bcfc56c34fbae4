/**
 * Work orders as the inbox shows them: the forms' catalogue (meta), a filtered list that refreshes
 * itself when the socket says a case moved, and one case that reloads when it moves. A change made
 * elsewhere (a department signed, a colleague dispatched) is told politely; one's own is not told twice.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import type { WorkOrderDto } from '../../../server/presenters/dto.js'
import { type WorkOrderMeta, workOrderApi } from '../api/work-order-api.js'
import type { InboxSocket } from '../realtime/inbox-socket.js'
import { mayConcern, PAGE_SIZE, type WorkOrderFilter } from '../state/work-orders.js'
import { useResource } from './use-resource.js'

/** Socket news arrive in bursts (one per transition and deadline); one refetch serves a burst. */
const REFRESH_DELAY_MS = 250
const MAX_PAGE = 100

export function useWorkOrderMeta(): WorkOrderMeta | null {
  const { state } = useResource(() => workOrderApi.meta())
  return state.phase === 'ready' ? state.value : null
}

export interface WorkOrderList {
  phase: 'loading' | 'ready' | 'error'
  items: WorkOrderDto[]
  error: unknown
  hasMore: boolean
  loadingMore: boolean
  loadMore: () => void
  retry: () => void
}

export function useWorkOrderList(socket: InboxSocket, filter: WorkOrderFilter): WorkOrderList {
  const [phase, setPhase] = useState<WorkOrderList['phase']>('loading')
  const [items, setItems] = useState<WorkOrderDto[]>([])
  const [error, setError] = useState<unknown>(null)
  const [next, setNext] = useState<string | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [attempt, setAttempt] = useState(0)
  const shown = useRef(0)
  shown.current = items.length
  const filterKey = JSON.stringify(filter)

  useEffect(() => {
    let stopped = false
    // Each fetch has a number; an answer older than the newest one on screen is dropped.
    let issued = 0
    let applied = 0
    let soon: ReturnType<typeof setTimeout> | undefined
    const fetchPage = async (limit: number) => {
      const ticket = ++issued
      try {
        const page = await workOrderApi.list(filter, null, limit)
        if (stopped || ticket < applied) return
        applied = ticket
        setItems(page.workOrders)
        setNext(page.next)
        setPhase('ready')
      } catch (failure) {
        if (stopped || ticket < applied || shown.current > 0) return
        setError(failure)
        setPhase('error')
      }
    }
    setPhase('loading')
    setItems([])
    void fetchPage(PAGE_SIZE)
    // A refresh keeps as many rows as are on screen, so "load more" is not undone by live news.
    const refresh = () => {
      clearTimeout(soon)
      soon = setTimeout(() => void fetchPage(Math.min(MAX_PAGE, Math.max(PAGE_SIZE, shown.current))), REFRESH_DELAY_MS)
    }
    const offFrame = socket.onFrame((frame) => {
      if (frame.type === 'work_order' && (mayConcern(filter, frame.status) || shown.current > 0)) refresh()
    })
    const offOpen = socket.onOpen(refresh)
    return () => {
      stopped = true
      clearTimeout(soon)
      offFrame()
      offOpen()
    }
    // filterKey stands for the filter's content: a new object with the same values is the same list.
  }, [socket, filterKey, attempt])

  const loadMore = useCallback(() => {
    if (!next || loadingMore) return
    setLoadingMore(true)
    workOrderApi
      .list(filter, next)
      .then((page) => {
        setItems((current) => [...current, ...page.workOrders.filter((order) => !current.some((known) => known.id === order.id))])
        setNext(page.next)
      })
      .catch(() => {})
      .finally(() => setLoadingMore(false))
  }, [filterKey, next, loadingMore])

  return { phase, items, error, hasMore: next !== null, loadingMore, loadMore, retry: () => setAttempt((count) => count + 1) }
}

export interface OpenWorkOrder {
  phase: 'loading' | 'ready' | 'error'
  order: WorkOrderDto | null
  error: unknown
  /** Puts the hub's answer to one's own action on screen. */
  accept: (order: WorkOrderDto) => void
  retry: () => void
}

/** `onNews` hears of the case when it moved because of someone else (to be said politely). */
export function useWorkOrder(id: string, socket: InboxSocket, onNews: (order: WorkOrderDto) => void): OpenWorkOrder {
  const [order, setOrder] = useState<WorkOrderDto | null>(null)
  const [phase, setPhase] = useState<OpenWorkOrder['phase']>('loading')
  const [error, setError] = useState<unknown>(null)
  const [attempt, setAttempt] = useState(0)
  const current = useRef<WorkOrderDto | null>(null)
  const newsRef = useRef(onNews)
  newsRef.current = onNews

  const accept = useCallback((next: WorkOrderDto) => {
    current.current = next
    setOrder(next)
  }, [])

  useEffect(() => {
    let stopped = false
    const load = async (announce: boolean) => {
      try {
        const { workOrder } = await workOrderApi.read(id)
        if (stopped) return
        const before = current.current
        // Our own change is already on screen (same updatedAt): nothing new to say.
        if (announce && before && before.updatedAt !== workOrder.updatedAt) newsRef.current(workOrder)
        current.current = workOrder
        setOrder(workOrder)
        setPhase('ready')
      } catch (failure) {
        if (stopped) return
        setError(failure)
        setPhase('error')
      }
    }
    current.current = null
    setPhase('loading')
    void load(false)
    const offFrame = socket.onFrame((frame) => {
      if (frame.type === 'work_order' && frame.workOrderId === id) void load(true)
    })
    const offOpen = socket.onOpen(() => void load(true))
    return () => {
      stopped = true
      offFrame()
      offOpen()
    }
  }, [id, socket, attempt])

  return { phase, order, error, accept, retry: () => setAttempt((count) => count + 1) }
}
