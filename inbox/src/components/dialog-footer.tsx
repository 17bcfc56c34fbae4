/** A work-order dialog's last lines: the refusal (role=alert, read out when it appears), then Cancel and the action. */
import { useI18n } from '../i18n/i18n-context.js'

interface Props {
  error: string | null
  errorTestId: string
  pending: boolean
  submitLabel: string
  pendingLabel: string
  submitTestId: string
  onCancel: () => void
}

export function DialogFooter({ error, errorTestId, pending, submitLabel, pendingLabel, submitTestId, onCancel }: Props) {
  const { t } = useI18n()
  return (
    <>
      {error && (
        <p class="form-error" role="alert" data-testid={errorTestId}>
          {error}
        </p>
      )}
      <div class="dialog-actions">
        <button type="button" class="button" onClick={onCancel}>
          {t('workOrder.dialog.cancel')}
        </button>
        <button type="submit" class="button primary" data-testid={submitTestId}>
          {pending ? pendingLabel : submitLabel}
        </button>
      </div>
    </>
  )
}
