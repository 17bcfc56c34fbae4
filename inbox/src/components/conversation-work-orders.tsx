/**
 * The open conversation's work orders, under its header: each case filed from it (number and
 * state; opens it in the work-orders view), and "Create work order", which files a new one from
 * the conversation. Kept current by the socket's work-order news.
 */
import { useEffect, useState } from 'preact/hooks'
import type { WorkOrderDto } from '../../../server/presenters/dto.js'
import { type WorkOrderMeta, workOrderApi } from '../api/work-order-api.js'
import { useI18n } from '../i18n/i18n-context.js'
import { workOrderLabel } from '../i18n/work-order-labels.js'
import type { InboxSocket } from '../realtime/inbox-socket.js'
import { CreateWorkOrderDialog } from './create-work-order-dialog.js'

const REFRESH_DELAY_MS = 250

interface Props {
  conversationId: string
  contactName: string
  socket: InboxSocket
  meta: WorkOrderMeta | null
  onOpenWorkOrder: (id: string) => void
}

export function ConversationWorkOrders({ conversationId, contactName, socket, meta, onOpenWorkOrder }: Props) {
  const { t } = useI18n()
  const [orders, setOrders] = useState<WorkOrderDto[] | null>(null)
  const [failed, setFailed] = useState(false)
  const [creating, setCreating] = useState(false)
  const [status, setStatus] = useState('')

  useEffect(() => {
    let stopped = false
    let known = new Set<string>()
    let soon: ReturnType<typeof setTimeout> | undefined
    const load = () =>
      workOrderApi
        .forConversation(conversationId)
        .then(({ workOrders }) => {
          if (stopped) return
          known = new Set(workOrders.map((order) => order.id))
          setOrders(workOrders)
          setFailed(false)
        })
        .catch(() => !stopped && setFailed(true))
    void load()
    // A case of this conversation moved, or a new case was filed (perhaps from here, by a colleague).
    const offFrame = socket.onFrame((frame) => {
      if (frame.type !== 'work_order' || (!known.has(frame.workOrderId) && frame.action !== 'register')) return
      clearTimeout(soon)
      soon = setTimeout(load, REFRESH_DELAY_MS)
    })
    return () => {
      stopped = true
      clearTimeout(soon)
      offFrame()
    }
  }, [conversationId, socket])

  return (
    <section class="conversation-work-orders" aria-labelledby="conversation-work-orders-heading" data-testid="conversation-work-orders">
      <h3 id="conversation-work-orders-heading">{t('conversationWorkOrders.label')}</h3>
      {failed && <p class="settings-hint">{t('conversationWorkOrders.error')}</p>}
      {orders && orders.length === 0 && <p class="settings-hint">{t('conversationWorkOrders.none')}</p>}
      {orders && orders.length > 0 && (
        <ul class="conversation-work-order-list">
          {orders.map((order) => {
            const statusText = workOrderLabel(t, 'status', order.status)
            return (
              <li key={order.id}>
                <button
                  type="button"
                  class="link-button"
                  data-testid="conversation-work-order"
                  data-number={order.number}
                  data-status={order.status}
                  onClick={() => onOpenWorkOrder(order.id)}
                >
                  {order.number} · {statusText}
                </button>
              </li>
            )
          })}
        </ul>
      )}
      <button type="button" class="button" aria-haspopup="dialog" data-testid="create-work-order" onClick={() => setCreating(true)}>
        {t('workOrder.create.open')}
      </button>
      <p class="visually-hidden" role="status" data-testid="create-work-order-status">
        {status}
      </p>
      {creating && (
        <CreateWorkOrderDialog
          conversationId={conversationId}
          contactName={contactName}
          meta={meta}
          onCreated={(order) => {
            setCreating(false)
            setOrders((current) => [order, ...(current ?? []).filter((known) => known.id !== order.id)])
            setStatus(t('workOrder.create.created', { number: order.number }))
          }}
          onClose={() => setCreating(false)}
        />
      )}
    </section>
  )
}
