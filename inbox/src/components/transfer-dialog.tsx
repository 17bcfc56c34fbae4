/**
 * Hands the open conversation to a colleague of its queue or to another queue, with an optional
 * note that the hub keeps as a private note for whoever takes over. Refusals are explained in
 * words; the dialog stays open so the agent can pick another target.
 */
import type { JSX } from 'preact'
import { useRef, useState } from 'preact/hooks'
import type { ConversationDto, UserDto } from '../../../server/presenters/dto.js'
import { errorText } from '../api/error-text.js'
import { api } from '../api/inbox-api.js'
import { useQueueAgents } from '../hooks/use-queue-agents.js'
import { useI18n } from '../i18n/i18n-context.js'
import { type TransferTarget, transferAgents, transferErrorText, transferQueues } from '../state/transfer.js'
import { ModalDialog } from './modal-dialog.js'

interface Props {
  conversation: ConversationDto
  contactName: string
  user: UserDto
  /** Queue ids the inbox knows of (channels' queues, the user's own). */
  knownQueues: readonly string[]
  queueName: (id: string) => string
  onTransferred: (conversation: ConversationDto) => void
  onClose: () => void
}

type Mode = 'agent' | 'queue'

export function TransferDialog({ conversation, contactName, user, knownQueues, queueName, onTransferred, onClose }: Props) {
  const { t, language } = useI18n()
  const loaded = useQueueAgents(conversation.queue)
  const agents = loaded.phase === 'ready' ? transferAgents(loaded.agents, [user.id, conversation.assignee?.id], language) : []
  const queues = transferQueues(knownQueues, conversation.queue)
  const [mode, setMode] = useState<Mode>('agent')
  const [agentId, setAgentId] = useState('')
  const [queue, setQueue] = useState('')
  const [note, setNote] = useState('')
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const busy = useRef(false)

  const submit = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (busy.current) return
    const target: TransferTarget | null = mode === 'agent' ? (agentId ? { toAgentId: agentId } : null) : queue ? { toQueue: queue } : null
    if (!target) {
      setError(t('transfer.pickTarget'))
      return
    }
    busy.current = true
    setPending(true)
    setError(null)
    try {
      const { conversation: after } = await api.transfer(conversation.id, target, note.trim() || undefined)
      onTransferred(after)
    } catch (failure) {
      setError(transferErrorText(failure, t))
    } finally {
      busy.current = false
      setPending(false)
    }
  }

  return (
    <ModalDialog labelId="transfer-title" title={t('transfer.title', { name: contactName })} onClose={onClose} testId="transfer-dialog">
      <form class="transfer-form" onSubmit={submit} aria-busy={pending}>
        <fieldset class="transfer-mode">
          <legend>{t('transfer.to')}</legend>
          <label>
            <input
              type="radio"
              name="transfer-mode"
              value="agent"
              checked={mode === 'agent'}
              data-testid="transfer-mode-agent"
              onChange={() => setMode('agent')}
            />
            {t('transfer.toAgent', { queue: queueName(conversation.queue) })}
          </label>
          <label>
            <input
              type="radio"
              name="transfer-mode"
              value="queue"
              checked={mode === 'queue'}
              data-testid="transfer-mode-queue"
              onChange={() => setMode('queue')}
            />
            {t('transfer.toQueue')}
          </label>
        </fieldset>

        {mode === 'agent' && (
          <div class="form-field">
            <label for="transfer-agent">{t('transfer.agent')}</label>
            {loaded.phase === 'loading' && <p role="status">{t('transfer.loadingAgents')}</p>}
            {loaded.phase === 'error' && <p class="form-error">{t('transfer.agentsError', { reason: errorText(loaded.error, t) })}</p>}
            {loaded.phase === 'ready' && agents.length === 0 && <p>{t('transfer.noAgents')}</p>}
            {loaded.phase === 'ready' && agents.length > 0 && (
              <select id="transfer-agent" data-testid="transfer-agent" value={agentId} onChange={(event) => setAgentId(event.currentTarget.value)}>
                <option value="">{t('transfer.chooseAgent')}</option>
                {agents.map((agent) => (
                  <option key={agent.id} value={agent.id} data-presence={agent.presence}>
                    {t('transfer.agentOption', { name: agent.name, presence: t(`presence.${agent.presence}`) })}
                  </option>
                ))}
              </select>
            )}
          </div>
        )}

        {mode === 'queue' && (
          <div class="form-field">
            <label for="transfer-queue">{t('transfer.queue')}</label>
            {queues.length === 0 ? (
              <p>{t('transfer.noQueues')}</p>
            ) : (
              <select id="transfer-queue" data-testid="transfer-queue" value={queue} onChange={(event) => setQueue(event.currentTarget.value)}>
                <option value="">{t('transfer.chooseQueue')}</option>
                {queues.map((id) => (
                  <option key={id} value={id}>
                    {queueName(id)}
                  </option>
                ))}
              </select>
            )}
          </div>
        )}

        <div class="form-field">
          <label for="transfer-note">{t('transfer.note')}</label>
          <textarea
            id="transfer-note"
            data-testid="transfer-note"
            rows={3}
            maxLength={4000}
            value={note}
            onInput={(event) => setNote(event.currentTarget.value)}
          />
        </div>

        {error && (
          <p class="form-error" role="alert" data-testid="transfer-error">
            {error}
          </p>
        )}

        <div class="dialog-actions">
          <button type="button" class="button" onClick={onClose}>
            {t('transfer.cancel')}
          </button>
          <button type="submit" class="button primary" data-testid="transfer-submit">
            {pending ? t('transfer.submitting') : t('transfer.submit')}
          </button>
        </div>
      </form>
    </ModalDialog>
  )
}
