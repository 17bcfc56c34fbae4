import { useEffect } from 'preact/hooks'
import { globalKeyAction } from '../state/global-keys.js'

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
}

export function useGlobalKeys(handlers: { focusReply: () => boolean; focusList: () => boolean }): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return
      const action = globalKeyAction(event, isEditable(event.target))
      const handled = action === 'focus-reply' ? handlers.focusReply() : action === 'focus-list' ? handlers.focusList() : false
      // Only swallow the key when it did something, so `r` still types where no reply box exists.
      if (handled) event.preventDefault()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [handlers])
}
