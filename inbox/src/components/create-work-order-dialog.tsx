/**
 * Files a work order from the open conversation: the hub's draft prefills the citizen, the
 * transcript excerpt, attachments, a shared location and the category its words suggest; the
 * agent sets the type, category (with the category's own fields), urgency, title, description,
 * address, district, the anonymous and confidential flags and the citizen's phone. The hub then
 * tells the citizen the case number on their channel.
 */
import type { JSX } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { WorkOrderDto } from '../../../server/presenters/dto.js'
import type { RequestType, Urgency } from '../../../server/work-orders/work-order-config.js'
import { type CustomFieldMeta, type NewWorkOrder, type WorkOrderDraft, type WorkOrderMeta, workOrderApi } from '../api/work-order-api.js'
import { workOrderErrorText } from '../api/work-order-error-text.js'
import { useI18n } from '../i18n/i18n-context.js'
import { categoryName, departmentName, districtName, localizedName, workOrderLabel } from '../i18n/work-order-labels.js'
import { catalogueSuggestion } from '../state/work-orders.js'
import { ModalDialog } from './modal-dialog.js'
import { DialogButtons } from './settings-parts.js'

interface Props {
  conversationId: string
  contactName: string
  meta: WorkOrderMeta | null
  onCreated: (order: WorkOrderDto) => void
  onClose: () => void
}

type FieldValue = string | boolean

interface Form {
  type: string
  category: string
  urgency: string
  title: string
  description: string
  address: string
  district: string
  anonymous: boolean
  confidential: boolean
  phone: string
  fields: Record<string, FieldValue>
}

const EMPTY: Form = {
  type: 'help',
  category: '',
  urgency: 'general',
  title: '',
  description: '',
  address: '',
  district: '',
  anonymous: false,
  confidential: false,
  phone: '',
  fields: {},
}

/** The handling flags, each a checkbox. */
const FLAGS = ['anonymous', 'confidential'] as const

type Required = 'category' | 'title' | 'description' | `field:${string}`

