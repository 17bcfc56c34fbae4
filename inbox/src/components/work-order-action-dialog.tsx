/**
 * One action on a case, in a small dialog that asks exactly what the action needs: a department
 * (with the catalogue's suggestion, and a reason to override it), a reason and the legal basis to
 * return, a new deadline to extend, a rating, the master case to merge into, the text of a reply
 * (with its files, uploaded to the case as they are picked) or answer, or a comment. What is missing
 * is said before asking the hub; the hub's refusal is said in words and the dialog stays open.
 */
import type { ComponentChildren, JSX } from 'preact'
import { useRef, useState } from 'preact/hooks'
import type { WorkOrderDto } from '../../../server/presenters/dto.js'
import { attachmentErrorText } from '../api/attachment-error-text.js'
import { ApiError } from '../api/http.js'
import { type ActionBody, type WorkOrderMeta, workOrderApi } from '../api/work-order-api.js'
import { workOrderErrorText } from '../api/work-order-error-text.js'
import type { MessageKey } from '../i18n/en.js'
import { useI18n } from '../i18n/i18n-context.js'
import { departmentName, workOrderLabel } from '../i18n/work-order-labels.js'
import { isUploading, replyAttachments } from '../state/case-files.js'
import { hubTimeZone } from '../state/hub-info.js'
import { formatInZone, parseCustomSnooze } from '../state/snooze.js'
import {
  type ActionInput,
  type ActionValues,
  actionBody,
  actionForm,
  catalogueCoHandlers,
  catalogueSuggestion,
  EMPTY_VALUES,
  isRequired,
  missingInputs,
  normalizeNumberInput,
} from '../state/work-orders.js'
import { ModalDialog } from './modal-dialog.js'
import { DialogButtons } from './settings-parts.js'
import { CaseFilePicker, useCaseFiles } from './work-order-files.js'

interface Props {
  order: WorkOrderDto
  action: string
  meta: WorkOrderMeta | null
  onDone: (order: WorkOrderDto) => void
  /** The case moved on meanwhile: reload it. */
  onStale: () => void
  onClose: () => void
}

const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const

const LABELS: Record<Exclude<ActionInput, 'text' | 'rating'>, MessageKey> = {
  department: 'workOrder.dialog.department',
  overrideReason: 'workOrder.dialog.overrideReason',
  comment: 'workOrder.dialog.comment',
  reason: 'workOrder.dialog.reason',
  legalBasis: 'workOrder.dialog.legalBasis',
  until: 'workOrder.dialog.until',
  master: 'workOrder.dialog.master',
}

function textLabel(action: string): MessageKey {
  if (action === 'answer_directly') return 'workOrder.dialog.text.answer_directly'
  if (action === 'not_accept') return 'workOrder.dialog.text.not_accept'
  if (action === 'contribute') return 'workOrder.dialog.text.contribute'
  return 'workOrder.dialog.text.reply'
}

