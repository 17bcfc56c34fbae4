/** An SLA target's state in words and a symbol, with its due time in the hub's zone; colour only repeats it. */
import { useI18n } from '../i18n/i18n-context.js'
import { type SlaBadge as Badge, SLA_SYMBOL } from '../state/sla.js'
import { formatInZone } from '../state/snooze.js'

export function SlaBadge({ badge, compact = false }: { badge: Badge; compact?: boolean }) {
  const { t, language, time } = useI18n()
  const due = formatInZone(badge.dueAt, language)
  const text = t(badge.state === 'met' ? 'sla.badgeMet' : 'sla.badge', {
    target: t(`sla.target.${badge.target}`),
    state: t(`sla.state.${badge.state}`),
    due,
  })
  return (
    <span class={`sla-badge sla-${badge.state}`} data-testid="sla-badge" data-state={badge.state} data-target={badge.target} title={time.full(badge.dueAt)}>
      <span aria-hidden="true">{SLA_SYMBOL[badge.state]} </span>
      {compact ? (
        <>
          <span aria-hidden="true">{t('sla.compact', { state: t(`sla.state.${badge.state}`), due })}</span>
          <span class="visually-hidden">{text}</span>
        </>
      ) : (
        text
      )}
    </span>
  )
}
