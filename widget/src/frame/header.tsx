import type { FrameStrings } from '../i18n/catalogues.js'

interface HeaderProps {
  title: string
  t: FrameStrings
  /** Absent when the frame runs stand-alone: there is no panel to close. */
  onClose?: () => void
}

export function Header({ title, t, onClose }: HeaderProps) {
  return (
    <header class="header">
      <h1 class="title">{title}</h1>
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
