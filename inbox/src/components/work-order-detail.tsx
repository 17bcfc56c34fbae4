/**
 * One case: its actions (one button each, from what the hub says the viewer may do now), deadlines
 * with their state, the request, the citizen as the hub shows them to this viewer, the replies,
 * supervision, extension, follow-up and the history. Done actions and changes made elsewhere are
 * said in a polite status region; the case reloads itself when the socket says it moved.
 */
import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import type { WorkOrderDto } from '../../../server/presenters/dto.js'
import type { WorkOrderMeta } from '../api/work-order-api.js'
import { workOrderErrorText } from '../api/work-order-error-text.js'
import { useNow } from '../hooks/use-now.js'
import { useWorkOrder } from '../hooks/use-work-orders.js'
import { useI18n } from '../i18n/i18n-context.js'
import type { Translate } from '../i18n/languages.js'
import { categoryName, departmentName, districtName, localizedName, workOrderLabel } from '../i18n/work-order-labels.js'
import type { InboxSocket } from '../realtime/inbox-socket.js'
import { deadlineBadges } from '../state/work-orders.js'
import { AttachmentItem } from './attachment-list.js'
import { DeadlineBadge } from './deadline-badge.js'
import { WorkOrderActionDialog } from './work-order-action-dialog.js'

const TICK_MS = 30_000

interface Props {
  id: string
  socket: InboxSocket
  meta: WorkOrderMeta | null
}

export function WorkOrderDetail({ id, socket, meta }: Props) {
  const { t } = useI18n()
  // One polite line: what the user just did, or what someone else changed since (the latest wins).
  const [status, setStatus] = useState('')
  const open = useWorkOrder(id, socket, (order: WorkOrderDto) =>
    setStatus(t('workOrder.changedElsewhere', { number: order.number, status: workOrderLabel(t, 'status', order.status) })),
  )
  const [acting, setActing] = useState<string | null>(null)
  const order = open.order

  return (
    <div class="work-order-detail" data-testid="work-order-detail" data-status={order?.status}>
      <p class="visually-hidden" role="status" data-testid="work-order-status">
        {status}
      </p>
      {open.phase === 'loading' && !order && (
        <p class="pane-message" role="status">
          {t('workOrder.loading')}
        </p>
      )}
      {open.phase === 'error' && !order && (
        <div class="pane-message" role="alert">
          <p>{t('workOrder.error', { reason: workOrderErrorText(open.error, t) })}</p>
          <button type="button" class="button" onClick={open.retry}>
            {t('error.retry')}
          </button>
        </div>
      )}
      {order && <CaseBody order={order} meta={meta} onAct={setActing} />}
      {order && acting && (
        <WorkOrderActionDialog
          order={order}
          action={acting}
          meta={meta}
          onDone={(after) => {
            open.accept(after)
            setActing(null)
            setStatus(
              t('workOrder.saved', {
                number: after.number,
                action: workOrderLabel(t, 'action', acting),
                status: workOrderLabel(t, 'status', after.status),
              }),
            )
          }}
          onStale={open.retry}
          onClose={() => setActing(null)}
        />
      )}
    </div>
  )
}

