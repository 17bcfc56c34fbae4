/**
 * Admins' queue settings: a table of every queue with how it hands out conversations, when an
 * unanswered one moves on, and the skills its agents need; "Edit" opens a dialog. The hub applies
 * a change at once (a queue switched from manual to automatic hands out what waits).
 */
import type { JSX } from 'preact'
import { useState } from 'preact/hooks'
import { api } from '../api/inbox-api.js'
import { useResource } from '../hooks/use-resource.js'
import { useSave } from '../hooks/use-save.js'
import { useI18n } from '../i18n/i18n-context.js'
import { type AdminQueue, ASSIGNMENT_MODES, type AssignmentMode, MAX_REASSIGN_MINUTES, readSkills, wholeNumber, withItem } from '../state/settings.js'
import { ModalDialog } from './modal-dialog.js'
import { DialogButtons, EditButton, Field, SettingsSectionFrame, SettingsTable, SkillsField } from './settings-parts.js'

export function QueueSettingsSection({ queueName }: { queueName: (id: string) => string }) {
  const { t } = useI18n()
  const { state, reload, update } = useResource(async () => (await api.adminQueues()).queues)
  const [editing, setEditing] = useState<AdminQueue | null>(null)
  const [status, setStatus] = useState('')

  const onSaved = (queue: AdminQueue) => {
    update((queues) => withItem(queues, queue))
    setEditing(null)
    setStatus(t('settings.queues.saved', { queue: queueName(queue.id) }))
  }

  return (
    <SettingsSectionFrame
      id="queue-settings"
      title={t('settings.queues.title')}
      hint={t('settings.queues.hint')}
      state={state}
      onRetry={reload}
      status={status}
    >
      {(queues) => (
        <div class="settings-table-wrap">
          <SettingsTable
            testId="queue-settings"
            caption={t('settings.queues.title')}
            columns={[t('settings.queues.queue'), t('settings.queues.assignment'), t('settings.queues.reassign'), t('settings.queues.skills')]}
          >
            {queues.map((queue) => (
              <tr key={queue.id} data-testid="queue-settings-row" data-queue={queue.id}>
                <th scope="row">{queueName(queue.id)}</th>
                <td data-testid="queue-assignment">{t(`settings.mode.${queue.assignment}`)}</td>
                <td>{queue.reassignAfterMinutes === 0 ? t('settings.queues.never') : t('settings.minutes', { minutes: queue.reassignAfterMinutes })}</td>
                <td>{queue.skills.length > 0 ? queue.skills.join(', ') : t('settings.none')}</td>
                <td>
                  <EditButton label={t('settings.queues.editLabel', { queue: queueName(queue.id) })} testId="queue-edit" onClick={() => setEditing(queue)} />
                </td>
              </tr>
            ))}
          </SettingsTable>
          {editing && <QueueDialog queue={editing} name={queueName(editing.id)} onSaved={onSaved} onClose={() => setEditing(null)} />}
        </div>
      )}
    </SettingsSectionFrame>
  )
}

function QueueDialog(props: { queue: AdminQueue; name: string; onSaved: (queue: AdminQueue) => void; onClose: () => void }) {
  const { queue, name, onSaved, onClose } = props
  const { t } = useI18n()
  const [assignment, setAssignment] = useState<AssignmentMode>(queue.assignment)
  const [minutes, setMinutes] = useState(String(queue.reassignAfterMinutes))
  const [skills, setSkills] = useState(queue.skills.join(', '))
  const save = useSave()

  const submit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault()
    const reassignAfterMinutes = wholeNumber(minutes, 0, MAX_REASSIGN_MINUTES)
    if (reassignAfterMinutes === null) return save.refuse(t('settings.queues.invalidMinutes', { max: MAX_REASSIGN_MINUTES }))
    const parsed = readSkills(skills, t)
    if (parsed.error !== null) return save.refuse(parsed.error)
    void save.run(async () => {
      const { queue: after } = await api.updateQueue(queue.id, { assignment, reassignAfterMinutes, skills: parsed.skills })
      onSaved({ ...after, name: queue.name })
    })
  }

  return (
    <ModalDialog labelId="queue-dialog-title" title={t('settings.queues.dialogTitle', { queue: name })} onClose={onClose} testId="queue-dialog">
      <form class="settings-form" onSubmit={submit} aria-busy={save.pending} noValidate>
        <Field id="queue-assignment" label={t('settings.queues.assignment')} hint={t(`settings.modeHint.${assignment}`)}>
          <select
            id="queue-assignment"
            data-testid="queue-assignment-select"
            value={assignment}
            aria-describedby="queue-assignment-hint"
            onChange={(event) => setAssignment(event.currentTarget.value as AssignmentMode)}
          >
            {ASSIGNMENT_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(`settings.mode.${mode}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="queue-reassign" label={t('settings.queues.reassignField')} hint={t('settings.queues.reassignHint')}>
          <input
            id="queue-reassign"
            type="number"
            inputMode="numeric"
            min={0}
            max={MAX_REASSIGN_MINUTES}
            step={1}
            data-testid="queue-reassign-input"
            value={minutes}
            aria-describedby="queue-reassign-hint"
            onInput={(event) => setMinutes(event.currentTarget.value)}
          />
        </Field>
        <SkillsField id="queue-skills" label={t('settings.queues.skills')} value={skills} onChange={setSkills} />
        <DialogButtons error={save.error} errorTestId="queue-dialog-error" pending={save.pending} saveTestId="queue-save" onCancel={onClose} />
      </form>
    </ModalDialog>
  )
}
