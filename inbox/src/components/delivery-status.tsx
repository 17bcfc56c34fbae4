/** Delivery state of an outbound message: a glyph for scanning, words for meaning. */
import type { MessageDto } from '../../../server/presenters/dto.js'
import { useI18n } from '../i18n/i18n-context.js'
import { failureReasonText } from '../state/failure-reason.js'

// Only glyphs every system font has: hotline desktops cannot be assumed to carry emoji fonts.
const GLYPHS: Record<MessageDto['status'], string> = { queued: '', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '!' }

export function DeliveryStatus({ status, reason }: { status: MessageDto['status']; reason?: string | undefined }) {
  const { t } = useI18n()
  const text = status === 'failed' && reason ? t('delivery.failedReason', { reason: failureReasonText(reason, t) }) : t(`delivery.${status}`)
  return (
    <span class={`delivery delivery-${status}`} data-testid="delivery-status" data-status={status} data-reason={status === 'failed' ? reason : undefined}>
      {GLYPHS[status] && <span aria-hidden="true">{GLYPHS[status]} </span>}
      {text}
    </span>
  )
}
