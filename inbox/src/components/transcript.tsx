/**
 * The message history, grouped by day. Scrolling follows new messages only while
 * the agent is already at the bottom; loading earlier messages keeps the message
 * they were reading in place instead of jumping.
 */
import { useLayoutEffect, useRef } from 'preact/hooks'
import type { ContactDto } from '../../../server/presenters/dto.js'
import type { TimelineEntry } from '../../../ui-kit/message-timeline.js'
import type { ReplySender } from '../hooks/use-reply-sender.js'
import type { TemplateResender } from '../hooks/use-template-resend.js'
import { useI18n } from '../i18n/i18n-context.js'
import { dayKind } from '../i18n/time-format.js'
import { groupByDay } from '../state/day-groups.js'
import { MessageItem } from './message-item.js'
import { PendingItem } from './pending-item.js'

const NEAR_BOTTOM_PX = 80

interface Props {
  entries: TimelineEntry[]
  contact: ContactDto
  authorName: string
  hasEarlier: boolean
  loadingEarlier: boolean
  onLoadEarlier: () => void
  sender: ReplySender
  channelSendsTemplates: boolean
  resender: TemplateResender
}

const entryTime = (entry: TimelineEntry) => (entry.kind === 'message' ? entry.message.createdAt : entry.pending.createdAt)
const entryKey = (entry: TimelineEntry) => (entry.kind === 'message' ? `m${entry.message.seq}` : `p${entry.pending.clientId}`)

export function Transcript({ entries, contact, authorName, hasEarlier, loadingEarlier, onLoadEarlier, sender, channelSendsTemplates, resender }: Props) {
  const { t, time } = useI18n()
  const attachmentLabel = (attachment: { name?: string } | undefined) => (attachment ? attachment.name || t('message.attachment') : undefined)
  const scroller = useRef<HTMLDivElement>(null)
  const atBottom = useRef(true)
  const anchor = useRef<{ seq: number; offset: number } | null>(null)
  const lastKey = useRef<string | null>(null)
  const now = new Date()

  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    const last = entries.at(-1)
    const newLastKey = last ? entryKey(last) : null
    // The agent's own new reply is always brought into view, wherever they had scrolled.
    if (last?.kind === 'pending' && newLastKey !== lastKey.current) atBottom.current = true
    lastKey.current = newLastKey
    const held = anchor.current
    if (held) {
      const target = element.querySelector<HTMLElement>(`[data-seq="${held.seq}"]`)
      if (target) element.scrollTop = target.offsetTop - held.offset
      if (!loadingEarlier) anchor.current = null
    } else if (atBottom.current) {
      element.scrollTop = element.scrollHeight
    }
  }, [entries, loadingEarlier])

  const loadEarlier = () => {
    const element = scroller.current
    const first = element?.querySelector<HTMLElement>('[data-seq]')
    if (element && first) anchor.current = { seq: Number(first.dataset.seq), offset: first.offsetTop - element.scrollTop }
    onLoadEarlier()
  }

  const dayLabel = (day: string, at: string) => {
    const kind = dayKind(day, now)
    return kind === 'today' ? t('day.today') : kind === 'yesterday' ? t('day.yesterday') : time.day(at)
  }

  return (
    <div
      ref={scroller}
      class="transcript"
      role="log"
      aria-label={t('transcript.label', { name: contact.name })}
      // Focusable so keyboard users can scroll the history with arrow keys.
      tabIndex={0}
      onScroll={(event) => {
        const element = event.currentTarget
        atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX
      }}
    >
      {hasEarlier ? (
        <button type="button" class="button subtle load-earlier" data-testid="load-earlier" onClick={loadEarlier} aria-busy={loadingEarlier}>
          {loadingEarlier ? t('app.loading') : t('transcript.loadEarlier')}
        </button>
      ) : (
        <p class="transcript-start">{entries.length ? t('transcript.start') : t('transcript.empty')}</p>
      )}
      {groupByDay(entries, entryTime).map((group) => (
        <section key={group.day} class="day-group" aria-label={dayLabel(group.day, group.firstAt)}>
          <h3 class="day-heading">
            <span>{dayLabel(group.day, group.firstAt)}</span>
          </h3>
          <ol class="messages">
            {group.items.map((entry) =>
              entry.kind === 'message' ? (
                <MessageItem
                  key={entryKey(entry)}
                  message={entry.message}
                  contact={contact}
                  channelSendsTemplates={channelSendsTemplates}
                  resender={resender}
                />
              ) : (
                <PendingItem
                  key={entryKey(entry)}
                  pending={entry.pending}
                  isPrivate={sender.isPrivate(entry.pending.clientId)}
                  failure={sender.failureOf(entry.pending.clientId)}
                  authorName={authorName}
                  attachmentName={attachmentLabel(sender.attachmentOf(entry.pending.clientId))}
                  onRetry={sender.retry}
                />
              ),
            )}
          </ol>
        </section>
      ))}
    </div>
  )
}
