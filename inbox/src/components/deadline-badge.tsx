/** A work order's deadline in words and a symbol, with its due time; the SLA badge's colours repeat the state. */
import { useI18n } from '../i18n/i18n-context.js'
import { workOrderLabel } from '../i18n/work-order-labels.js'
import { SLA_SYMBOL } from '../state/sla.js'
import { formatInZone } from '../state/snooze.js'
import { type DeadlineBadge as Badge, DEADLINE_LOOK } from '../state/work-orders.js'

export function DeadlineBadge({ badge }: { badge: Badge }) {
  const { t, language, time } = useI18n()
  const look = DEADLINE_LOOK[badge.state]
  const name = workOrderLabel(t, 'deadline', badge.name)
  const state = workOrderLabel(t, 'deadlineState', badge.state)
  const closed = badge.state === 'met' || badge.state === 'missed'
  const text = closed
    ? t('workOrder.deadlineBadgeClosed', { name, state })
    : t('workOrder.deadlineBadge', { name, state, due: formatInZone(badge.dueAt, language) })
  return (
    <span class={`sla-badge sla-${look}`} data-testid="deadline-badge" data-deadline={badge.name} data-state={badge.state} title={time.full(badge.dueAt)}>
      <span aria-hidden="true">{SLA_SYMBOL[look]} </span>
      {text}
    </span>
  )
}
