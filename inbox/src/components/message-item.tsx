import type { ContactDto, MessageDto } from '../../../server/presenters/dto.js'
import type { TemplateResender } from '../hooks/use-template-resend.js'
import { useI18n } from '../i18n/i18n-context.js'
import { canResendAsTemplate } from '../state/failure-reason.js'
import { AttachmentList } from './attachment-list.js'
import { DeliveryStatus } from './delivery-status.js'
import { EventNotice } from './event-notice.js'
import { MailFormatting, MailSubject } from './mail-content.js'
import { TemplateResend } from './template-resend.js'

function useSenderName(message: MessageDto, contact: ContactDto): string {
  const { t } = useI18n()
  if (message.sender.type === 'contact') return message.sender.name || contact.name
  if (message.sender.type === 'bot') return message.sender.name || t('message.bot')
  if (message.sender.type === 'system') return t('message.system')
  return message.sender.name || t('message.agent')
}

interface Props {
  message: MessageDto
  contact: ContactDto
  /** Whether this conversation's channel can send provider templates. */
  channelSendsTemplates: boolean
  resender: TemplateResender
}

export function MessageItem({ message, contact, channelSendsTemplates, resender }: Props) {
  const { t, time } = useI18n()
  const sender = useSenderName(message, contact)

  // Events (assigned, resolved, menu clicks…) are part of the record but not anyone's words.
  if (message.type === 'event' || message.sender.type === 'system') return <EventNotice message={message} />

  const classes = ['message', message.direction, message.private ? 'note' : '', message.status === 'failed' ? 'failed' : ''].filter(Boolean).join(' ')
  return (
    <li data-testid="message" data-seq={message.seq} data-direction={message.direction} class={classes}>
      <div class="bubble">
        {message.private && <p class="note-label">{t('message.privateNote')}</p>}
        <p class="sender">{sender}</p>
        <MailSubject message={message} />
        {message.body && <p class="body">{message.body}</p>}
        <MailFormatting message={message} />
        <AttachmentList message={message} />
        <p class="message-meta">
          {message.sentAsTemplate && (
            <span class="template-tag" data-testid="template-tag">
              {t('message.templateTag')}
            </span>
          )}
          <time dateTime={message.createdAt} title={time.full(message.createdAt)}>
            {time.clock(message.createdAt)}
          </time>
          {message.direction === 'outbound' && !message.private && <DeliveryStatus status={message.status} reason={message.statusReason} />}
        </p>
        {canResendAsTemplate(message, channelSendsTemplates) && <TemplateResend messageId={message.id} resender={resender} />}
      </div>
    </li>
  )
}