export function CreateWorkOrderDialog({ conversationId, contactName, meta, onCreated, onClose }: Props) {
  const { t, language } = useI18n()
  const [draft, setDraft] = useState<{ phase: 'loading' } | { phase: 'ready'; draft: WorkOrderDraft } | { phase: 'error'; error: unknown }>({
    phase: 'loading',
  })
  const [form, setForm] = useState<Form>(EMPTY)
  const [invalid, setInvalid] = useState<readonly Required[]>([])
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)
  const busy = useRef(false)
  const formRef = useRef<HTMLFormElement>(null)

  useEffect(() => {
    let cancelled = false
    workOrderApi
      .draft(conversationId)
      .then(({ draft: loaded }) => {
        if (cancelled) return
        setDraft({ phase: 'ready', draft: loaded })
        setForm({
          ...EMPTY,
          type: loaded.type ?? EMPTY.type,
          category: loaded.category ?? '',
          urgency: loaded.urgency ?? EMPTY.urgency,
          title: loaded.title,
          description: loaded.description,
          address: loaded.address,
          phone: loaded.citizen.phone ?? '',
        })
      })
      .catch((failure: unknown) => !cancelled && setDraft({ phase: 'error', error: failure }))
    return () => {
      cancelled = true
    }
  }, [conversationId])

  const category = meta?.categories.find((candidate) => candidate.code === form.category)
  const suggestion = category ? catalogueSuggestion(meta?.catalogue, { category: category.code, district: form.district || undefined }) : null
  const set = <Key extends keyof Form>(key: Key, value: Form[Key]) => setForm((current) => ({ ...current, [key]: value }))
  const chooseCategory = (code: string) => {
    const chosen = meta?.categories.find((candidate) => candidate.code === code)
    setForm((current) => ({ ...current, category: code, type: chosen?.type ?? current.type, urgency: chosen?.urgency ?? current.urgency, fields: {} }))
  }
  const setField = (key: string, value: FieldValue) => setForm((current) => ({ ...current, fields: { ...current.fields, [key]: value } }))
  const flag = (key: Required) => (invalid.includes(key) ? 'true' : undefined)
  const requiredLabel = (label: string) => t('workOrder.dialog.required', { label })

  const submit = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (busy.current || draft.phase !== 'ready') return
    const missing: { key: Required; label: string }[] = []
    if (!form.category) missing.push({ key: 'category', label: t('workOrder.create.category') })
    for (const custom of category?.fields ?? []) {
      const value = form.fields[custom.key]
      if (custom.required && custom.type !== 'boolean' && (value === undefined || value === '')) {
        missing.push({ key: `field:${custom.key}`, label: localizedName(custom.label, language, custom.key) })
      }
    }
    if (!form.title.trim()) missing.push({ key: 'title', label: t('workOrder.create.caseTitle') })
    if (!form.description.trim()) missing.push({ key: 'description', label: t('workOrder.create.description') })
    if (missing.length > 0) {
      setInvalid(missing.map((item) => item.key))
      setError(t('workOrder.dialog.missing', { fields: missing.map((item) => item.label).join(language === 'en' ? ', ' : '、') }))
      formRef.current?.querySelector<HTMLElement>(`[data-required="${missing[0]?.key}"]`)?.focus()
      return
    }
    busy.current = true
    setPending(true)
    setError(null)
    setInvalid([])
    try {
      const { workOrder } = await workOrderApi.create(toRequest(conversationId, form, draft.draft, category?.fields ?? []))
      onCreated(workOrder)
    } catch (failure) {
      setError(workOrderErrorText(failure, t))
    } finally {
      busy.current = false
      setPending(false)
    }
  }

  return (
    <ModalDialog labelId="wo-create-title" title={t('workOrder.create.title', { name: contactName })} onClose={onClose} testId="wo-create-dialog">
      {draft.phase === 'loading' && <p role="status">{t('workOrder.create.loading')}</p>}
      {draft.phase === 'error' && (
        <div role="alert">
          <p class="form-error">{t('workOrder.create.draftError', { reason: workOrderErrorText(draft.error, t) })}</p>
          <div class="dialog-actions">
            <button type="button" class="button" onClick={onClose}>
              {t('workOrder.dialog.cancel')}
            </button>
          </div>
        </div>
      )}
      {draft.phase === 'ready' && (
        <form ref={formRef} class="settings-form work-order-create" onSubmit={submit} aria-busy={pending} noValidate>
          <p class="settings-hint">{t('workOrder.create.citizen', { name: draft.draft.citizen.name ?? contactName })}</p>
          {meta && meta.categories.length === 0 && <p class="form-error">{t('workOrder.create.noCategories')}</p>}
          <div class="form-field">
            <label for="wo-create-category">{requiredLabel(t('workOrder.create.category'))}</label>
            <select
              id="wo-create-category"
              data-testid="wo-create-category"
              data-required="category"
              aria-required="true"
              aria-invalid={flag('category')}
              aria-describedby={suggestion ? 'wo-create-category-hint' : undefined}
              value={form.category}
              onChange={(event) => chooseCategory(event.currentTarget.value)}
            >
              <option value="">{t('workOrder.create.chooseCategory')}</option>
              {(meta?.categories ?? []).map((option) => (
                <option key={option.code} value={option.code}>
                  {option.code} {categoryName(meta, option.code, language)}
                </option>
              ))}
            </select>
            {suggestion && (
              <p id="wo-create-category-hint" class="settings-hint">
                {t('workOrder.create.suggestion', { department: departmentName(meta, suggestion, language) })}
              </p>
            )}
          </div>
          <div class="form-row">
            <div class="form-field">
              <label for="wo-create-type">{t('workOrder.create.type')}</label>
              <select id="wo-create-type" data-testid="wo-create-type" value={form.type} onChange={(event) => set('type', event.currentTarget.value)}>
                {(meta?.types ?? [form.type]).map((type) => (
                  <option key={type} value={type}>
                    {workOrderLabel(t, 'type', type)}
                  </option>
                ))}
              </select>
            </div>
            <div class="form-field">
              <label for="wo-create-urgency">{t('workOrder.create.urgency')}</label>
              <select
                id="wo-create-urgency"
                data-testid="wo-create-urgency"
                value={form.urgency}
                onChange={(event) => set('urgency', event.currentTarget.value)}
              >
                {(meta?.urgencies ?? [form.urgency]).map((urgency) => (
                  <option key={urgency} value={urgency}>
                    {workOrderLabel(t, 'urgency', urgency)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {category && category.fields.length > 0 && (
            <fieldset class="settings-fieldset">
              <legend>{t('workOrder.create.fieldsLegend', { category: categoryName(meta, category.code, language) })}</legend>
              {category.fields.map((custom) => (
                <CustomField
                  key={custom.key}
                  field={custom}
                  value={form.fields[custom.key]}
                  invalid={invalid.includes(`field:${custom.key}`)}
                  onChange={(value) => setField(custom.key, value)}
                />
              ))}
            </fieldset>
          )}
          <div class="form-field">
            <label for="wo-create-title-input">{requiredLabel(t('workOrder.create.caseTitle'))}</label>
            <input
              id="wo-create-title-input"
              type="text"
              data-testid="wo-create-title"
              data-required="title"
              aria-required="true"
              aria-invalid={flag('title')}
              maxLength={200}
              value={form.title}
              onInput={(event) => set('title', event.currentTarget.value)}
            />
          </div>
          <div class="form-field">
            <label for="wo-create-description">{requiredLabel(t('workOrder.create.description'))}</label>
            <textarea
              id="wo-create-description"
              data-testid="wo-create-description"
              data-required="description"
              aria-required="true"
              aria-invalid={flag('description')}
              rows={5}
              maxLength={10_000}
              value={form.description}
              onInput={(event) => set('description', event.currentTarget.value)}
            />
          </div>
          <div class="form-row">
            <div class="form-field">
              <label for="wo-create-address">{t('workOrder.create.address')}</label>
              <input
                id="wo-create-address"
                type="text"
                data-testid="wo-create-address"
                maxLength={500}
                value={form.address}
                onInput={(event) => set('address', event.currentTarget.value)}
              />
            </div>
            <div class="form-field">
              <label for="wo-create-district">{t('workOrder.create.district')}</label>
              <select
                id="wo-create-district"
                data-testid="wo-create-district"
                value={form.district}
                onChange={(event) => set('district', event.currentTarget.value)}
              >
                <option value="">{t('workOrder.create.noDistrict')}</option>
                {(meta?.districts ?? []).map((district) => (
                  <option key={district.code} value={district.code}>
                    {districtName(meta, district.code, language)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div class="form-field">
            <label for="wo-create-phone">{t('workOrder.create.phone')}</label>
            <input
              id="wo-create-phone"
              type="tel"
              autoComplete="off"
              data-testid="wo-create-phone"
              aria-describedby="wo-create-phone-hint"
              maxLength={32}
              value={form.phone}
              onInput={(event) => set('phone', event.currentTarget.value)}
            />
            <p id="wo-create-phone-hint" class="settings-hint">
              {t('workOrder.create.phoneHint')}
            </p>
          </div>
          {FLAGS.map((flag) => (
            <label key={flag} class="settings-check">
              <input type="checkbox" data-testid={`wo-create-${flag}`} checked={form[flag]} onChange={(event) => set(flag, event.currentTarget.checked)} />
              {t(`workOrder.create.${flag}`)}
            </label>
          ))}
          <DialogButtons
            error={error}
            errorTestId="wo-create-error"
            pending={pending}
            submitLabel={t('workOrder.create.submit')}
            pendingLabel={t('workOrder.create.submitting')}
            saveTestId="wo-create-submit"
            onCancel={onClose}
          />
        </form>
      )}
    </ModalDialog>
  )
}

function CustomField({
  field,
  value,
  invalid,
  onChange,
}: {
  field: CustomFieldMeta
  value: FieldValue | undefined
  invalid: boolean
  onChange: (value: FieldValue) => void
}) {
  const { t, language } = useI18n()
  const id = `wo-create-field-${field.key}`
  const label = localizedName(field.label, language, field.key)
  if (field.type === 'boolean') {
    return (
      <label class="settings-check">
        <input id={id} type="checkbox" data-testid={id} checked={value === true} onChange={(event) => onChange(event.currentTarget.checked)} />
        {label}
      </label>
    )
  }
  const common = {
    id,
    'data-testid': id,
    'data-required': field.required ? `field:${field.key}` : undefined,
    'aria-required': field.required ? ('true' as const) : undefined,
    'aria-invalid': invalid ? ('true' as const) : undefined,
  }
  const text = typeof value === 'string' ? value : ''
  return (
    <div class="form-field">
      <label for={id}>{field.required ? t('workOrder.dialog.required', { label }) : label}</label>
      {field.type === 'select' ? (
        <select {...common} value={text} onChange={(event) => onChange(event.currentTarget.value)}>
          <option value="">—</option>
          {(field.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text'}
          value={text}
          onInput={(event) => onChange(event.currentTarget.value)}
        />
      )}
    </div>
  )
}

/** The request the hub reads: numbers as numbers, empty optional values left out, the draft's attachments and location carried over. */
function toRequest(conversationId: string, form: Form, draft: WorkOrderDraft, fields: readonly CustomFieldMeta[]): NewWorkOrder {
  const values: Record<string, unknown> = {}
  for (const field of fields) {
    const value = form.fields[field.key]
    if (value === undefined || value === '') continue
    values[field.key] = field.type === 'number' ? Number(value) : value
  }
  const phone = form.phone.trim()
  return {
    conversationId,
    // Offered from the hub's own lists (meta), and checked by the hub again.
    type: form.type as RequestType,
    category: form.category,
    urgency: form.urgency as Urgency,
    title: form.title.trim(),
    description: form.description.trim(),
    ...(form.address.trim() ? { address: form.address.trim() } : {}),
    ...(form.district ? { district: form.district } : {}),
    ...(draft.location ? { location: draft.location } : {}),
    anonymous: form.anonymous,
    confidential: form.confidential,
    fields: values,
    attachments: draft.attachments.map(({ url, mimeType, name, size }) => ({ url, mimeType, ...(name ? { name } : {}), ...(size ? { size } : {}) })),
    ...(phone && phone !== draft.citizen.phone ? { citizen: { phone } } : {}),
  }
}
