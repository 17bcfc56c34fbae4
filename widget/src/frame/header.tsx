import type { Ref } from 'preact'
import type { FrameStrings } from '../i18n/catalogues.js'

interface HeaderProps {
  title: string
  t: FrameStrings
  /** Absent when the frame runs stand-alone: there is no panel to close. */
  onClose?: () => void
  /** The "Check a case" toggle and the form it shows and hides. */
  lookup: { open: boolean; controls: string; onToggle: () => void; buttonRef: Ref<HTMLButtonElement> }
}

export function Header({ title, t, onClose, lookup }: HeaderProps) {
  return (
    <header class="header">
      <h1 class="title">{title}</h1>
      <button
        type="button"
        class="header-button"
        ref={lookup.buttonRef}
        aria-expanded={lookup.open}
        aria-controls={lookup.open ? lookup.controls : undefined}
        data-testid="case-lookup-toggle"
        onClick={lookup.onToggle}
      >
        {t.caseLookupOpen}
      </button>
      {onClose && (
        <button type="button" class="icon-button" aria-label={t.close} onClick={onClose}>
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M6 6l12 12M18 6 6 18" />
          </svg>
        </button>
      )}
    </header>
  )
}
