/** The selected conversation id, kept in the address bar with working Back/Forward. */
import { useCallback, useEffect, useState } from 'preact/hooks'
import { conversationIdFromPath, pathForConversation } from '../state/route.js'

export function useSelectedConversation(): [string | null, (id: string | null) => void] {
  const [selected, setSelected] = useState(() => conversationIdFromPath(location.pathname))
  useEffect(() => {
    const onPop = () => setSelected(conversationIdFromPath(location.pathname))
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [])
  const select = useCallback((id: string | null) => {
    setSelected(id)
    const path = pathForConversation(id)
    if (location.pathname !== path) history.pushState(null, '', path)
  }, [])
  return [selected, select]
}
