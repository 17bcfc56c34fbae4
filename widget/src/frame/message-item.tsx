/**
 * One message: sender in words (not only colour or side), time in a <time> element,
 * and for the visitor's own messages the delivery state and, when it failed, Retry.
 */
import type { FrameStrings } from '../i18n/catalogues.js'
import type { Lang } from '../i18n/languages.js'
import { formatTimestamp } from './format-time.js'
import type { MessageRow, OwnState } from './message-rows.js'
import { safeUrl } from './safe-url.js'

interface MessageItemProps {
  row: MessageRow
  lang: Lang
  t: FrameStrings
  onRetry: (clientId: string) => void
}

function senderLabel(row: MessageRow, t: FrameStrings): string {
  if (row.own) return t.you
  switch (row.sender.type) {
    case 'agent':
      return row.sender.name || t.agent
    case 'bot':
      return row.sender.name || t.bot
    default:
      return t.system
  }
}

const STATE_KEYS: Record<OwnState, keyof FrameStrings> = {
  sending: 'stateSending',
  sent: 'stateSent',
  delivered: 'stateDelivered',
  read: 'stateRead',
  failed: 'stateFailed',
}

export function MessageItem({ row, lang, t, onRetry }: MessageItemProps) {
  const kind = row.own ? 'own' : row.sender.type === 'system' || row.type === 'event' ? 'notice' : 'theirs'
  return (
    <div class={`message ${kind}`}>
      <p class="meta">
        <span class="sender">{senderLabel(row, t)}</span> <time dateTime={row.createdAt}>{formatTimestamp(row.createdAt, lang)}</time>
      </p>
      {row.body && <p class="bubble">{row.body}</p>}
      {row.attachments.map((attachment) => {
        const href = safeUrl(attachment.url, location.href)
        if (!href) return null
        const label = attachment.name || (attachment.mimeType.startsWith('image/') ? t.image : t.attachment)
        return (
          <a key={href} class="attachment" href={href} target="_blank" rel="noopener noreferrer">
            {attachment.mimeType.startsWith('image/') ? <img src={href} alt={label} loading="lazy" /> : label}
          </a>
        )
      })}
      {row.location && (
        <p class="bubble">
          {t.location}: {row.location.label ? `${row.location.label} ` : ''}({row.location.latitude.toFixed(5)}, {row.location.longitude.toFixed(5)})
        </p>
      )}
      {row.state && (
        <p class={`state state-${row.state}`}>
          {t[STATE_KEYS[row.state]]}
          {row.state === 'failed' && row.clientId && (
            <button type="button" class="retry" onClick={() => row.clientId && onRetry(row.clientId)}>
              {t.retry}
            </button>
          )}
        </p>
      )}
    </div>
  )
}