export function WorkOrderActionDialog({ order, action, meta, onDone, onStale, onClose }: Props) {
  const { t, language } = useI18n()
  const form = actionForm(action)
  const suggested = action === 'dispatch' || action === 'designate' ? catalogueSuggestion(meta?.catalogue, order) : null
  const [values, setValues] = useState<ActionValues>({ ...EMPTY_VALUES, department: suggested ?? '' })
  const withCoHandlers = action === 'dispatch' || action === 'designate'
  const [coDepartments, setCoDepartments] = useState<string[]>(() => {
    const named = withCoHandlers ? catalogueCoHandlers(meta?.catalogue, order) : []
    return named.length > 0 ? named : order.coDepartments
  })
  const [askedOverride, setAskedOverride] = useState(false)
  const [invalid, setInvalid] = useState<readonly ActionInput[]>([])
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)
  const busy = useRef(false)
  const formRef = useRef<HTMLFormElement>(null)
  const files = useCaseFiles(order.id)
  const withFiles = action === 'reply'
  const context = { suggested, status: order.status }
  const zone = hubTimeZone()
  const actionName = workOrderLabel(t, 'action', action)

  const set = (input: ActionInput, value: string) => setValues((current) => ({ ...current, [input]: value }))
  const required = (input: ActionInput) => isRequired(action, input, values, context) || (input === 'overrideReason' && askedOverride)
  const labelOf = (input: ActionInput): string => {
    if (input === 'text') return t(textLabel(action))
    if (input === 'rating') return t('workOrder.dialog.rating')
    if (input === 'reason' && action === 'rate') return t('workOrder.dialog.ratingReason')
    return t(LABELS[input])
  }
  const shownLabel = (input: ActionInput) => (required(input) ? t('workOrder.dialog.required', { label: labelOf(input) }) : labelOf(input))
  const showOverride = action === 'dispatch' && ((suggested !== null && values.department !== '' && values.department !== suggested) || askedOverride)
  const inputs = form.inputs.filter((input) => input !== 'overrideReason' || showOverride)

  const focusField = (input: ActionInput) => formRef.current?.querySelector<HTMLElement>(`[data-input="${input}"]`)?.focus()

  const submit = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (busy.current) return
    const missing = missingInputs(action, values, context).filter((input) => inputs.includes(input))
    if (askedOverride && !values.overrideReason.trim() && !missing.includes('overrideReason')) missing.push('overrideReason')
    if (missing.length > 0) {
      setInvalid(missing)
      setError(t('workOrder.dialog.missing', { fields: missing.map(labelOf).join(language === 'en' ? ', ' : '、') }))
      focusField(missing[0] as ActionInput)
      return
    }
    const prepared = { ...values }
    if (inputs.includes('until')) {
      const until = parseCustomSnooze(values.until, new Date(), zone)
      if (!until.ok) {
        setInvalid(['until'])
        setError(t(until.reason === 'past' ? 'workOrder.dialog.untilPast' : 'workOrder.dialog.untilInvalid'))
        focusField('until')
        return
      }
      prepared.until = until.until.toISOString()
    }
    if (withFiles && isUploading(files.files)) {
      setError(t('workOrder.files.wait'))
      return
    }
    busy.current = true
    setPending(true)
    setError(null)
    setInvalid([])
    try {
      let masterId: string | null = null
      if (inputs.includes('master')) {
        const number = normalizeNumberInput(values.master)
        masterId = await workOrderApi.read(number).then(
          ({ workOrder }) => workOrder.id,
          (failure: unknown) => {
            if (failure instanceof ApiError && failure.status === 404) return null
            throw failure
          },
        )
        if (!masterId) {
          setInvalid(['master'])
          setError(t('workOrder.dialog.masterNotFound', { number }))
          focusField('master')
          return
        }
      }
      const body: ActionBody = actionBody(action, prepared, masterId)
      if (withCoHandlers) body.coDepartments = coDepartments.filter((id) => id !== prepared.department)
      const attachments = withFiles ? replyAttachments(files.files) : []
      if (attachments.length > 0) body.attachments = attachments
      const { workOrder } = await workOrderApi.act(order.id, action, body)
      onDone(workOrder)
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'override_reason_required') {
        setAskedOverride(true)
        setInvalid(['overrideReason'])
      }
      if (failure instanceof ApiError && failure.status === 409) onStale()
      setError(
        failure instanceof ApiError && failure.code === 'unknown_attachment' ? attachmentErrorText(failure, t, language) : workOrderErrorText(failure, t),
      )
    } finally {
      busy.current = false
      setPending(false)
    }
  }

  const field = (input: ActionInput, control: (props: FieldProps) => ComponentChildren, hint?: string) => (
    <div class="form-field" key={input}>
      <label for={`wo-action-${input}`}>{shownLabel(input)}</label>
      {control({
        id: `wo-action-${input}`,
        'data-input': input,
        'data-testid': `wo-action-${input}`,
        'aria-required': required(input) ? 'true' : undefined,
        'aria-invalid': invalid.includes(input) ? 'true' : undefined,
        'aria-describedby': hint ? `wo-action-${input}-hint` : undefined,
      })}
      {hint && (
        <p id={`wo-action-${input}-hint`} class="settings-hint">
          {hint}
        </p>
      )}
    </div>
  )
  const textarea = (input: ActionInput, rows = 3, maxLength = 4000) =>
    field(input, (props) => (
      <textarea {...props} rows={rows} maxLength={maxLength} value={values[input]} onInput={(event) => set(input, event.currentTarget.value)} />
    ))

  const resolveDue = order.deadlines.resolve?.dueAt
  const controls: Record<ActionInput, () => ComponentChildren> = {
    department: () =>
      field(
        'department',
        (props) => (
          <select {...props} value={values.department} onChange={(event) => set('department', event.currentTarget.value)}>
            <option value="">{t('workOrder.dialog.chooseDepartment')}</option>
            {(meta?.departments ?? []).map((department) => {
              const name = departmentName(meta, department.id, language)
              return (
                <option key={department.id} value={department.id}>
                  {department.id === suggested ? t('workOrder.dialog.suggestedOption', { department: name }) : name}
                </option>
              )
            })}
          </select>
        ),
        suggested
          ? t('workOrder.dialog.suggestion', { department: departmentName(meta, suggested, language) })
          : meta?.catalogue
            ? t('workOrder.dialog.noSuggestion')
            : undefined,
      ),
    overrideReason: () => textarea('overrideReason', 2, 1000),
    comment: () => textarea('comment'),
    reason: () => textarea('reason'),
    legalBasis: () =>
      field(
        'legalBasis',
        (props) => (
          <textarea {...props} rows={2} maxLength={2000} value={values.legalBasis} onInput={(event) => set('legalBasis', event.currentTarget.value)} />
        ),
        t('workOrder.dialog.legalBasisHint'),
      ),
    until: () =>
      field(
        'until',
        (props) => <input {...props} type="datetime-local" value={values.until} onInput={(event) => set('until', event.currentTarget.value)} />,
        t('workOrder.dialog.untilHint', { zone, due: resolveDue ? formatInZone(resolveDue, language, zone) : '—' }),
      ),
    master: () =>
      field(
        'master',
        (props) => <input {...props} type="text" autoComplete="off" value={values.master} onInput={(event) => set('master', event.currentTarget.value)} />,
        t('workOrder.dialog.masterHint'),
      ),
    text: () => (
      <>
        {textarea('text', 5, 10_000)}
        {withFiles && <CaseFilePicker state={files} />}
      </>
    ),
    rating: () => (
      <fieldset class="settings-fieldset" key="rating">
        <legend>{shownLabel('rating')}</legend>
        {RATINGS.map((rating, index) => (
          <label key={rating} class="settings-check">
            <input
              type="radio"
              name="wo-rating"
              value={rating}
              checked={values.rating === rating}
              data-input={index === 0 ? 'rating' : undefined}
              data-testid={`wo-action-rating-${rating}`}
              onChange={() => set('rating', rating)}
            />
            {workOrderLabel(t, 'rating', rating)}
          </label>
        ))}
      </fieldset>
    ),
  }

  return (
    <ModalDialog
      labelId="wo-action-title"
      title={t('workOrder.dialog.title', { action: actionName, number: order.number })}
      onClose={onClose}
      testId="wo-action-dialog"
    >
      <form ref={formRef} class="settings-form" onSubmit={submit} aria-busy={pending} noValidate data-action={action}>
        {inputs.map((input) => controls[input]())}
        {withCoHandlers && (meta?.departments.length ?? 0) > 1 && (
          <fieldset class="form-field" data-testid="wo-action-coDepartments">
            <legend>{t('workOrder.dialog.coDepartments')}</legend>
            {(meta?.departments ?? [])
              .filter((department) => department.id !== values.department)
              .map((department) => (
                <label key={department.id} class="settings-check">
                  <input
                    type="checkbox"
                    checked={coDepartments.includes(department.id)}
                    onChange={(event) => {
                      const checked = event.currentTarget.checked
                      setCoDepartments((current) => (checked ? [...current, department.id] : current.filter((id) => id !== department.id)))
                    }}
                  />
                  {departmentName(meta, department.id, language)}
                </label>
              ))}
          </fieldset>
        )}
        <DialogButtons
          error={error}
          errorTestId="wo-action-error"
          pending={pending}
          submitLabel={actionName}
          pendingLabel={t('workOrder.dialog.submitting')}
          saveTestId="wo-action-submit"
          onCancel={onClose}
        />
      </form>
    </ModalDialog>
  )
}

interface FieldProps {
  id: string
  'data-input': string
  'data-testid': string
  'aria-required': 'true' | undefined
  'aria-invalid': 'true' | undefined
  'aria-describedby': string | undefined
}
