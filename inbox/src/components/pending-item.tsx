/** A reply the server has not confirmed yet; it is replaced by the stored message once confirmed. */
import type { PendingMessage } from '../../../ui-kit/message-timeline.js'
import { attachmentErrorText } from '../api/attachment-error-text.js'
import { useI18n } from '../i18n/i18n-context.js'

interface Props {
  pending: PendingMessage
  isPrivate: boolean
  failure: unknown
  authorName: string
  /** The name of the file sent with it, if any (the stored message shows the file itself). */
  attachmentName?: string | undefined
  onRetry: (clientId: string) => void
}

export function PendingItem({ pending, isPrivate, failure, authorName, attachmentName, onRetry }: Props) {
  const { t, time, language } = useI18n()
  const failed = pending.state === 'failed'
  // Refusals of the file (409 on this channel, 413, 415) get sentences of their own.
  const reason = failure !== undefined ? attachmentErrorText(failure, t, language) : (pending.error ?? '')
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
        {pending.body && <p class="body">{pending.body}</p>}
        {attachmentName !== undefined && (
          <p class="pending-attachment" data-testid="pending-attachment">
            {t('attachment.pendingName', { name: attachmentName })}
          </p>
        )}
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
