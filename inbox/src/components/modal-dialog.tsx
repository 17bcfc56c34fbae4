/**
 * A modal dialog on the native <dialog>: showModal() makes the rest of the page inert (the focus
 * trap) and Escape closes it; focus returns to whatever had it before, so a keyboard user
 * continues where they were. Labelled by its heading.
 */
import type { ComponentChildren } from 'preact'
import { useEffect, useRef } from 'preact/hooks'

interface Props {
  /** The heading's id, for aria-labelledby. */
  labelId: string
  title: string
  onClose: () => void
  testId?: string
  children: ComponentChildren
}

export function ModalDialog({ labelId, title, onClose, testId, children }: Props) {
  const dialog = useRef<HTMLDialogElement>(null)
  const closeRef = useRef(onClose)
  closeRef.current = onClose

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null
    // If what opened the dialog is gone when it closes (a transfer can remove the Transfer button), its region takes focus.
    const region = previous?.closest<HTMLElement>('main, [tabindex="-1"]') ?? null
    element.showModal()
    // Escape fires `cancel`; the parent unmounts the dialog rather than letting the browser hide it.
    const onCancel = (event: Event) => {
      event.preventDefault()
      closeRef.current()
    }
    element.addEventListener('cancel', onCancel)
    return () => {
      element.removeEventListener('cancel', onCancel)
      if (element.open) element.close()
      // After this render has reached the DOM, so the opener's fate is known.
      setTimeout(() => {
        if (previous?.isConnected) previous.focus()
        else if (region?.isConnected) region.focus()
      })
    }
  }, [])

  return (
    <dialog ref={dialog} class="modal-dialog" aria-labelledby={labelId} data-testid={testId}>
      <h2 id={labelId} class="modal-title">
        {title}
      </h2>
      {children}
    </dialog>
  )
}
