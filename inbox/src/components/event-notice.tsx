/**
 * A centred line for things that happened rather than were said: menu clicks, QR scans, and what
 * routing and staff did (assigned, transferred…), the latter worded in the agent's language.
 */
import type { MessageDto } from '../../../server/presenters/dto.js'
import { useQueueName } from '../hooks/use-queues.js'
import { useI18n } from '../i18n/i18n-context.js'
import { eventNotice } from '../state/event-notice.js'
import { formatInZone } from '../state/snooze.js'
import { timelineEventText } from '../state/timeline-event.js'

export function EventNotice({ message }: { message: MessageDto }) {
  const { t, time, language } = useI18n()
  const queueName = useQueueName()
  const routing = timelineEventText(message, t, queueName, (iso) => formatInZone(iso, language))
  const notice = routing !== null ? null : message.type === 'event' ? eventNotice(message.body) : { kind: 'other' as const, detail: message.body }
  const label = notice?.kind === 'menu' ? t('event.menu') : notice?.kind === 'qr' ? t('event.qr') : null
  const text = routing ?? (label === null ? notice?.detail : notice?.detail ? t('event.withDetail', { label, detail: notice.detail }) : label)
  return (
    <li
      data-testid="message"
      data-seq={message.seq}
      data-direction={message.direction}
      data-event={routing !== null ? message.event?.name : notice?.kind}
      class="message event"
    >
      <span>{text}</span> <time dateTime={message.createdAt}>{time.clock(message.createdAt)}</time>
    </li>
  )
}
