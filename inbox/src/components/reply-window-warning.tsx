/**
 * Above the composer on channels with a reply window (WeChat: 48 h after the citizen's last
 * message): says when free-form replies will fail, and counts down the window's last hours.
 * The countdown ticks silently (aria-live="off") so screen readers are not interrupted every minute.
 */
import type { ChannelCapabilities } from '../api/inbox-api.js'
import { useNow } from '../hooks/use-now.js'
import { useI18n } from '../i18n/i18n-context.js'
import { replyWindow } from '../state/reply-window.js'
import { formatWaiting, splitDuration } from '../state/waiting-time.js'

interface Props {
  lastInboundAt: string | null | undefined
  capabilities: ChannelCapabilities | undefined
}

export function ReplyWindowWarning({ lastInboundAt, capabilities }: Props) {
  const { t, time } = useI18n()
  const now = useNow(30_000)
  const hours = capabilities?.replyWindowHours ?? null
  const status = replyWindow(lastInboundAt, hours, now)
  // Always rendered, so the status region exists before its text changes.
  return (
    <div
      id="reply-window-warning"
      class={`reply-window${status.state === 'closed' ? ' closed' : ''}`}
      role="status"
      data-testid="reply-window-warning"
      data-state={status.state}
    >
      {status.state === 'closed' && (
        <p>
          {t('replyWindow.closed', { hours: hours ?? '' })}
          {capabilities?.templates && ` ${t('replyWindow.templateHint')}`}
        </p>
      )}
      {status.state === 'closing' && (
        <p>
          {t('replyWindow.closing', { hours: hours ?? '', time: time.clock(new Date(status.closesAtMs).toISOString()) })}{' '}
          <strong aria-live="off">{t('replyWindow.remaining', { duration: formatWaiting(splitDuration(status.remainingMs), t) })}</strong>
        </p>
      )}
    </div>
  )
}
