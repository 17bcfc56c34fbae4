/**
 * The work-orders view: the cases on the left (filtered; the hotline by state, department and
 * overdue, a department by its tabs: to sign, in progress, overdue, all), the open case on the
 * right. Both refresh themselves when the socket says a case moved.
 */
import { useState } from 'preact/hooks'
import type { WorkOrderDto } from '../../../server/presenters/dto.js'
import type { WorkOrderMeta } from '../api/work-order-api.js'
import { workOrderErrorText } from '../api/work-order-error-text.js'
import { useNow } from '../hooks/use-now.js'
import { useWorkOrderList } from '../hooks/use-work-orders.js'
import { useI18n } from '../i18n/i18n-context.js'
import { categoryName, departmentName, workOrderLabel } from '../i18n/work-order-labels.js'
import type { InboxSocket } from '../realtime/inbox-socket.js'
import { loadPreference, savePreference } from '../state/preferences.js'
import {
  DEPARTMENT_QUEUES,
  type DepartmentQueue,
  departmentFilter,
  filterForStatusChoice,
  rowDeadline,
  STATUSES,
  type StatusChoice,
  type WorkOrderFilter,
} from '../state/work-orders.js'
import { DeadlineBadge } from './deadline-badge.js'
import { Segmented } from './filter-bar.js'
import { WorkOrderDetail } from './work-order-detail.js'

const TICK_MS = 30_000

interface Props {
  socket: InboxSocket
  meta: WorkOrderMeta | null
  /** Department staff get their tabs instead of the hotline's filters (the hub limits them to their cases anyway). */
  department: string | null
  selectedId: string | null
  onSelect: (id: string) => void
}

interface HotlineFilter {
  status: StatusChoice
  department: string | null
  overdue: boolean
}

export function WorkOrdersView({ socket, meta, department, selectedId, onSelect }: Props) {
  const { t, language } = useI18n()
  const [hotline, setHotline] = useState<HotlineFilter>({ status: 'open', department: null, overdue: false })
  const [queue, setQueue] = useState<DepartmentQueue>(() => {
    const stored = loadPreference('workOrderQueue')
    return (DEPARTMENT_QUEUES as readonly string[]).includes(stored ?? '') ? (stored as DepartmentQueue) : 'to_sign'
  })
  const filter: WorkOrderFilter = department ? departmentFilter(queue) : filterForStatusChoice(hotline.status, hotline)
  const list = useWorkOrderList(socket, filter)
  const title = department ? t('workOrders.departmentTitle', { department: departmentName(meta, department, language) }) : t('workOrders.title')

  return (
    <div class="workspace work-orders-view">
      <section class="list-pane" aria-labelledby="work-orders-heading">
        <h2 id="work-orders-heading" class="work-orders-title">
          {title}
        </h2>
        <div class="filter-bar" role="group" aria-label={t('workOrders.filters')}>
          {department ? (
            <Segmented
              name="wo-queue"
              legend={t('workOrders.queue.label')}
              values={DEPARTMENT_QUEUES}
              current={queue}
              label={(value) => t(`workOrders.queue.${value}`)}
              onSelect={(value) => {
                savePreference('workOrderQueue', value)
                setQueue(value)
              }}
            />
          ) : (
            <HotlineFilters meta={meta} filter={hotline} onChange={setHotline} />
          )}
        </div>
        <p class="visually-hidden" role="status">
          {list.phase === 'ready' ? t('workOrders.count', { count: list.hasMore ? `${list.items.length}+` : list.items.length }) : ''}
        </p>
        <div class="list-scroll">
          {list.phase === 'loading' && (
            <p class="list-message" role="status">
              {t('workOrders.loading')}
            </p>
          )}
          {list.phase === 'error' && (
            <div class="list-message" role="alert">
              <p>{t('workOrders.error', { reason: workOrderErrorText(list.error, t) })}</p>
              <button type="button" class="button" onClick={list.retry}>
                {t('error.retry')}
              </button>
            </div>
          )}
          {list.phase === 'ready' && list.items.length === 0 && (
            <p class="list-message" data-testid="work-orders-empty">
              {t('workOrders.empty')}
            </p>
          )}
          <ul class="work-order-list" aria-label={t('workOrders.list')} data-testid="work-order-list">
            {list.items.map((order) => (
              <WorkOrderRow key={order.id} order={order} meta={meta} selected={order.id === selectedId} onOpen={onSelect} />
            ))}
          </ul>
          {list.hasMore && (
            <button type="button" class="button load-more" onClick={list.loadMore} aria-busy={list.loadingMore}>
              {list.loadingMore ? t('app.loading') : t('workOrders.loadMore')}
            </button>
          )}
        </div>
      </section>
      <main id="work-order" class="conversation-pane work-order-pane" tabIndex={-1} aria-label={t('workOrder.label')}>
        {selectedId ? <WorkOrderDetail key={selectedId} id={selectedId} socket={socket} meta={meta} /> : <p class="pane-message">{t('workOrders.none')}</p>}
      </main>
    </div>
  )
}