function CaseBody({ order, meta, onAct }: { order: WorkOrderDto; meta: WorkOrderMeta | null; onAct: (action: string) => void }) {
  const { t, language, time } = useI18n()
  const now = useNow(TICK_MS)
  const badges = deadlineBadges(order, now)
  const category = meta?.categories.find((candidate) => candidate.code === order.category)
  const department = (id: string) => departmentName(meta, id, language)
  const flags = [
    order.anonymous ? t('workOrder.flag.anonymous') : null,
    order.confidential ? t('workOrder.flag.confidential') : null,
    order.designated ? t('workOrder.flag.designated') : null,
  ].filter((flag): flag is string => flag !== null)

  return (
    <article class="work-order-case" aria-labelledby="work-order-heading">
      <header class="work-order-head">
        <h2 id="work-order-heading">
          <span class="work-order-number">{order.number}</span> {order.title}
        </h2>
        <p class="conversation-meta">
          <span class={`status-pill wo-status-${order.status}`} data-testid="work-order-status-pill">
            {workOrderLabel(t, 'status', order.status)}
          </span>
          <span>{workOrderLabel(t, 'type', order.type)}</span>
          <span>{categoryName(meta, order.category, language)}</span>
          <span>{workOrderLabel(t, 'urgency', order.urgency)}</span>
        </p>
      </header>

      <div class="work-order-actions" role="group" aria-label={t('workOrder.actions')}>
        {order.actions.length === 0 && <p class="settings-hint">{t('workOrder.noActions')}</p>}
        {order.actions.map((action) => (
          <button
            key={action}
            type="button"
            class={`button${action === order.actions[0] ? ' primary' : ''}`}
            aria-haspopup="dialog"
            data-testid={`wo-act-${action}`}
            onClick={() => onAct(action)}
          >
            {workOrderLabel(t, 'action', action)}
          </button>
        ))}
      </div>

      <section class="work-order-section" aria-labelledby="wo-deadlines">
        <h3 id="wo-deadlines">{t('workOrder.section.deadlines')}</h3>
        {badges.length === 0 ? (
          <p class="settings-hint">{t('workOrder.noDeadlines')}</p>
        ) : (
          <ul class="work-order-deadlines">
            {badges.map((badge) => (
              <li key={badge.name}>
                <DeadlineBadge badge={badge} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="work-order-section" aria-labelledby="wo-details">
        <h3 id="wo-details">{t('workOrder.section.details')}</h3>
        <dl class="work-order-fields">
          <Item label={t('workOrder.field.description')}>
            <span class="work-order-text">{order.description}</span>
          </Item>
          {order.address && <Item label={t('workOrder.field.address')}>{order.address}</Item>}
          {order.district && <Item label={t('workOrder.field.district')}>{districtName(meta, order.district, language)}</Item>}
          {(category?.fields ?? [])
            .filter((custom) => order.fields[custom.key] !== undefined)
            .map((custom) => (
              <Item key={custom.key} label={localizedName(custom.label, language, custom.key)}>
                {fieldText(order.fields[custom.key], t)}
              </Item>
            ))}
          <Item label={t('workOrder.field.department')}>{order.leadDepartment ? department(order.leadDepartment) : t('workOrders.row.notDispatched')}</Item>
          {order.coDepartments.length > 0 && <Item label={t('workOrder.field.coDepartments')}>{order.coDepartments.map(department).join(', ')}</Item>}
          {order.dispatchOverride && (
            <Item label={t('workOrder.field.override')}>
              {t('workOrder.override', {
                suggested: order.dispatchOverride.suggested ? department(order.dispatchOverride.suggested) : '—',
                reason: order.dispatchOverride.reason,
              })}
            </Item>
          )}
          {order.returnCount > 0 && <Item label={t('workOrder.field.returns')}>{String(order.returnCount)}</Item>}
          <Item label={t('workOrder.field.flags')}>{flags.length > 0 ? flags.join(' · ') : t('workOrder.flag.none')}</Item>
          <Item label={t('workOrder.field.source')}>{order.source}</Item>
          <Item label={t('workOrder.field.created')}>{time.full(order.createdAt)}</Item>
          {order.closingNote && <Item label={t('workOrder.field.closingNote')}>{order.closingNote}</Item>}
          {order.masterId && <Item label={t('workOrder.field.master')}>{order.masterId}</Item>}
          {order.attachments.length > 0 && (
            <Item label={t('workOrder.field.attachments')}>
              <AttachmentLinks attachments={order.attachments} />
            </Item>
          )}
        </dl>
      </section>

      <section class="work-order-section" aria-labelledby="wo-citizen">
        <h3 id="wo-citizen">{t('workOrder.section.citizen')}</h3>
        {order.citizen ? (
          <dl class="work-order-fields" data-testid="work-order-citizen">
            {order.citizen.name && <Item label={t('workOrder.citizen.name')}>{order.citizen.name}</Item>}
            {order.citizen.phone && <Item label={t('workOrder.citizen.phone')}>{order.citizen.phone}</Item>}
            {order.citizen.email && <Item label={t('workOrder.citizen.email')}>{order.citizen.email}</Item>}
            {order.citizen.channel && <Item label={t('workOrder.citizen.channel')}>{order.citizen.channel}</Item>}
          </dl>
        ) : (
          <p class="settings-hint" data-testid="work-order-citizen">
            {t('workOrder.citizen.withheld')}
          </p>
        )}
      </section>

      <section class="work-order-section" aria-labelledby="wo-replies">
        <h3 id="wo-replies">{t('workOrder.section.replies')}</h3>
        {order.replies.length === 0 ? (
          <p class="settings-hint">{t('workOrder.noReplies')}</p>
        ) : (
          <ol class="work-order-entries">
            {order.replies.map((reply) => (
              <li key={reply.id} data-testid="work-order-reply">
                <p class="work-order-entry-meta">
                  {t('workOrder.replyBy', { name: reply.department ? department(reply.department) : reply.by, time: time.full(reply.at) })}
                </p>
                <p class="work-order-text">{reply.text}</p>
                {reply.attachments.length > 0 && <AttachmentLinks attachments={reply.attachments} />}
              </li>
            ))}
          </ol>
        )}
      </section>

      {order.contributions.length > 0 && (
        <section class="work-order-section" aria-labelledby="wo-contributions">
          <h3 id="wo-contributions">{t('workOrder.section.contributions')}</h3>
          <ol class="work-order-entries">
            {order.contributions.map((part) => (
              <li key={part.id} data-testid="work-order-contribution">
                <p class="work-order-entry-meta">
                  {t('workOrder.replyBy', { name: part.department ? department(part.department) : part.by, time: time.full(part.at) })}
                </p>
                <p class="work-order-text">{part.text}</p>
              </li>
            ))}
          </ol>
        </section>
      )}

      {order.supervision.length > 0 && (
        <section class="work-order-section" aria-labelledby="wo-supervision">
          <h3 id="wo-supervision">{t('workOrder.section.supervision')}</h3>
          <ol class="work-order-entries">
            {order.supervision.map((entry) => (
              <li key={`${entry.kind}-${entry.at}`}>
                <p class="work-order-entry-meta">
                  {t('workOrder.supervisionEntry', { kind: workOrderLabel(t, 'supervision', entry.kind), name: entry.by, time: time.full(entry.at) })}
                </p>
                <p class="work-order-text">{entry.comment}</p>
              </li>
            ))}
          </ol>
        </section>
      )}

      {order.extension && (
        <section class="work-order-section" aria-labelledby="wo-extension">
          <h3 id="wo-extension">{t('workOrder.section.extension')}</h3>
          <p data-testid="work-order-extension" data-state={order.extension.state}>
            {t('workOrder.extensionText', {
              until: time.full(order.extension.requestedDueAt),
              state: workOrderLabel(t, 'extension', order.extension.state),
              name: order.extension.requestedBy,
              reason: order.extension.reason,
            })}
          </p>
        </section>
      )}

      {order.followUp && (
        <section class="work-order-section" aria-labelledby="wo-follow-up">
          <h3 id="wo-follow-up">{t('workOrder.section.followUp')}</h3>
          <p>
            {order.followUp.rating
              ? t('workOrder.followUpRated', { rating: workOrderLabel(t, 'rating', order.followUp.rating) })
              : t('workOrder.followUpAsked', { time: order.followUp.askedAt ? time.full(order.followUp.askedAt) : '—' })}
          </p>
          {order.followUp.reason && <p>{t('workOrder.followUpReason', { reason: order.followUp.reason })}</p>}
        </section>
      )}

      <section class="work-order-section" aria-labelledby="wo-history">
        <h3 id="wo-history">{t('workOrder.section.history')}</h3>
        <ol class="work-order-timeline" data-testid="work-order-history">
          {order.history.map((entry) => (
            <li key={entry.id} data-action={entry.action}>
              <p>
                <strong>
                  {t('workOrder.historyEntry', { action: workOrderLabel(t, 'action', entry.action), actor: actorName(entry.actor, t, department) })}
                </strong>{' '}
                <time dateTime={entry.at} class="work-order-entry-meta">
                  {time.full(entry.at)}
                </time>
              </p>
              {entry.from !== entry.to && (
                <p class="work-order-entry-meta">
                  {t('workOrder.historyMove', { from: workOrderLabel(t, 'status', entry.from), to: workOrderLabel(t, 'status', entry.to) })}
                </p>
              )}
              {historyDetails(entry.details, t, department, time.full).map((line) => (
                <p key={line} class="work-order-entry-meta">
                  {line}
                </p>
              ))}
              {entry.comment && <p class="work-order-text">{entry.comment}</p>}
            </li>
          ))}
        </ol>
      </section>
    </article>
  )
}

function Item({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="work-order-field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

/** A case's or a reply's files, as the conversation shows them: images as thumbnails, players, download links. */
function AttachmentLinks({ attachments }: { attachments: WorkOrderDto['attachments'] }) {
  return (
    <ul class="attachments work-order-attachments" data-testid="work-order-attachments">
      {attachments.map((attachment, index) => (
        // Two entries may name the same file: the index is the stable key.
        <li key={index} class="attachment">
          <AttachmentItem attachment={attachment} inbound={false} />
        </li>
      ))}
    </ul>
  )
}

function fieldText(value: unknown, t: Translate): string {
  if (typeof value === 'boolean') return value ? t('workOrder.fieldYes') : t('workOrder.fieldNo')
  return String(value)
}

function actorName(actor: WorkOrderDto['history'][number]['actor'], t: Translate, department: (id: string) => string): string {
  if (actor.type === 'citizen') return actor.name || t('workOrder.actor.citizen')
  if (actor.type === 'system') return t('workOrder.actor.system')
  if (actor.department) return actor.name ? `${actor.name} (${department(actor.department)})` : department(actor.department)
  return actor.name
}

function historyDetails(
  details: Record<string, unknown> | undefined,
  t: Translate,
  department: (id: string) => string,
  full: (iso: string) => string,
): string[] {
  if (!details) return []
  const lines: string[] = []
  if (typeof details.department === 'string') lines.push(t('workOrder.historyDepartment', { department: department(details.department) }))
  if (typeof details.legalBasis === 'string') lines.push(t('workOrder.historyLegalBasis', { text: details.legalBasis }))
  if (typeof details.until === 'string') lines.push(t('workOrder.historyUntil', { time: full(details.until) }))
  if (typeof details.rating === 'string') lines.push(t('workOrder.historyRating', { rating: workOrderLabel(t, 'rating', details.rating) }))
  return lines
}
