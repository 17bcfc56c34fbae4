/**
 * Sentences for what routing and staff did to a conversation (assigned, transferred, reassigned,
 * status changed, snoozed, woke from snooze, SLA at risk or breached, contact merged or split),
 * in the agent's language. The hub records these as private
 * event messages whose body is English; the inbox words them itself from the event's name, the
 * actor (the message's sender; `system` means automatic routing) and whichever details the hub
 * sends, falling back to the body for events it does not know.
 */
import type { MessageDto } from '../../../server/presenters/dto.js'
import type { MessageKey } from '../i18n/en.js'
import type { Translate } from '../i18n/languages.js'

/**
 * Details the hub records with each event: `queue` next to the name, the rest in `event.details`
 * (older hubs sent none; the sentences then stay general).
 */
interface EventDetails {
  name: string
  queue?: string
  assigneeName?: string
  toName?: string
  toQueue?: string
  reason?: string
  to?: string
  target?: string
  dueAt?: string
  contactName?: string
  snoozedUntil?: string
}

export const TIMELINE_EVENTS = [
  'conversation.assigned',
  'conversation.unassigned',
  'conversation.transferred',
  'conversation.reassigned',
  'conversation.status',
  'conversation.woke',
  'sla.at_risk',
  'sla.breached',
  'contact.merged',
  'contact.unmerged',
] as const
export type TimelineEventName = (typeof TIMELINE_EVENTS)[number]

export function isTimelineEvent(name: string | undefined): name is TimelineEventName {
  return (TIMELINE_EVENTS as readonly (string | undefined)[]).includes(name)
}

const STATUS_KEYS: Record<string, MessageKey> = {
  open: 'status.open',
  pending: 'status.pending',
  snoozed: 'status.snoozed',
  resolved: 'status.resolved',
}

/** The localized sentence, or null when the message is not a routing event (the caller shows the body). */
export function timelineEventText(
  message: Pick<MessageDto, 'event' | 'sender' | 'body'>,
  t: Translate,
  queueName: (id: string) => string = (id) => id,
  formatTime: (iso: string) => string = (iso) => iso,
): string | null {
  const raw = message.event as (EventDetails & { details?: Record<string, string> }) | undefined
  if (!raw || !isTimelineEvent(raw.name)) return null
  const event: EventDetails = { ...raw.details, ...raw }
  const actor = message.sender.type === 'system' ? null : message.sender.name || t('message.agent')
  const string = (value: unknown) => (typeof value === 'string' && value ? value : null)
  const assignee = string(event.assigneeName)
  const queue = string(event.queue)

  switch (raw.name) {
    case 'conversation.assigned':
      if (actor) return assignee ? t('timeline.assignedBy', { actor, assignee }) : t('timeline.assignedByAnonymous', { actor })
      if (assignee) return t('timeline.assignedAuto', { assignee })
      return queue ? t('timeline.assignedAutoQueue', { queue: queueName(queue) }) : t('timeline.assignedAutoAnonymous')
    case 'conversation.unassigned':
      return actor ? t('timeline.unassignedBy', { actor }) : t('timeline.unassigned')
    case 'conversation.transferred': {
      const who = actor ?? t('message.system')
      const toName = string(event.toName)
      if (toName) return t('timeline.transferredToAgent', { actor: who, target: toName })
      const toQueue = string(event.toQueue)
      if (toQueue) return t('timeline.transferredToQueue', { actor: who, queue: queueName(toQueue) })
      return t('timeline.transferred', { actor: who })
    }
    case 'conversation.reassigned': {
      const reason = event.reason === 'no_answer' ? t('timeline.reasonNoAnswer') : event.reason === 'assignee_offline' ? t('timeline.reasonOffline') : null
      const back = queue ? t('timeline.backInQueueNamed', { queue: queueName(queue) }) : t('timeline.backInQueue')
      return reason ? t('timeline.reassignedBecause', { reason, back }) : back
    }
    case 'conversation.status': {
      const statusKey = STATUS_KEYS[string(event.to) ?? '']
      const who = actor ?? t('message.system')
      const until = string(event.snoozedUntil)
      if (event.to === 'snoozed' && until) return t('timeline.snoozedUntil', { actor: who, time: formatTime(until) })
      return statusKey ? t('timeline.statusSet', { actor: who, status: t(statusKey) }) : t('timeline.statusChanged', { actor: who })
    }
    case 'conversation.woke':
      return t('timeline.woke')
    case 'sla.at_risk':
    case 'sla.breached': {
      const target = t(event.target === 'resolution' ? 'sla.target.resolution' : 'sla.target.firstResponse')
      const state = t(event.name === 'sla.breached' ? 'sla.state.breached' : 'sla.state.at_risk')
      const due = string(event.dueAt)
      return due ? t('timeline.slaDue', { target, state, time: formatTime(due) }) : t('timeline.sla', { target, state })
    }
    case 'contact.merged':
    case 'contact.unmerged': {
      const who = actor ?? t('message.system')
      const name = string(event.contactName)
      if (event.name === 'contact.unmerged') return name ? t('timeline.unmergedNamed', { actor: who, name }) : t('timeline.unmerged', { actor: who })
      return name ? t('timeline.mergedNamed', { actor: who, name }) : t('timeline.merged', { actor: who })
    }
  }
}
