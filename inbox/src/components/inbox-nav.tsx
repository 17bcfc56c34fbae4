/**
 * The list's views: Mine, Unassigned, each queue I work (by name), All. The current one is
 * aria-current; an unread count is shown as a number and read as words.
 */
import { useI18n } from '../i18n/i18n-context.js'
import { type InboxView, type ViewCounts, viewCount, viewKey } from '../state/inbox-views.js'

interface Props {
  views: readonly InboxView[]
  current: InboxView
  counts: ViewCounts | null
  queueName: (id: string) => string
  onSelect: (view: InboxView) => void
}

export function InboxNav({ views, current, counts, queueName, onSelect }: Props) {
  const { t } = useI18n()
  const currentKey = viewKey(current)
  const name = (view: InboxView) => {
    if (view.kind === 'queue') return queueName(view.queue)
    return t(view.kind === 'mine' ? 'views.mine' : view.kind === 'unassigned' ? 'views.unassigned' : 'views.all')
  }
  return (
    <nav class="inbox-views" aria-label={t('views.label')}>
      <ul>
        {views.map((view) => {
          const key = viewKey(view)
          const count = viewCount(view, counts)
          return (
            <li key={key}>
              <button
                type="button"
                class={`inbox-view${key === currentKey ? ' current' : ''}`}
                aria-current={key === currentKey ? 'true' : undefined}
                data-testid={`inbox-view-${key}`}
                onClick={() => onSelect(view)}
              >
                <span class="inbox-view-name">{name(view)}</span>
                {count !== null && count > 0 && (
                  <span class="count-badge" data-testid="view-count">
                    <span aria-hidden="true">{count > 99 ? '99+' : count}</span>
                    <span class="visually-hidden">{t('views.unread', { count })}</span>
                  </span>
                )}
              </button>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
