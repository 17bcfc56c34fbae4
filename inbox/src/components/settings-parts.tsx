/**
 * Pieces every Settings section shares: its heading, what it says while loading or after a failure,
 * the polite "saved" line, its table, the Edit button of a row, and its dialogs' fields and buttons.
 */
import type { ComponentChildren } from 'preact'
import { settingsErrorText } from '../api/settings-error-text.js'
import type { Resource } from '../hooks/use-resource.js'
import { useI18n } from '../i18n/i18n-context.js'

interface Props<T> {
  /** Ids the section's heading and test ids derive from. */
  id: string
  title: string
  hint?: string
  state: Resource<T>
  onRetry: () => void
  /** Said politely after a change was saved (an empty region exists from the start, so it is heard). */
  status: string
  /** Buttons next to the heading (e.g. "New canned response"). */
  actions?: ComponentChildren
  children: (value: T) => ComponentChildren
}

export function SettingsSectionFrame<T>({ id, title, hint, state, onRetry, status, actions, children }: Props<T>) {
  const { t } = useI18n()
  return (
    <section class="settings-section" aria-labelledby={`${id}-heading`}>
      <div class="settings-section-head">
        <h3 id={`${id}-heading`}>{title}</h3>
        {actions}
      </div>
      {hint && <p class="settings-hint">{hint}</p>}
      <p class="visually-hidden" role="status" data-testid={`${id}-status`}>
        {status}
      </p>
      {state.phase === 'loading' && <p role="status">{t('settings.loading')}</p>}
      {state.phase === 'error' && (
        <div class="form-error" role="alert" data-testid={`${id}-error`}>
          <p>{t('settings.loadError', { reason: settingsErrorText(state.error, t) })}</p>
          <button type="button" class="button" onClick={onRetry}>
            {t('error.retry')}
          </button>
        </div>
      )}
      {state.phase === 'ready' && children(state.value)}
    </section>
  )
}

/** The refusal inside a dialog; role=alert, so it is read out when it appears. */
export function FormError({ text, testId }: { text: string | null; testId: string }) {
  if (!text) return null
  return (
    <p class="form-error" role="alert" data-testid={testId}>
      {text}
    </p>
  )
}

/** A section's table: the column headings given, then an unnamed column for the row's buttons. */
export function SettingsTable({ testId, caption, columns, children }: { testId: string; caption: string; columns: string[]; children: ComponentChildren }) {
  const { t } = useI18n()
  return (
    <table class="settings-table" data-testid={testId}>
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
          <th scope="col">
            <span class="visually-hidden">{t('settings.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  )
}

/** "Edit" on a row; `label` names what it edits (it starts with the visible word, so speech input finds it). */
export function EditButton({ label, testId, onClick }: { label: string; testId: string; onClick: () => void }) {
  const { t } = useI18n()
  return (
    <button type="button" class="button" aria-haspopup="dialog" aria-label={label} data-testid={testId} onClick={onClick}>
      {t('settings.edit')}
    </button>
  )
}

/** A labelled field; `hint` is rendered as `<id>-hint`, for the control's aria-describedby. */
export function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ComponentChildren }) {
  return (
    <div class="form-field">
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <p id={`${id}-hint`} class="settings-hint">
          {hint}
        </p>
      )}
    </div>
  )
}

/** The skills a queue requires or a user has, typed as a list. */
export function SkillsField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (value: string) => void }) {
  const { t } = useI18n()
  return (
    <Field id={id} label={label} hint={t('settings.skillsHint')}>
      <input
        id={id}
        type="text"
        data-testid={`${id}-input`}
        value={value}
        aria-describedby={`${id}-hint`}
        onInput={(event) => onChange(event.currentTarget.value)}
      />
    </Field>
  )
}

/** A dialog's refusal (if any), then Cancel and Save (or the dialog's own action, e.g. Dispatch). */
export function DialogButtons({
  error,
  errorTestId,
  pending,
  saveTestId,
  onCancel,
  submitLabel,
  pendingLabel,
}: {
  error: string | null
  errorTestId: string
  pending: boolean
  saveTestId: string
  onCancel: () => void
  submitLabel?: string
  pendingLabel?: string
}) {
  const { t } = useI18n()
  return (
    <>
      <FormError text={error} testId={errorTestId} />
      <div class="dialog-actions">
        <button type="button" class="button" onClick={onCancel}>
          {t('settings.cancel')}
        </button>
        <button type="submit" class="button primary" data-testid={saveTestId}>
          {pending ? (pendingLabel ?? t('settings.saving')) : (submitLabel ?? t('settings.save'))}
        </button>
      </div>
    </>
  )
}
