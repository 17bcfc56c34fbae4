/**
 * Snooze until: in one hour, tomorrow at 9:00, or a chosen time, all in the hotline's time zone
 * (which the custom field names). The hub reopens the conversation by itself at that time.
 */
import type { JSX } from 'preact'
import { useState } from 'preact/hooks'
import { useI18n } from '../i18n/i18n-context.js'
import { hubTimeZone } from '../state/hub-info.js'
import { formatInZone, parseCustomSnooze, snoozeUntil, toDateTimeLocal } from '../state/snooze.js'
import { ModalDialog } from './modal-dialog.js'

type Choice = 'oneHour' | 'tomorrowMorning' | 'custom'

interface Props {
  contactName: string
  onSnooze: (until: Date) => Promise<boolean>
  onClose: () => void
  timeZone?: string
}

export function SnoozeDialog({ contactName, onSnooze, onClose, timeZone = hubTimeZone() }: Props) {
  const { t, language } = useI18n()
  const [now] = useState(() => new Date())
  const [choice, setChoice] = useState<Choice>('oneHour')
  const [custom, setCustom] = useState(() => toDateTimeLocal(snoozeUntil('tomorrowMorning', now, timeZone), timeZone))
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)

  const submit = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault()
    let until: Date
    if (choice === 'custom') {
      const parsed = parseCustomSnooze(custom, new Date(), timeZone)
      if (!parsed.ok) {
        setError(t(parsed.reason === 'past' ? 'snooze.errorPast' : 'snooze.errorInvalid'))
        return
      }
      until = parsed.until
    } else {
      until = snoozeUntil(choice, new Date(), timeZone)
    }
    setPending(true)
    setError(null)
    const done = await onSnooze(until)
    setPending(false)
    if (done) onClose()
    else setError(t('snooze.errorFailed'))
  }

  const option = (value: Choice, label: string) => (
    <label class="snooze-option">
      <input type="radio" name="snooze-choice" value={value} checked={choice === value} data-testid={`snooze-${value}`} onChange={() => setChoice(value)} />
      {label}
    </label>
  )

  return (
    <ModalDialog labelId="snooze-title" title={t('snooze.title', { name: contactName })} onClose={onClose} testId="snooze-dialog">
      <form class="snooze-form" onSubmit={submit} aria-busy={pending}>
        <fieldset>
          <legend>{t('snooze.until', { zone: timeZone })}</legend>
          {option('oneHour', t('snooze.oneHour', { time: formatInZone(snoozeUntil('oneHour', now, timeZone), language, timeZone) }))}
          {option('tomorrowMorning', t('snooze.tomorrow', { time: formatInZone(snoozeUntil('tomorrowMorning', now, timeZone), language, timeZone) }))}
          {option('custom', t('snooze.custom'))}
        </fieldset>
        {choice === 'custom' && (
          <div class="form-field">
            <label for="snooze-custom">{t('snooze.customLabel', { zone: timeZone })}</label>
            <input
              id="snooze-custom"
              type="datetime-local"
              data-testid="snooze-custom-input"
              value={custom}
              min={toDateTimeLocal(now, timeZone)}
              onInput={(event) => setCustom(event.currentTarget.value)}
            />
          </div>
        )}
        {error && (
          <p class="form-error" role="alert" data-testid="snooze-error">
            {error}
          </p>
        )}
        <div class="dialog-actions">
          <button type="button" class="button" onClick={onClose}>
            {t('snooze.cancel')}
          </button>
          <button type="submit" class="button primary" data-testid="snooze-submit">
            {t('snooze.submit')}
          </button>
        </div>
      </form>
    </ModalDialog>
  )
}
