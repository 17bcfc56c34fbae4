/**
 * Canned responses, managed by supervisors and admins: a table of every response they can see,
 * "New canned response", and per row Edit and Delete (with a confirmation). Agents insert them in
 * the composer with "/shortcut"; the composer's list is reloaded after each change.
 */
import type { JSX } from 'preact'
import { useState } from 'preact/hooks'
import type { UserDto } from '../../../server/presenters/dto.js'
import { api, type QueueInfo } from '../api/inbox-api.js'
import { useResource } from '../hooks/use-resource.js'
import { useSave } from '../hooks/use-save.js'
import { useI18n } from '../i18n/i18n-context.js'
import type { CannedResponse } from '../state/canned-responses.js'
import { type CannedDraft, cannedDraftProblem, cannedPayload, MAX_CANNED_BODY, MAX_CANNED_TITLE, withItem } from '../state/settings.js'
import { ModalDialog } from './modal-dialog.js'
import { DialogButtons, EditButton, Field, FormError, SettingsSectionFrame, SettingsTable } from './settings-parts.js'

interface Props {
  user: UserDto
  queues: QueueInfo[] | null
  queueName: (id: string) => string
  onChanged: () => void
}

type Editing = { kind: 'new' } | { kind: 'edit'; response: CannedResponse } | { kind: 'delete'; response: CannedResponse }

const byShortcut = (a: CannedResponse, b: CannedResponse) => a.shortcut.localeCompare(b.shortcut)

