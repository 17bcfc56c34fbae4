/**
 * An email's subject, and its formatting on request. The HTML was sanitized by the hub; it is
 * still shown in a sandboxed frame (no scripts, its own origin, a CSP that loads nothing from
 * the network but allowed images), so a mail can never restyle or script the inbox.
 */
import { useState } from 'preact/hooks'
import type { MessageDto } from '../../../server/presenters/dto.js'
import { useI18n } from '../i18n/i18n-context.js'

const FRAME_POLICY = "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; font-src data:"

export function mailFrameDocument(html: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${FRAME_POLICY}"><base target="_blank"><style>body{font:14px/1.5 system-ui,sans-serif;margin:8px;color:#1f2328;overflow-wrap:anywhere}img{max-width:100%;height:auto}</style></head><body>${html}</body></html>`
}

export function MailSubject({ message }: { message: MessageDto }) {
  const { t } = useI18n()
  if (!message.mail?.subject) return null
  return (
    <p class="mail-subject" data-testid="mail-subject">
      <span class="visually-hidden">{t('mail.subject')}: </span>
      {message.mail.subject}
    </p>
  )
}

export function MailFormatting({ message }: { message: MessageDto }) {
  const { t } = useI18n()
  const [shown, setShown] = useState(false)
  const html = message.mail?.html
  if (!html) return null
  return (
    <div class="mail-formatting">
      <button type="button" class="link-button" aria-expanded={shown} onClick={() => setShown(!shown)}>
        {shown ? t('mail.hideFormatted') : t('mail.showFormatted')}
      </button>
      {shown && (
        <iframe class="mail-frame" title={t('mail.formattedTitle')} sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc={mailFrameDocument(html)} />
      )}
    </div>
  )
}
