import type { Ref } from 'preact'
import { useState } from 'preact/hooks'
import type { ContactDto, ConversationDto, ConversationStatus, UserDto } from '../../../server/presenters/dto.js'
import { errorText } from '../api/error-text.js'
import type { ConversationActions } from '../hooks/use-conversation-actions.js'
import { useI18n } from '../i18n/i18n-context.js'
import { slaTargets } from '../state/sla.js'
import { ChannelBadge } from './channel-badge.js'
import { ChipEditor } from './chip-editor.js'
import { SlaBadge } from './sla-badge.js'
import { SnoozeDialog } from './snooze-dialog.js'

const STATUSES: readonly ConversationStatus[] = ['open', 'pending', 'snoozed', 'resolved']

interface Props {
  conversation: ConversationDto
  contact: ContactDto
  channelName: string
  user: UserDto
  actions: ConversationActions
  onTransfer: () => void
  /** The contact panel as a drawer, for screens too narrow to show it beside the conversation. */
  contactOpen: boolean
  onToggleContact: () => void
  contactToggleRef: Ref<HTMLButtonElement>
}

export function ConversationHeader({ conversation, contact, channelName, user, actions, onTransfer, contactOpen, onToggleContact, contactToggleRef }: Props) {
  const { t } = useI18n()
  const [snoozing, setSnoozing] = useState(false)
  const sla = slaTargets(conversation)
  const mine = conversation.assignee?.id === user.id
  const supervises = user.role !== 'agent'
  const resolved = conversation.status === 'resolved'
  // The hub lets the assignee, supervisors and anyone of the queue (when nobody has it) pass it on.
  const mayTransfer = !resolved && (mine || supervises || conversation.assignee === null)

  return (
    <header class="conversation-header">
      <div class="conversation-title">
        <h2 id="conversation-heading">{contact.name}</h2>
        <p class="conversation-meta">
          <ChannelBadge name={channelName} type={conversation.channelType} />
          <span class={`status-pill status-${conversation.status}`}>{t(`status.${conversation.status}`)}</span>
          <span>{conversation.assignee ? t('row.assignee', { name: conversation.assignee.name }) : t('row.unassigned')}</span>
          {sla.map((badge) => (
            <SlaBadge key={badge.target} badge={badge} />
          ))}
        </p>
        <ChipEditor
          kind="label"
          values={conversation.labels}
          onChange={actions.setLabels}
          display={(label) => (label === 'callback' ? t('row.label.callback') : label)}
        />
      </div>
      <div class="conversation-actions" role="group" aria-label={t('conversation.actions')} aria-busy={actions.pending}>
        {/* One button that changes role, so keyboard focus survives the action. */}
        <button type="button" class="button" data-testid={mine ? 'unassign' : 'assign-me'} onClick={() => actions.assign(mine ? null : user.id)}>
          {mine ? t('conversation.unassign') : t('conversation.assignMe')}
        </button>
        {supervises && conversation.assignee && !mine && (
          <button type="button" class="button" data-testid="unassign-other" onClick={() => actions.assign(null)}>
            {t('conversation.unassign')}
          </button>
        )}
        {mayTransfer && (
          <button type="button" class="button" data-testid="transfer" aria-haspopup="dialog" onClick={onTransfer}>
            {t('transfer.open')}
          </button>
        )}
        {resolved ? (
          <button type="button" class="button" data-testid="reopen" onClick={() => actions.setStatus('open')}>
            {t('conversation.reopen')}
          </button>
        ) : (
          <button type="button" class="button primary" data-testid="resolve" onClick={() => actions.setStatus('resolved')}>
            {t('conversation.resolve')}
          </button>
        )}
        {!resolved && (
          <button type="button" class="button" data-testid="snooze" aria-haspopup="dialog" onClick={() => setSnoozing(true)}>
            {t('snooze.open')}
          </button>
        )}
        <label class="status-select">
          <span class="visually-hidden">{t('conversation.status')}</span>
          <select
            data-testid="status-select"
            value={conversation.status}
            onChange={(event) => {
              const next = event.currentTarget.value as ConversationStatus
              if (next !== conversation.status) actions.setStatus(next)
            }}
          >
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        {/* Shown only below 1180 px (CSS), where the contact panel does not fit beside the conversation. */}
        <button
          type="button"
          ref={contactToggleRef}
          class="button contact-toggle"
          aria-expanded={contactOpen}
          aria-controls="contact-panel"
          data-testid="contact-toggle"
          onClick={onToggleContact}
        >
          {t('contact.toggle')}
        </button>
      </div>
      {snoozing && <SnoozeDialog contactName={contact.name} onSnooze={actions.snooze} onClose={() => setSnoozing(false)} />}
      {actions.error != null && (
        <p class="action-error" role="alert">
          {errorText(actions.error, t)}
        </p>
      )}
    </header>
  )
}
