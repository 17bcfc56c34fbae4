/**
 * Whether the visitor can see the panel: the loader says when it is shown or hidden,
 * and the tab may be in the background. Stand-alone, the panel is always shown.
 */
import { useEffect, useState } from 'preact/hooks'
import type { ParentLink } from './parent-link.js'

export function usePanelOpen(link: ParentLink, onOpened: () => void): boolean {
  const [open, setOpen] = useState(!link.embedded)
  useEffect(
    () =>
      link.listen((message) => {
        if (message.type === 'closed') setOpen(false)
        if (message.type === 'opened' || (message.type === 'init' && message.open)) {
          setOpen(true)
          onOpened()
        }
      }),
    [link, onOpened],
  )
  return open
}

export function useDocumentVisible(): boolean {
  const [visible, setVisible] = useState(document.visibilityState === 'visible')
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible')
    document.addEventListener('visibilitychange', update)
    return () => document.removeEventListener('visibilitychange', update)
  }, [])
  return visible
}