export function CannedSettings({ user, queues, queueName, onChanged }: Props) {
  const { t } = useI18n()
  const { state, reload, update } = useResource(async () => (await api.cannedResponses()).responses)
  const [editing, setEditing] = useState<Editing | null>(null)
  const [status, setStatus] = useState('')
  // Supervisors write responses for the queues they work (the hub refuses others); admins for any.
  const ownQueues = (queues ?? []).filter((queue) => user.role === 'admin' || queue.mine).map((queue) => queue.id)

  const onSaved = (response: CannedResponse) => {
    update((responses) => withItem(responses, response).sort(byShortcut))
    setStatus(t(editing?.kind === 'new' ? 'settings.canned.created' : 'settings.canned.saved', { shortcut: response.shortcut }))
    setEditing(null)
    onChanged()
  }
  const onDeleted = (response: CannedResponse) => {
    update((responses) => responses.filter((item) => item.id !== response.id))
    setStatus(t('settings.canned.deleted', { shortcut: response.shortcut }))
    setEditing(null)
    onChanged()
  }

  const newButton = (
    <button type="button" class="button primary" aria-haspopup="dialog" data-testid="canned-new" onClick={() => setEditing({ kind: 'new' })}>
      {t('settings.canned.new')}
    </button>
  )

  return (
    <SettingsSectionFrame
      id="canned-settings"
      title={t('settings.canned.title')}
      hint={t('settings.canned.hint')}
      state={state}
      onRetry={reload}
      status={status}
      actions={state.phase === 'ready' ? newButton : undefined}
    >
      {(responses) => (
        <div class="settings-table-wrap">
          {responses.length === 0 ? (
            <p data-testid="canned-empty">{t('settings.canned.empty')}</p>
          ) : (
            <SettingsTable
              testId="canned-settings"
              caption={t('settings.canned.title')}
              columns={[t('settings.canned.shortcut'), t('settings.canned.titleField'), t('settings.canned.queue'), t('settings.canned.body')]}
            >
              {responses.map((response) => (
                <tr key={response.id} data-testid="canned-row" data-shortcut={response.shortcut}>
                  <th scope="row">
                    <code>/{response.shortcut}</code>
                  </th>
                  <td>{response.title}</td>
                  <td>{response.queue === null ? t('settings.canned.everyQueue') : queueName(response.queue)}</td>
                  <td class="settings-body-preview">{response.body}</td>
                  <td class="settings-row-actions">
                    <EditButton
                      label={t('settings.canned.editLabel', { shortcut: response.shortcut })}
                      testId="canned-edit"
                      onClick={() => setEditing({ kind: 'edit', response })}
                    />
                    <button
                      type="button"
                      class="button danger"
                      aria-haspopup="dialog"
                      aria-label={t('settings.canned.deleteLabel', { shortcut: response.shortcut })}
                      data-testid="canned-delete"
                      onClick={() => setEditing({ kind: 'delete', response })}
                    >
                      {t('settings.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </SettingsTable>
          )}
          {editing?.kind === 'delete' && <DeleteDialog response={editing.response} onDeleted={onDeleted} onClose={() => setEditing(null)} />}
          {editing && editing.kind !== 'delete' && (
            <CannedDialog
              response={editing.kind === 'edit' ? editing.response : null}
              queueIds={ownQueues}
              queueName={queueName}
              onSaved={onSaved}
              onClose={() => setEditing(null)}
            />
          )}
        </div>
      )}
    </SettingsSectionFrame>
  )
}

function CannedDialog(props: {
  response: CannedResponse | null
  queueIds: readonly string[]
  queueName: (id: string) => string
  onSaved: (response: CannedResponse) => void
  onClose: () => void
}) {
  const { response, queueName, onSaved, onClose } = props
  const { t } = useI18n()
  const [draft, setDraft] = useState<CannedDraft>(() => response ?? { shortcut: '', title: '', body: '', queue: null })
  const save = useSave()
  // The response's own queue stays choosable even if the user no longer works it.
  const queueIds = [...new Set([...props.queueIds, ...(response?.queue ? [response.queue] : [])])]
  const change = (field: keyof CannedDraft) => (event: JSX.TargetedEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
    const value = event.currentTarget.value
    setDraft((current) => ({ ...current, [field]: field === 'queue' ? value || null : value }))
  }

  const submit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault()
    const problem = cannedDraftProblem(draft)
    if (problem) return save.refuse(t(problem, { max: problem === 'settings.canned.invalidTitle' ? MAX_CANNED_TITLE : MAX_CANNED_BODY }))
    void save.run(async () => {
      const payload = cannedPayload(draft)
      const { response: after } = response ? await api.updateCanned(response.id, payload) : await api.createCanned(payload)
      onSaved(after)
    })
  }

  const title = response ? t('settings.canned.editTitle', { shortcut: response.shortcut }) : t('settings.canned.newTitle')
  return (
    <ModalDialog labelId="canned-dialog-title" title={title} onClose={onClose} testId="canned-dialog">
      <form class="settings-form" onSubmit={submit} aria-busy={save.pending} noValidate>
        <Field id="canned-shortcut" label={t('settings.canned.shortcut')} hint={t('settings.canned.shortcutHint')}>
          <input
            id="canned-shortcut"
            type="text"
            maxLength={33}
            autoComplete="off"
            data-testid="canned-shortcut-input"
            value={draft.shortcut}
            aria-describedby="canned-shortcut-hint"
            onInput={change('shortcut')}
          />
        </Field>
        <Field id="canned-title" label={t('settings.canned.titleField')}>
          <input id="canned-title" type="text" maxLength={MAX_CANNED_TITLE} data-testid="canned-title-input" value={draft.title} onInput={change('title')} />
        </Field>
        <Field id="canned-body" label={t('settings.canned.body')} hint={t('settings.canned.bodyHint')}>
          <textarea
            id="canned-body"
            rows={5}
            maxLength={MAX_CANNED_BODY}
            data-testid="canned-body-input"
            value={draft.body}
            aria-describedby="canned-body-hint"
            onInput={change('body')}
          />
        </Field>
        <Field id="canned-queue" label={t('settings.canned.queue')}>
          <select id="canned-queue" data-testid="canned-queue-select" value={draft.queue ?? ''} onChange={change('queue')}>
            <option value="">{t('settings.canned.everyQueue')}</option>
            {queueIds.map((id) => (
              <option key={id} value={id}>
                {queueName(id)}
              </option>
            ))}
          </select>
        </Field>
        <DialogButtons error={save.error} errorTestId="canned-dialog-error" pending={save.pending} saveTestId="canned-save" onCancel={onClose} />
      </form>
    </ModalDialog>
  )
}

function DeleteDialog(props: { response: CannedResponse; onDeleted: (response: CannedResponse) => void; onClose: () => void }) {
  const { response, onDeleted, onClose } = props
  const { t } = useI18n()
  const save = useSave()
  const confirm = () =>
    save.run(async () => {
      await api.deleteCanned(response.id)
      onDeleted(response)
    })
  return (
    <ModalDialog
      labelId="canned-delete-title"
      title={t('settings.canned.deleteTitle', { shortcut: response.shortcut })}
      onClose={onClose}
      testId="canned-delete-dialog"
    >
      <p>{t('settings.canned.deleteConfirm', { title: response.title })}</p>
      <FormError text={save.error} testId="canned-delete-error" />
      <div class="dialog-actions">
        <button type="button" class="button" onClick={onClose}>
          {t('settings.cancel')}
        </button>
        <button type="button" class="button danger" aria-busy={save.pending} data-testid="canned-delete-confirm" onClick={confirm}>
          {t('settings.delete')}
        </button>
      </div>
    </ModalDialog>
  )
}
