import { useEffect } from 'preact/hooks'
import { type GlobalKeyAction, globalKeyAction } from '../state/global-keys.js'

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
}

function inOpenDialog(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('dialog[open]') !== null
}

/** Each handler returns whether it did something. */
export type GlobalKeyHandlers = Record<Exclude<GlobalKeyAction, null>, () => boolean>

export function useGlobalKeys(handlers: GlobalKeyHandlers): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return
      const action = globalKeyAction(event, { editable: isEditable(event.target), inDialog: inOpenDialog(event.target) })
      // Only swallow the key when it did something, so a letter still types where its target does not exist.
      if (action !== null && handlers[action]()) event.preventDefault()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [handlers])
}
