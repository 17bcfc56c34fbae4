/**
 * Under a reply that failed because the reply window closed: the way out. The button stays
 * focusable while the request is out (aria-disabled, not disabled) so keyboard focus is not lost;
 * once sent, focus moves to the confirmation that replaces it.
 */
import { useEffect, useRef } from 'preact/hooks'
import { templateResendErrorText } from '../api/template-error-text.js'
import type { TemplateResender } from '../hooks/use-template-resend.js'
import { useI18n } from '../i18n/i18n-context.js'

export function TemplateResend({ messageId, resender }: { messageId: string; resender: TemplateResender }) {
  const { t } = useI18n()
  const state = resender.stateOf(messageId)
  const button = useRef<HTMLButtonElement>(null)
  const done = useRef<HTMLSpanElement>(null)
  const hadFocus = useRef(false)

  useEffect(() => {
    if (state?.phase === 'done' && hadFocus.current) done.current?.focus()
  }, [state?.phase])

  if (state?.phase === 'done') {
    return (
      <p class="template-resend">
        <span ref={done} tabIndex={-1} class="template-resend-done" data-testid="template-resent">
          {t('template.resent')}
        </span>
      </p>
    )
  }
  const pending = state?.phase === 'pending'
  return (
    <p class="template-resend">
      <button
        ref={button}
        type="button"
        class="button"
        data-testid="resend-as-template"
        aria-disabled={pending}
        aria-busy={pending}
        onClick={() => {
          if (pending) return
          hadFocus.current = document.activeElement === button.current
          resender.resend(messageId)
        }}
      >
        {pending ? t('template.resending') : t('template.resend')}
      </button>
      {state?.phase === 'failed' && (
        <span class="template-resend-error" data-testid="template-resend-error">
          {t('template.failed', { reason: templateResendErrorText(state.error, t) })}
        </span>
      )}
    </p>
  )
}

/** The polite live region that reports how the latest re-send went. */
export function TemplateResendStatus({ resender }: { resender: TemplateResender }) {
  const { t } = useI18n()
  const { outcome } = resender
  const text =
    outcome === null ? '' : outcome.phase === 'done' ? t('template.resent') : t('template.failed', { reason: templateResendErrorText(outcome.error, t) })
  return (
    <p class="visually-hidden" role="status" aria-live="polite" data-testid="template-resend-status">
      {text}
    </p>
  )
}
