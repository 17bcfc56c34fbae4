/**
 * A Settings dialog's save: one request at a time, busy while it runs, and the hub's refusal
 * kept as a sentence for the dialog's alert (the dialog stays open so the user can correct it).
 */
import { useCallback, useRef, useState } from 'preact/hooks'
import { settingsErrorText } from '../api/settings-error-text.js'
import { useI18n } from '../i18n/i18n-context.js'

export interface Save {
  pending: boolean
  error: string | null
  /** Shows a problem found before asking the hub. */
  refuse: (text: string) => void
  run: (action: () => Promise<void>) => Promise<void>
}

export function useSave(): Save {
  const { t } = useI18n()
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const busy = useRef(false)
  const run = useCallback(
    async (action: () => Promise<void>) => {
      if (busy.current) return
      busy.current = true
      setPending(true)
      setError(null)
      try {
        await action()
      } catch (failure) {
        setError(settingsErrorText(failure, t))
      } finally {
        busy.current = false
        setPending(false)
      }
    },
    [t],
  )
  return { pending, error, refuse: setError, run }
}
