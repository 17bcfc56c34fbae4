/**
 * Live regions other than the transcript. Each is always in the DOM (a region that
 * appears together with its text is often not announced) and each says one kind of
 * thing, so nothing is announced twice: connection and typing are `status`, errors
 * are `alert`, and "message sent" is a visually hidden `status`.
 */
import { format } from '../../../ui-kit/i18n.js'
import type { FrameStrings } from '../i18n/catalogues.js'
import type { ClientState } from './chat-client.js'
import type { SessionStatus } from './use-session.js'

export function connectionText(session: SessionStatus, state: ClientState, t: FrameStrings): string {
  if (session === 'unavailable') return ''
  if (session === 'retrying') return t.errorSession
  if (session !== 'ready') return t.connecting
  switch (state) {
    case 'ready':
      return ''
    case 'reconnecting':
      return t.reconnecting
    case 'closed':
      return t.disconnected
    default:
      return t.connecting
  }
}

export function ConnectionStatus({ text }: { text: string }) {
  return (
    <div role="status" class={text ? 'connection' : 'connection is-empty'}>
      {text}
    </div>
  )
}

export function TypingStatus({ typing, t }: { typing: { name?: string } | null; t: FrameStrings }) {
  const text = typing ? (typing.name ? format(t.typingNamed, { name: typing.name }) : t.typing) : ''
  return (
    <div role="status" class="typing">
      {text && <span class="typing-dots" aria-hidden="true" />}
      {text}
    </div>
  )
}

/** "You are number 3 in line (about 4 minutes)": polite, so a moving line does not interrupt a screen reader. */
export function QueueStatus({ queue, t }: { queue: { position: number; expectedWaitSeconds: number | null } | null; t: FrameStrings }) {
  let text = ''
  if (queue) {
    const minutes = queue.expectedWaitSeconds === null ? null : Math.max(1, Math.round(queue.expectedWaitSeconds / 60))
    text =
      minutes === null
        ? format(t.queuePosition, { position: String(queue.position) })
        : format(t.queuePositionWait, { position: String(queue.position), minutes: String(minutes) })
  }
  return (
    <div role="status" class={text ? 'queue-status' : 'queue-status is-empty'} data-testid="queue-status">
      {text}
    </div>
  )
}

export function ErrorAlert({ text }: { text: string | null }) {
  return (
    <div role="alert" class={text ? 'alert' : 'alert is-empty'}>
      {text}
    </div>
  )
}

/** Re-keyed per acked message so the same words are announced again for the next message. */
export function SentAnnouncer({ clientId, t }: { clientId: string | null; t: FrameStrings }) {
  return (
    <div role="status" class="sr-only">
      {clientId && <span key={clientId}>{t.messageSent}</span>}
    </div>
  )
}
