import type { ConversationDto } from '../../../server/presenters/dto.js'
import { useI18n } from '../i18n/i18n-context.js'
import { rowSlaBadge } from '../state/sla.js'
import { formatWaiting, waitingTime } from '../state/waiting-time.js'
import { ChannelBadge } from './channel-badge.js'
import { SlaBadge } from './sla-badge.js'

interface Props {
  conversation: ConversationDto
  channelName: string
  selected: boolean
  focusable: boolean
  now: number
  onOpen: (id: string) => void
}

export function ConversationRow({ conversation, channelName, selected, focusable, now, onOpen }: Props) {
  const { t, time } = useI18n()
  const { contact, lastMessage, unreadCount, assignee } = conversation
  const waiting = waitingTime(conversation.waitingSince, now)
  const waitingText = waiting ? t('row.waiting', { duration: formatWaiting(waiting, t) }) : null
  const at = lastMessage?.at ?? conversation.lastMessageAt
  const relative = at ? time.relative(at, now) : null
  const assigneeText = assignee ? t('row.assignee', { name: assignee.name }) : t('row.unassigned')
  const preview = lastMessage?.preview || t('row.noMessages')
  const sla = rowSlaBadge(conversation)
  return (
    <li
      id={`conversation-option-${conversation.id}`}
      role="option"
      aria-selected={selected}
      tabIndex={focusable ? 0 : -1}
      class={`conversation-row${selected ? ' selected' : ''}${unreadCount > 0 ? ' unread' : ''}`}
      data-testid="conversation-row"
      data-conversation-id={conversation.id}
      onClick={() => onOpen(conversation.id)}
    >
      <div class="row-line">
        <span class="row-name">{contact.name}</span>
        {at && relative && (
          <time class="row-time" dateTime={at} title={time.full(at)}>
            {relative}
          </time>
        )}
      </div>
      <div class="row-line">
        <span class="row-preview">
          {lastMessage?.direction === 'outbound' && <span aria-hidden="true">↩ </span>}
          {preview}
        </span>
        {unreadCount > 0 && (
          <span class="unread-badge" data-testid="unread-badge">
            {/* The option's name comes from its text (WCAG 2.5.3): the number is shown, its meaning is read. */}
            <span aria-hidden="true">{unreadCount > 99 ? '99+' : unreadCount}</span>
            <span class="visually-hidden">{t('row.unread', { count: unreadCount })}</span>
          </span>
        )}
      </div>
      <div class="row-line row-meta">
        <ChannelBadge name={channelName} type={conversation.channelType} />
        {sla && <SlaBadge badge={sla} compact />}
        {conversation.labels.map((label) => (
          <span key={label} class={`row-label label-${label}`} data-testid="conversation-label">
            {label === 'callback' ? t('row.label.callback') : label}
          </span>
        ))}
        {waiting && waitingText && <span class={`row-waiting${waiting.overdue ? ' overdue' : ''}`}>{waitingText}</span>}
        <span class={`row-assignee${assignee ? '' : ' none'}`}>
          {assignee ? (
            <>
              <span aria-hidden="true">{assignee.name}</span>
              <span class="visually-hidden">{assigneeText}</span>
            </>
          ) : (
            t('row.unassigned')
          )}
        </span>
      </div>
    </li>
  )
}
