/**
 * Page-wide shortcuts: `r` jumps to the reply box, Esc goes back to the list.
 * A letter must never be stolen from someone typing, including mid-IME
 * composition (pinyin input sends keys before the character is committed).
 */
export type GlobalKeyAction = 'focus-reply' | 'focus-list' | null

export interface KeyInput {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  isComposing: boolean
}

export function globalKeyAction(event: KeyInput, targetIsEditable: boolean): GlobalKeyAction {
  if (event.isComposing) return null
  if (event.key === 'Escape') return 'focus-list'
  if (targetIsEditable || event.ctrlKey || event.metaKey || event.altKey) return null
  return event.key === 'r' || event.key === 'R' ? 'focus-reply' : null
}
