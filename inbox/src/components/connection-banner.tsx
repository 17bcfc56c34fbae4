/**
 * Always in the DOM so screen readers announce changes (a live region added
 * together with its text is often missed). Empty, and so invisible, while connected.
 */
import type { ConnectionState } from '../../../ui-kit/reconnecting-socket.js'
import { useI18n } from '../i18n/i18n-context.js'

export function ConnectionBanner({ state }: { state: ConnectionState }) {
  const { t } = useI18n()
  const text = state === 'reconnecting' ? t('connection.reconnecting') : state === 'closed' ? t('connection.closed') : ''
  return (
    <div role="status" class={`connection-banner${text ? ' visible' : ''}`} data-testid="connection-state" data-state={state}>
      {text}
    </div>
  )
}
