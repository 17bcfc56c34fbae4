/**
 * In a voice conversation: "Take next caller", which calls the line's TwiML App to dequeue the
 * longest-waiting caller of the conversation's call queue. Twilio's queue is first in, first out,
 * so the hint says plainly that the caller may not be this citizen.
 */
import { useMemo } from 'preact/hooks'
import type { ConversationDto, MessageDto } from '../../../server/presenters/dto.js'
import type { TimelineEntry } from '../../../ui-kit/message-timeline.js'
import { useSoftphone } from '../hooks/use-softphone.js'
import { useI18n } from '../i18n/i18n-context.js'
import { callQueueFor, type Softphone } from '../phone/softphone.js'

interface Props {
  softphone: Softphone
  conversation: ConversationDto
  entries: readonly TimelineEntry[]
}

export function VoiceCallBar({ softphone, conversation, entries }: Props) {
  const { t } = useI18n()
  const state = useSoftphone(softphone)
  const line = 'line' in state ? state.line : null
  const messages = useMemo(() => entries.flatMap((entry): MessageDto[] => (entry.kind === 'message' ? [entry.message] : [])), [entries])
  const queue = line ? callQueueFor(conversation.queue, messages, line.callQueues) : null
  const otherLine = line !== null && line.channelId !== conversation.channel
  const ready = state.status === 'ready' && !otherLine

  let hint: string
  if (otherLine) hint = t('phone.otherLine')
  else if (state.status === 'dialing' || state.status === 'in-call') hint = t('phone.busy')
  else if (state.status !== 'ready') hint = t('phone.needPhone')
  else hint = queue ? t('phone.takeNextQueue', { queue }) : t('phone.takeNextDefault')

  return (
    <section class="voice-call-bar" aria-label={t('phone.callBar')} data-testid="voice-call-bar">
      <button
        type="button"
        class="button primary"
        data-phone-take
        data-testid="take-next-caller"
        disabled={!ready}
        aria-describedby="take-next-caller-hint"
        onClick={() => void softphone.takeNextCaller(queue)}
      >
        {t('phone.takeNext')}
      </button>
      <p id="take-next-caller-hint" class="voice-call-hint">
        {hint}
      </p>
    </section>
  )
}
