/** Staff switch between views; the current one is marked for assistive tech too. */
import type { MessageKey } from '../i18n/en.js'
import { useI18n } from '../i18n/i18n-context.js'
import type { View } from '../state/views.js'

export type { View } from '../state/views.js'

const LABELS: Record<View, MessageKey> = {
  conversations: 'nav.conversations',
  'work-orders': 'nav.workOrders',
  wallboard: 'nav.wallboard',
  channels: 'nav.channels',
  settings: 'nav.settings',
}

export function ViewNav({ views, view, onChange }: { views: readonly View[]; view: View; onChange: (view: View) => void }) {
  const { t } = useI18n()
  return (
    <nav class="view-nav" aria-label={t('nav.label')}>
      {views.map((item) => (
        <button
          key={item}
          type="button"
          class={`view-nav-item${item === view ? ' current' : ''}`}
          aria-current={item === view ? 'page' : undefined}
          data-testid={`nav-${item}`}
          onClick={() => onChange(item)}
        >
          {t(LABELS[item])}
        </button>
      ))}
    </nav>
  )
}
