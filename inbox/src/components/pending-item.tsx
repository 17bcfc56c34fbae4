/** A reply the server has not confirmed yet; it is replaced by the stored message once confirmed. */
import type { PendingMessage } from '../../../ui-kit/message-timeline.js'
import { errorText } from '../api/error-text.js'
import { useI18n } from '../i18n/i18n-context.js'

interface Props {
  pending: PendingMessage
  isPrivate: boolean
  failure: unknown
  authorName: string
  onRetry: (clientId: string) => void
}

export function PendingItem({ pending, isPrivate, failure, authorName, onRetry }: Props) {
  const { t, time } = useI18n()
  const failed = pending.state === 'failed'
  const reason = failure !== undefined ? errorText(failure, t) : (pending.error ?? '')
  return (
    <li
      class={`message outbound pending${isPrivate ? ' note' : ''}${failed ? ' failed' : ''}`}
      data-testid="message-pending"
      data-client-id={pending.clientId}
      data-direction="outbound"
    >
      <div class="bubble">
        {isPrivate && <p class="note-label">{t('message.privateNote')}</p>}
        <p class="sender">{authorName}</p>
        <p class="body">{pending.body}</p>
        <p class="message-meta">
          <time dateTime={pending.createdAt}>{time.clock(pending.createdAt)}</time>
          {failed ? (
            <span class="delivery delivery-failed" role="alert">
              {t('delivery.notSent', { reason })}{' '}
              <button type="button" class="link-button" onClick={() => onRetry(pending.clientId)}>
                {t('error.retry')}
              </button>
            </span>
          ) : (
            <span class="delivery delivery-sending">{t('delivery.sending')}</span>
          )}
        </p>
      </div>
    </li>
  )
}
