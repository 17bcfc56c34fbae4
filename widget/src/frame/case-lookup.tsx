/**
 * "Check a case": the citizen types the case number (and, to see the details of a case filed
 * elsewhere, the last four digits of their phone) and reads where it stands. The answer is in a
 * status region, problems in an alert; both are always in the DOM so they are announced. Escape
 * or "Back to chat" closes it and the focus returns to the button that opened it.
 */
import type { JSX } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { FrameStrings } from '../i18n/catalogues.js'
import type { Lang } from '../i18n/languages.js'
import { CaseStatusError, type CaseStatusFailure, fetchCaseStatus, lookupProblem } from './case-status-api.js'

interface Props {
  id: string
  t: FrameStrings
  channelId: string
  token: string | null
  lang: Lang
  onClose: () => void
}

const FAILURE_TEXT: Record<CaseStatusFailure, (t: FrameStrings) => string> = {
  not_found: (t) => t.caseErrorNotFound,
  rate_limited: (t) => t.caseErrorRateLimited,
  invalid: (t) => t.caseErrorNumber,
  network: (t) => t.caseErrorGeneric,
  unknown: (t) => t.caseErrorGeneric,
}

export function CaseLookup({ id, t, channelId, token, lang, onClose }: Props) {
  const [number, setNumber] = useState('')
  const [check, setCheck] = useState('')
  const [invalid, setInvalid] = useState<'number' | 'check' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [answer, setAnswer] = useState('')
  const [pending, setPending] = useState(false)
  const numberRef = useRef<HTMLInputElement>(null)
  const checkRef = useRef<HTMLInputElement>(null)

  useEffect(() => numberRef.current?.focus(), [])

  const submit = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (pending) return
    const problem = lookupProblem(number, check)
    setInvalid(problem)
    if (problem) {
      setAnswer('')
      setError(problem === 'number' ? t.caseErrorNumber : t.caseErrorCheck)
      ;(problem === 'number' ? numberRef : checkRef).current?.focus()
      return
    }
    setPending(true)
    setError(null)
    setAnswer('')
    try {
      const status = await fetchCaseStatus({ number, check, channelId, token, language: lang })
      setAnswer(status.verified ? status.text : `${status.text} ${t.caseLookupMore}`)
    } catch (failure) {
      setError(FAILURE_TEXT[failure instanceof CaseStatusError ? failure.reason : 'unknown'](t))
    } finally {
      setPending(false)
    }
  }

  return (
    <section
      id={id}
      class="case-lookup"
      aria-labelledby={`${id}-title`}
      data-testid="case-lookup"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || event.isComposing) return
        // Closes the form, not the whole chat panel.
        event.stopPropagation()
        onClose()
      }}
    >
      <h2 id={`${id}-title`} class="case-title">
        {t.caseLookupTitle}
      </h2>
      <form class="case-form" onSubmit={submit} aria-busy={pending} noValidate>
        <label for={`${id}-number`} class="label">
          {t.caseNumber}
        </label>
        <input
          id={`${id}-number`}
          ref={numberRef}
          class="case-input"
          type="text"
          autoComplete="off"
          spellcheck={false}
          maxLength={32}
          aria-describedby={`${id}-number-hint`}
          aria-invalid={invalid === 'number'}
          data-testid="case-number"
          value={number}
          onInput={(event) => setNumber(event.currentTarget.value)}
        />
        <p id={`${id}-number-hint`} class="case-hint">
          {t.caseNumberHint}
        </p>
        <label for={`${id}-check`} class="label">
          {t.caseCheck}
        </label>
        <input
          id={`${id}-check`}
          ref={checkRef}
          class="case-input"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          maxLength={4}
          aria-describedby={`${id}-check-hint`}
          aria-invalid={invalid === 'check'}
          data-testid="case-check"
          value={check}
          onInput={(event) => setCheck(event.currentTarget.value)}
        />
        <p id={`${id}-check-hint`} class="case-hint">
          {t.caseCheckHint}
        </p>
        <div class="case-buttons">
          <button type="submit" class="send" data-testid="case-submit">
            {pending ? t.caseLookupChecking : t.caseLookupSubmit}
          </button>
          <button type="button" class="case-back" data-testid="case-close" onClick={onClose}>
            {t.caseLookupClose}
          </button>
        </div>
      </form>
      <div role="alert" class={error ? 'alert case-alert' : 'alert is-empty'} data-testid="case-error">
        {error}
      </div>
      <div role="status" class={answer ? 'case-result' : 'case-result is-empty'} data-testid="case-result">
        {answer}
      </div>
    </section>
  )
}
