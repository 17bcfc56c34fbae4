/**
 * Admins' user routing: every user with the queues they work, their skills, how many chats, calls
 * and emails they carry at once, and whether they see every queue; "Edit" opens a dialog. The hub
 * hands out waiting conversations at once when a change frees capacity. "New user" creates one,
 * department staff included (their department shows where the queues would).
 */
import type { JSX } from 'preact'
import { useState } from 'preact/hooks'
import { api, type QueueInfo } from '../api/inbox-api.js'
import { useResource } from '../hooks/use-resource.js'
import { useSave } from '../hooks/use-save.js'
import { useWorkOrderMeta } from '../hooks/use-work-orders.js'
import { useI18n } from '../i18n/i18n-context.js'
import { departmentName } from '../i18n/work-order-labels.js'
import { CAPACITY_KINDS, CAPACITY_LIMITS, type Capacity, type RoutingUser, readSkills, wholeNumber, withItem } from '../state/settings.js'
import { ModalDialog } from './modal-dialog.js'
import { NewUserDialog } from './new-user-dialog.js'
import { DialogButtons, EditButton, Field, SettingsSectionFrame, SettingsTable, SkillsField } from './settings-parts.js'

interface Props {
  queues: QueueInfo[] | null
  queueName: (id: string) => string
}

export function UserSettings({ queues, queueName }: Props) {
  const { t, language } = useI18n()
  const { state, reload, update } = useResource(() => api.adminUsers())
  const meta = useWorkOrderMeta()
  const [editing, setEditing] = useState<RoutingUser | null>(null)
  const [creating, setCreating] = useState(false)
  const [status, setStatus] = useState('')
  const queueList = (ids: readonly string[]) => (ids.length > 0 ? ids.map(queueName).join(', ') : t('settings.none'))

  const onSaved = (user: RoutingUser) => {
    update((loaded) => ({ ...loaded, users: withItem(loaded.users, user) }))
    setEditing(null)
    setStatus(t('settings.users.saved', { name: user.name }))
  }

  const onCreated = (user: RoutingUser) => {
    update((loaded) => ({ ...loaded, users: withItem(loaded.users, user) }))
    setCreating(false)
    setStatus(t('settings.users.created', { name: user.name }))
  }
  const newButton = (
    <button type="button" class="button primary" aria-haspopup="dialog" data-testid="user-new" onClick={() => setCreating(true)}>
      {t('settings.users.new')}
    </button>
  )

  return (
    <SettingsSectionFrame
      id="user-settings"
      title={t('settings.users.title')}
      hint={t('settings.users.hint')}
      state={state}
      onRetry={reload}
      status={status}
      actions={state.phase === 'ready' ? newButton : undefined}
    >
      {({ users, truncated }) => (
        <div class="settings-table-wrap">
          <SettingsTable
            testId="user-settings"
            caption={t('settings.users.title')}
            columns={[t('settings.users.name'), t('settings.users.role'), t('settings.users.queues'), t('settings.users.skills'), t('settings.users.capacity')]}
          >
            {users.map((user) => (
              <tr key={user.id} data-testid="user-settings-row" data-user={user.id} class={user.active ? undefined : 'inactive'}>
                <th scope="row">
                  <span class="settings-user-name">{user.name}</span>
                  <span class="settings-user-email">{user.email}</span>
                  {!user.active && <span class="settings-user-inactive">{t('settings.users.inactive')}</span>}
                </th>
                <td>{t(`role.${user.role}`)}</td>
                <td>
                  {user.role === 'department'
                    ? t('settings.users.departmentOf', { department: user.department ? departmentName(meta, user.department, language) : t('settings.none') })
                    : user.allQueues || user.role === 'admin'
                      ? t('settings.users.everyQueue')
                      : queueList(user.queues)}
                </td>
                <td>{user.skills.length > 0 ? user.skills.join(', ') : t('settings.none')}</td>
                <td data-testid="user-capacity">{t('settings.users.capacityText', user.capacity)}</td>
                <td>
                  <EditButton label={t('settings.users.editLabel', { name: user.name })} testId="user-edit" onClick={() => setEditing(user)} />
                </td>
              </tr>
            ))}
          </SettingsTable>
          {truncated && <p class="settings-hint">{t('settings.users.truncated', { count: users.length })}</p>}
          {editing && <UserDialog user={editing} queues={queues} queueName={queueName} onSaved={onSaved} onClose={() => setEditing(null)} />}
          {creating && <NewUserDialog queues={queues} queueName={queueName} meta={meta} onCreated={onCreated} onClose={() => setCreating(false)} />}
        </div>
      )}
    </SettingsSectionFrame>
  )
}