function HotlineFilters({ meta, filter, onChange }: { meta: WorkOrderMeta | null; filter: HotlineFilter; onChange: (filter: HotlineFilter) => void }) {
  const { t, language } = useI18n()
  return (
    <>
      <div class="filter-row">
        <label class="channel-filter">
          <span class="visually-hidden">{t('workOrders.filter.status')}</span>
          <select
            data-testid="wo-filter-status"
            value={filter.status}
            onChange={(event) => onChange({ ...filter, status: event.currentTarget.value as StatusChoice })}
          >
            <option value="open">{t('workOrders.filter.statusOpen')}</option>
            <option value="all">{t('workOrders.filter.statusAll')}</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {workOrderLabel(t, 'status', status)}
              </option>
            ))}
          </select>
        </label>
        <label class="channel-filter">
          <span class="visually-hidden">{t('workOrders.filter.department')}</span>
          <select
            data-testid="wo-filter-department"
            value={filter.department ?? ''}
            onChange={(event) => onChange({ ...filter, department: event.currentTarget.value || null })}
          >
            <option value="">{t('workOrders.filter.departmentAll')}</option>
            {(meta?.departments ?? []).map((department) => (
              <option key={department.id} value={department.id}>
                {departmentName(meta, department.id, language)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label class="settings-check">
        <input
          type="checkbox"
          data-testid="wo-filter-overdue"
          checked={filter.overdue}
          onChange={(event) => onChange({ ...filter, overdue: event.currentTarget.checked })}
        />
        {t('workOrders.filter.overdue')}
      </label>
    </>
  )
}

function WorkOrderRow({ order, meta, selected, onOpen }: { order: WorkOrderDto; meta: WorkOrderMeta | null; selected: boolean; onOpen: (id: string) => void }) {
  const { t, language, time } = useI18n()
  const now = useNow(TICK_MS)
  const deadline = rowDeadline(order, now)
  return (
    <li class={`work-order-row${selected ? ' selected' : ''}`} data-testid="work-order-row" data-number={order.number} data-status={order.status}>
      <button type="button" class="work-order-open" aria-current={selected ? 'true' : undefined} onClick={() => onOpen(order.id)}>
        <span class="row-line">
          <span class="row-name">
            {order.number} {order.title}
          </span>
          <time class="row-time" dateTime={order.createdAt} title={time.full(order.createdAt)}>
            {time.relative(order.createdAt, now)}
          </time>
        </span>
        <span class="row-line row-meta">
          <span class={`status-pill wo-status-${order.status}`}>{workOrderLabel(t, 'status', order.status)}</span>
          <span>{categoryName(meta, order.category, language)}</span>
          <span class="row-assignee">
            {order.leadDepartment
              ? t('workOrders.row.lead', { department: departmentName(meta, order.leadDepartment, language) })
              : t('workOrders.row.notDispatched')}
          </span>
        </span>
      </button>
      {deadline && (
        <span class="row-line row-meta">
          <DeadlineBadge badge={deadline} />
        </span>
      )}
    </li>
  )
}
