/**
 * Merging another contact (the same citizen on another channel) into the one on screen. Step one
 * searches conversations (name, phone, email or words) and lists their contacts; step two says
 * what will happen and asks to confirm. Supervisors and admins only; it can be undone afterwards.
 */
import type { JSX } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { errorText } from '../api/error-text.js'
import { ApiError } from '../api/http.js'
import { api, type ContactMerge } from '../api/inbox-api.js'
import { useDebounced } from '../hooks/use-debounced.js'
import { useI18n } from '../i18n/i18n-context.js'
import type { Translate } from '../i18n/languages.js'
import { type MergeCandidate, mergeCandidates } from '../state/contact-history.js'
import { MAX_SEARCH_LENGTH } from '../state/filters.js'
import { ModalDialog } from './modal-dialog.js'

interface Props {
  target: { id: string; name: string }
  channelName: (id: string) => string
  onMerged: (merge: ContactMerge, source: MergeCandidate) => void
  onClose: () => void
}

type Search = { phase: 'idle' } | { phase: 'searching' } | { phase: 'done'; candidates: MergeCandidate[] } | { phase: 'error'; error: unknown }

const SEARCH_DELAY_MS = 300

export function mergeErrorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return t('merge.errorForbidden')
    if (error.status === 409) return t('merge.errorConflict')
    if (error.status === 400) return t('merge.errorSame')
    if (error.status === 404) return t('merge.errorNotFound')
  }
  return errorText(error, t)
}

export function MergeDialog({ target, channelName, onMerged, onClose }: Props) {
  const { t, time } = useI18n()
  const [query, setQuery] = useState('')
  const settled = useDebounced(query.trim(), SEARCH_DELAY_MS)
  const [search, setSearch] = useState<Search>({ phase: 'idle' })
  const [chosen, setChosen] = useState<MergeCandidate | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const confirmHeading = useRef<HTMLParagraphElement>(null)
  const searchInput = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (!settled) {
      setSearch({ phase: 'idle' })
      return
    }
    let cancelled = false
    setSearch({ phase: 'searching' })
    api
      .searchConversations(settled)
      .then((page) => !cancelled && setSearch({ phase: 'done', candidates: mergeCandidates(page.conversations, target.id) }))
      .catch((failure: unknown) => !cancelled && setSearch({ phase: 'error', error: failure }))
    return () => {
      cancelled = true
    }
  }, [settled, target.id])

  // Each step puts focus where its content starts, so a screen reader user hears the new step.
  useEffect(() => {
    if (confirming) confirmHeading.current?.focus()
    else searchInput.current?.focus()
  }, [confirming])

  const merge = async () => {
    if (!chosen || pending) return
    setPending(true)
    setError(null)
    try {
      const { merge: done } = await api.mergeContact(target.id, chosen.contactId)
      onMerged(done, chosen)
    } catch (failure) {
      setError(mergeErrorText(failure, t))
    } finally {
      setPending(false)
    }
  }

  const next = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!chosen) {
      setError(t('merge.pickContact'))
      return
    }
    setError(null)
    setConfirming(true)
  }

  const candidates = search.phase === 'done' ? search.candidates : []
  return (
    <ModalDialog labelId="merge-title" title={t('merge.title', { name: target.name })} onClose={onClose} testId="merge-dialog">
      {!confirming ? (
        <form class="merge-form" onSubmit={next}>
          <p class="dialog-intro">{t('merge.intro', { name: target.name })}</p>
          <div class="form-field">
            <label for="merge-search">{t('merge.searchLabel')}</label>
            <input
              ref={searchInput}
              id="merge-search"
              type="search"
              data-testid="merge-search"
              maxLength={MAX_SEARCH_LENGTH}
              value={query}
              aria-describedby="merge-search-status"
              onInput={(event) => {
                setQuery(event.currentTarget.value)
                setChosen(null)
              }}
            />
          </div>
          <p id="merge-search-status" role="status" class="merge-search-status" data-testid="merge-search-status">
            {search.phase === 'searching' && t('merge.searching')}
            {search.phase === 'done' && (candidates.length === 0 ? t('merge.noResults', { q: settled }) : t('merge.results', { count: candidates.length }))}
            {search.phase === 'error' && t('merge.searchError', { reason: errorText(search.error, t) })}
          </p>
          {candidates.length > 0 && (
            <fieldset class="merge-candidates">
              <legend class="visually-hidden">{t('merge.candidates')}</legend>
              {candidates.map((candidate) => (
                <label key={candidate.contactId} class="merge-candidate" data-testid="merge-candidate" data-contact-id={candidate.contactId}>
                  <input
                    type="radio"
                    name="merge-candidate"
                    value={candidate.contactId}
                    checked={chosen?.contactId === candidate.contactId}
                    onChange={() => setChosen(candidate)}
                  />
                  <span class="merge-candidate-name">{candidate.name}</span>
                  <span class="merge-candidate-facts">
                    {t('merge.candidateFacts', {
                      channels: candidate.channels.map(channelName).join(', '),
                      count: candidate.conversations,
                      when: candidate.lastActivityAt ? time.day(candidate.lastActivityAt) : '—',
                    })}
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          {error && (
            <p class="form-error" role="alert" data-testid="merge-error">
              {error}
            </p>
          )}
          <div class="dialog-actions">
            <button type="button" class="button" onClick={onClose}>
              {t('merge.cancel')}
            </button>
            <button type="submit" class="button primary" data-testid="merge-next">
              {t('merge.next')}
            </button>
          </div>
        </form>
      ) : (
        <div class="merge-confirm">
          <p ref={confirmHeading} tabIndex={-1} class="merge-confirm-text" data-testid="merge-confirm-text">
            {t('merge.confirm', { source: chosen?.name ?? '', target: target.name })}
          </p>
          <p>{t('merge.confirmDetail', { source: chosen?.name ?? '', target: target.name })}</p>
          {error && (
            <p class="form-error" role="alert" data-testid="merge-error">
              {error}
            </p>
          )}
          <div class="dialog-actions">
            <button type="button" class="button" onClick={() => setConfirming(false)}>
              {t('merge.back')}
            </button>
            <button type="button" class="button primary" data-testid="merge-confirm" aria-busy={pending} onClick={merge}>
              {pending ? t('merge.merging') : t('merge.submit')}
            </button>
          </div>
        </div>
      )}
    </ModalDialog>
  )
}
