/**
 * Page-wide shortcuts: `j`/`k` next/previous conversation, `r` reply box, `e` resolve,
 * `t` transfer, `?` the list of shortcuts, Esc back to the list. A letter must never be
 * stolen from someone typing, including mid-IME composition (pinyin input sends keys
 * before the character is committed), nor from an open dialog, which handles its own keys.
 */
export type GlobalKeyAction = 'focus-reply' | 'focus-list' | 'next-conversation' | 'previous-conversation' | 'resolve' | 'transfer' | 'show-help' | null

export interface KeyInput {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  isComposing: boolean
}

export interface KeyTarget {
  editable: boolean
  inDialog?: boolean
}

const LETTER_ACTIONS: Record<string, GlobalKeyAction> = {
  r: 'focus-reply',
  j: 'next-conversation',
  k: 'previous-conversation',
  e: 'resolve',
  t: 'transfer',
  '?': 'show-help',
}

/** What the help dialog lists, in order: the key as shown and the message key describing it. */
export const SHORTCUTS = [
  { keys: 'j', description: 'shortcuts.next' },
  { keys: 'k', description: 'shortcuts.previous' },
  { keys: 'r', description: 'shortcuts.reply' },
  { keys: 'e', description: 'shortcuts.resolve' },
  { keys: 't', description: 'shortcuts.transfer' },
  { keys: 'Esc', description: 'shortcuts.list' },
  { keys: '?', description: 'shortcuts.help' },
] as const

export function globalKeyAction(event: KeyInput, target: boolean | KeyTarget): GlobalKeyAction {
  const { editable, inDialog = false } = typeof target === 'boolean' ? { editable: target } : target
  if (event.isComposing || inDialog) return null
  if (event.key === 'Escape') return 'focus-list'
  if (editable || event.ctrlKey || event.metaKey || event.altKey) return null
  return LETTER_ACTIONS[event.key.length === 1 ? event.key.toLowerCase() : ''] ?? null
}
