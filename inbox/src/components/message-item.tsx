import type { ContactDto, MessageDto } from '../../../server/presenters/dto.js'
import { useI18n } from '../i18n/i18n-context.js'
import { DeliveryStatus } from './delivery-status.js'

function useSenderName(message: MessageDto, contact: ContactDto): string {
  const { t } = useI18n()
  if (message.sender.type === 'contact') return message.sender.name || contact.name
  if (message.sender.type === 'bot') return message.sender.name || t('message.bot')
  if (message.sender.type === 'system') return t('message.system')
  return message.sender.name || t('message.agent')
}

function Attachments({ message }: { message: MessageDto }) {
  const { t } = useI18n()
  if (message.attachments.length === 0 && !message.location) return null
  return (
    <ul class="attachments">
      {message.attachments.map((attachment) => (
        <li key={attachment.url}>
          {attachment.mimeType.startsWith('image/') ? (
            <a href={attachment.url} target="_blank" rel="noopener noreferrer">
              <img src={attachment.url} alt={attachment.name ?? t('message.attachment')} loading="lazy" />
            </a>
          ) : (
            <a href={attachment.url} target="_blank" rel="noopener noreferrer">
              {attachment.name ?? t('message.attachment')}
            </a>
          )}
        </li>
      ))}
      {message.location && (
        <li>
          {t('message.location')}: {message.location.label ?? `${message.location.latitude.toFixed(5)}, ${message.location.longitude.toFixed(5)}`}
        </li>
      )}
    </ul>
  )
}

export function MessageItem({ message, contact }: { message: MessageDto; contact: ContactDto }) {
  const { t, time } = useI18n()
  const sender = useSenderName(message, contact)
  const common = { 'data-testid': 'message', 'data-seq': message.seq, 'data-direction': message.direction }

  // Events (assigned, resolved…) are part of the record but not anyone's words.
  if (message.type === 'event' || message.sender.type === 'system') {
    return (
      <li {...common} class="message event">
        <span>{message.body}</span> <time dateTime={message.createdAt}>{time.clock(message.createdAt)}</time>
      </li>
    )
  }

  const classes = ['message', message.direction, message.private ? 'note' : ''].filter(Boolean).join(' ')
  return (
    <li {...common} class={classes}>
      <div class="bubble">
        {message.private && <p class="note-label">{t('message.privateNote')}</p>}
        <p class="sender">{sender}</p>
        {message.body && <p class="body">{message.body}</p>}
        <Attachments message={message} />
        <p class="message-meta">
          <time dateTime={message.createdAt} title={time.full(message.createdAt)}>
            {time.clock(message.createdAt)}
          </time>
          {message.direction === 'outbound' && !message.private && <DeliveryStatus status={message.status} reason={message.statusReason} />}
        </p>
      </div>
    </li>
  )
}
