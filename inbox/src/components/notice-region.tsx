/**
 * Toasts for mentions and new assignments. A polite live region (never an alert: the agent may be
 * mid-sentence with a citizen); each toast can open its conversation or be dismissed. The offer to
 * turn on desktop notifications is a button, so the browser's prompt only ever follows a click.
 */
import { useState } from 'preact/hooks'
import { type Notice, noticeText } from '../hooks/use-notices.js'
import { useI18n } from '../i18n/i18n-context.js'

interface Props {
  notices: Notice[]
  onOpen: (conversationId: string) => void
  onDismiss: (id: number) => void
}

export function NoticeRegion({ notices, onOpen, onDismiss }: Props) {
  const { t } = useI18n()
  return (
    <section class="notice-region" aria-label={t('notice.region')}>
      <div role="status" aria-live="polite">
        <ul data-testid="notices">
          {notices.map((notice) => (
            <li key={notice.id} class="notice" data-testid="notice" data-kind={notice.kind}>
              <span class="notice-text">{noticeText(notice, t)}</span>
              <button
                type="button"
                class="button subtle"
                onClick={() => {
                  onOpen(notice.conversationId)
                  onDismiss(notice.id)
                }}
              >
                {t('notice.open')}
              </button>
              <button
                type="button"
                class="button subtle"
                aria-label={t('notice.dismissLabel', { text: noticeText(notice, t) })}
                onClick={() => onDismiss(notice.id)}
              >
                {t('notice.dismiss')}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </section>
  )
}

type Permission = NotificationPermission | 'unsupported'

function currentPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission
}

/** Shown only while the browser has not been asked; disappears once the agent decides. */
export function NotificationOffer() {
  const { t } = useI18n()
  const [permission, setPermission] = useState<Permission>(currentPermission)
  if (permission !== 'default') return null
  return (
    <button
      type="button"
      class="button subtle"
      data-testid="enable-notifications"
      title={t('notice.enableHint')}
      onClick={() => {
        Notification.requestPermission()
          .then(setPermission)
          .catch(() => setPermission(currentPermission()))
      }}
    >
      {t('notice.enable')}
    </button>
  )
}
