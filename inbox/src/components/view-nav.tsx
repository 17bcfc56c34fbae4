/** Admins switch between the conversations and the channel-status view; the current one is marked for assistive tech too. */
import { useI18n } from '../i18n/i18n-context.js'

export type View = 'conversations' | 'channels'

const VIEWS: readonly View[] = ['conversations', 'channels']

export function ViewNav({ view, onChange }: { view: View; onChange: (view: View) => void }) {
  const { t } = useI18n()
  return (
    <nav class="view-nav" aria-label={t('nav.label')}>
      {VIEWS.map((item) => (
        <button
          key={item}
          type="button"
          class={`view-nav-item${item === view ? ' current' : ''}`}
          aria-current={item === view ? 'page' : undefined}
          data-testid={`nav-${item}`}
          onClick={() => onChange(item)}
        >
          {item === 'channels' ? t('nav.channels') : t('nav.conversations')}
        </button>
      ))}
    </nav>
  )
}