function UserDialog(props: {
  user: RoutingUser
  queues: QueueInfo[] | null
  queueName: (id: string) => string
  onSaved: (user: RoutingUser) => void
  onClose: () => void
}) {
  const { user, queueName, onSaved, onClose } = props
  const { t } = useI18n()
  // A queue the user still holds but the hub no longer declares stays listed, so it can be removed.
  const queueIds = [...new Set([...(props.queues ?? []).map((queue) => queue.id), ...user.queues])]
  const [chosen, setChosen] = useState<string[]>(user.queues)
  const [skills, setSkills] = useState(user.skills.join(', '))
  const [capacity, setCapacity] = useState<Record<keyof Capacity, string>>({
    chat: String(user.capacity.chat),
    call: String(user.capacity.call),
    email: String(user.capacity.email),
  })
  const [allQueues, setAllQueues] = useState(user.allQueues)
  const save = useSave()

  const toggleQueue = (id: string, on: boolean) => setChosen((current) => (on ? [...current, id] : current.filter((queue) => queue !== id)))

  const submit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault()
    const numbers = CAPACITY_KINDS.map((kind) => [kind, wholeNumber(capacity[kind], 0, CAPACITY_LIMITS[kind])] as const)
    const wrong = numbers.find(([, value]) => value === null)
    if (wrong) return save.refuse(t('settings.users.invalidCapacity', { kind: t(`settings.capacity.${wrong[0]}`), max: CAPACITY_LIMITS[wrong[0]] }))
    const parsed = readSkills(skills, t)
    if (parsed.error !== null) return save.refuse(parsed.error)
    const queues = queueIds.filter((id) => chosen.includes(id))
    void save.run(async () => {
      const { user: after } = await api.updateUserRouting(user.id, {
        queues,
        skills: parsed.skills,
        capacity: Object.fromEntries(numbers) as Capacity,
        allQueues,
      })
      onSaved(after)
    })
  }

  return (
    <ModalDialog labelId="user-dialog-title" title={t('settings.users.dialogTitle', { name: user.name })} onClose={onClose} testId="user-dialog">
      <form class="settings-form" onSubmit={submit} aria-busy={save.pending} noValidate>
        <fieldset class="settings-fieldset">
          <legend>{t('settings.users.queues')}</legend>
          {queueIds.length === 0 && <p>{t('settings.users.noQueues')}</p>}
          {queueIds.map((id) => (
            <label key={id} class="settings-check">
              <input
                type="checkbox"
                checked={chosen.includes(id)}
                data-testid="user-queue"
                value={id}
                onChange={(event) => toggleQueue(id, event.currentTarget.checked)}
              />
              {queueName(id)}
            </label>
          ))}
        </fieldset>
        <label class="settings-check">
          <input
            type="checkbox"
            checked={allQueues}
            data-testid="user-all-queues"
            aria-describedby="user-all-queues-hint"
            onChange={(event) => setAllQueues(event.currentTarget.checked)}
          />
          {t('settings.users.allQueues')}
        </label>
        <p id="user-all-queues-hint" class="settings-hint">
          {t('settings.users.allQueuesHint')}
        </p>
        <SkillsField id="user-skills" label={t('settings.users.skills')} value={skills} onChange={setSkills} />
        <fieldset class="settings-fieldset settings-capacity">
          <legend>{t('settings.users.capacityLegend')}</legend>
          {CAPACITY_KINDS.map((kind) => (
            <Field key={kind} id={`user-capacity-${kind}`} label={t(`settings.capacity.${kind}`)}>
              <input
                id={`user-capacity-${kind}`}
                type="number"
                inputMode="numeric"
                min={0}
                max={CAPACITY_LIMITS[kind]}
                step={1}
                data-testid={`user-capacity-${kind}`}
                value={capacity[kind]}
                onInput={(event) => {
                  const value = event.currentTarget.value
                  setCapacity((current) => ({ ...current, [kind]: value }))
                }}
              />
            </Field>
          ))}
        </fieldset>
        <DialogButtons error={save.error} errorTestId="user-dialog-error" pending={save.pending} saveTestId="user-save" onCancel={onClose} />
      </form>
    </ModalDialog>
  )
}
