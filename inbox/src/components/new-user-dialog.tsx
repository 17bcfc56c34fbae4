/**
 * Admins create a user: hotline staff (agent, supervisor, admin) with the queues they work, or
 * department staff (承办单位) with their department, who then see only its work orders. The
 * initial password is set here and given to the person out of band.
 */
import type { JSX } from 'preact'
import { useState } from 'preact/hooks'
import type { Role } from '../../../server/presenters/dto.js'
import { api, type QueueInfo } from '../api/inbox-api.js'
import type { WorkOrderMeta } from '../api/work-order-api.js'
import { useSave } from '../hooks/use-save.js'
import type { MessageKey } from '../i18n/en.js'
import { useI18n } from '../i18n/i18n-context.js'
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../i18n/languages.js'
import { departmentName } from '../i18n/work-order-labels.js'
import { MIN_PASSWORD_LENGTH, type RoutingUser } from '../state/settings.js'
import { ModalDialog } from './modal-dialog.js'
import { DialogButtons, Field } from './settings-parts.js'

const ROLES: readonly Role[] = ['agent', 'supervisor', 'admin', 'department']

interface Props {
  queues: QueueInfo[] | null
  queueName: (id: string) => string
  meta: WorkOrderMeta | null
  onCreated: (user: RoutingUser) => void
  onClose: () => void
}

export function NewUserDialog({ queues, queueName, meta, onCreated, onClose }: Props) {
  const { t, language: uiLanguage } = useI18n()
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<Role>('agent')
  const [department, setDepartment] = useState('')
  const [chosen, setChosen] = useState<string[]>([])
  const [language, setLanguage] = useState<Language>(uiLanguage)
  const [password, setPassword] = useState('')
  const [invalid, setInvalid] = useState<string | null>(null)
  const save = useSave()
  const departments = meta?.departments ?? []
  const forDepartment = role === 'department'

  const submit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault()
    const missing: [string, MessageKey][] = []
    if (!name.trim()) missing.push(['new-user-name', 'settings.users.name'])
    if (!email.trim()) missing.push(['new-user-email', 'settings.users.email'])
    if (forDepartment && !department) missing.push(['new-user-department', 'settings.users.department'])
    if (!password) missing.push(['new-user-password', 'settings.users.password'])
    const first = missing[0]
    if (first) {
      setInvalid(first[0])
      document.getElementById(first[0])?.focus()
      return save.refuse(t('settings.users.missingFields', { fields: missing.map(([, label]) => t(label)).join(uiLanguage === 'en' ? ', ' : '、') }))
    }
    if (password.length < MIN_PASSWORD_LENGTH) {
      setInvalid('new-user-password')
      document.getElementById('new-user-password')?.focus()
      return save.refuse(t('settings.users.passwordShort', { min: MIN_PASSWORD_LENGTH }))
    }
    setInvalid(null)
    void save.run(async () => {
      const { user } = await api.createUser({
        name: name.trim(),
        email: email.trim(),
        role,
        language,
        password,
        ...(forDepartment ? { department } : { queues: chosen }),
      })
      onCreated(user)
    })
  }
  const flag = (id: string) => (invalid === id ? ('true' as const) : undefined)

  return (
    <ModalDialog labelId="new-user-title" title={t('settings.users.newTitle')} onClose={onClose} testId="new-user-dialog">
      <form class="settings-form" onSubmit={submit} aria-busy={save.pending} noValidate>
        {(
          [
            ['name', 'text', 100, name, setName, 'settings.users.name'],
            ['email', 'email', 254, email, setEmail, 'settings.users.email'],
          ] as const
        ).map(([key, type, maxLength, value, setValue, label]) => (
          <Field key={key} id={`new-user-${key}`} label={t(label)}>
            <input
              id={`new-user-${key}`}
              type={type}
              autoComplete="off"
              maxLength={maxLength}
              aria-required="true"
              aria-invalid={flag(`new-user-${key}`)}
              data-testid={`new-user-${key}`}
              value={value}
              onInput={(event) => setValue(event.currentTarget.value)}
            />
          </Field>
        ))}
        <Field id="new-user-role" label={t('settings.users.role')} hint={forDepartment ? t('settings.users.departmentRoleHint') : undefined}>
          <select
            id="new-user-role"
            data-testid="new-user-role"
            value={role}
            aria-describedby={forDepartment ? 'new-user-role-hint' : undefined}
            onChange={(event) => setRole(event.currentTarget.value as Role)}
          >
            {ROLES.map((option) => (
              <option key={option} value={option}>
                {t(`role.${option}`)}
              </option>
            ))}
          </select>
        </Field>
        {forDepartment ? (
          <Field
            id="new-user-department"
            label={t('settings.users.department')}
            hint={departments.length === 0 ? t('settings.users.noDepartments') : undefined}
          >
            <select
              id="new-user-department"
              data-testid="new-user-department"
              aria-required="true"
              aria-invalid={flag('new-user-department')}
              aria-describedby={departments.length === 0 ? 'new-user-department-hint' : undefined}
              value={department}
              onChange={(event) => setDepartment(event.currentTarget.value)}
            >
              <option value="">{t('settings.users.chooseDepartment')}</option>
              {departments.map((option) => (
                <option key={option.id} value={option.id}>
                  {departmentName(meta, option.id, uiLanguage)}
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <fieldset class="settings-fieldset">
            <legend>{t('settings.users.queues')}</legend>
            {(queues ?? []).length === 0 && <p>{t('settings.users.noQueues')}</p>}
            {(queues ?? []).map((queue) => (
              <label key={queue.id} class="settings-check">
                <input
                  type="checkbox"
                  checked={chosen.includes(queue.id)}
                  data-testid="new-user-queue"
                  value={queue.id}
                  onChange={(event) => {
                    const on = event.currentTarget.checked
                    setChosen((current) => (on ? [...current, queue.id] : current.filter((id) => id !== queue.id)))
                  }}
                />
                {queueName(queue.id)}
              </label>
            ))}
          </fieldset>
        )}
        <Field id="new-user-language" label={t('settings.users.language')}>
          <select
            id="new-user-language"
            data-testid="new-user-language"
            value={language}
            onChange={(event) => setLanguage(event.currentTarget.value as Language)}
          >
            {LANGUAGES.map((option) => (
              <option key={option} value={option} lang={option}>
                {LANGUAGE_NAMES[option]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="new-user-password" label={t('settings.users.password')} hint={t('settings.users.passwordHint', { min: MIN_PASSWORD_LENGTH })}>
          <input
            id="new-user-password"
            type="password"
            autoComplete="new-password"
            maxLength={1024}
            required
            aria-invalid={flag('new-user-password')}
            aria-describedby="new-user-password-hint"
            data-testid="new-user-password"
            value={password}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
        </Field>
        <DialogButtons error={save.error} errorTestId="new-user-error" pending={save.pending} saveTestId="new-user-save" onCancel={onClose} />
      </form>
    </ModalDialog>
  )
}
