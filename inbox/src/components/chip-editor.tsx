/**
 * The conversation's labels as chips, each with its own remove button (named "Remove label X"),
 * and a small form to add one. Changes go to the hub at once; what it answers is shown.
 */
import type { JSX } from 'preact'
import { useRef, useState } from 'preact/hooks'
import { useI18n } from '../i18n/i18n-context.js'
import { MAX_LABEL_LENGTH, MAX_TAG_LENGTH, splitTags } from '../state/contact-history.js'

interface Props {
  /** Used for ids and test ids: "label" in the header, "tag" in the contact panel. */
  kind: 'label' | 'tag'
  values: readonly string[]
  /** Resolves to whether the hub accepted the change. */
  onChange: (change: { add?: string[]; remove?: string[] }) => Promise<boolean>
  /** Shown as the chip text (e.g. "callback" in the agent's language). */
  display?: (value: string) => string
}

export function ChipEditor({ kind, values, onChange, display = (value) => value }: Props) {
  const { t } = useI18n()
  const [draft, setDraft] = useState('')
  const [status, setStatus] = useState('')
  const input = useRef<HTMLInputElement>(null)
  const text = kind === 'label' ? LABEL_TEXT : TAG_TEXT
  const max = kind === 'label' ? MAX_LABEL_LENGTH : MAX_TAG_LENGTH

  const add = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault()
    const valid = splitTags(draft, max)
    if (valid.length === 0 && draft.trim()) {
      setStatus(t('chips.invalid', { max }))
      return
    }
    const added = valid.filter((value) => !values.includes(value))
    if (added.length === 0) return
    if (await onChange({ add: added })) {
      setDraft('')
      setStatus(t(text.added, { name: added.join(', ') }))
    }
  }

  const remove = async (value: string) => {
    if (await onChange({ remove: [value] })) {
      setStatus(t(text.removed, { name: display(value) }))
      // The chip (and its button) is gone: the add field is the nearest useful place for focus.
      input.current?.focus()
    }
  }

  return (
    <div class={`chip-editor ${kind}-editor`}>
      <ul class="chips" aria-label={t(text.list)} data-testid={`${kind}-chips`}>
        {values.map((value) => (
          <li key={value} class={`chip ${kind}-chip label-${value}`} data-testid={`${kind}-chip`}>
            <span>{display(value)}</span>
            <button type="button" class="chip-remove" aria-label={t(text.remove, { name: display(value) })} onClick={() => remove(value)}>
              <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
      <form class="chip-add" onSubmit={add}>
        <label for={`${kind}-add-input`} class="visually-hidden">
          {t(text.addLabel)}
        </label>
        <input
          ref={input}
          id={`${kind}-add-input`}
          data-testid={`${kind}-add-input`}
          type="text"
          maxLength={max * 4}
          placeholder={t(text.placeholder)}
          value={draft}
          onInput={(event) => setDraft(event.currentTarget.value)}
        />
        <button type="submit" class="button subtle" data-testid={`${kind}-add`}>
          {t(text.add)}
        </button>
      </form>
      <p class="visually-hidden" role="status">
        {status}
      </p>
    </div>
  )
}

const LABEL_TEXT = {
  list: 'labels.list',
  remove: 'labels.remove',
  addLabel: 'labels.addLabel',
  placeholder: 'labels.placeholder',
  add: 'labels.add',
  added: 'labels.added',
  removed: 'labels.removed',
} as const

const TAG_TEXT = {
  list: 'tags.list',
  remove: 'tags.remove',
  addLabel: 'tags.addLabel',
  placeholder: 'tags.placeholder',
  add: 'tags.add',
  added: 'tags.added',
  removed: 'tags.removed',
} as const
