/** The round launcher button with its unread badge. Its accessible name always says what it does. */
import { format } from '../../../ui-kit/i18n.js'
import type { launcher as en } from '../i18n/en.js'

export type LauncherStrings = typeof en

const CHAT_ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>'
const CLOSE_ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"/></svg>'

export interface Launcher {
  button: HTMLButtonElement
  setExpanded(expanded: boolean): void
  setUnread(count: number): void
}

export function createLauncher(strings: LauncherStrings): Launcher {
  const button = document.createElement('button')
  button.type = 'button'
  button.className = 'launcher'
  const icon = document.createElement('span')
  const badge = document.createElement('span')
  badge.className = 'badge'
  badge.setAttribute('aria-hidden', 'true')
  button.append(icon, badge)

  let expanded = false
  let unread = 0
  const render = () => {
    icon.innerHTML = expanded ? CLOSE_ICON : CHAT_ICON
    button.setAttribute('aria-expanded', String(expanded))
    const shown = expanded ? 0 : unread
    badge.hidden = shown === 0
    badge.textContent = shown > 99 ? '99+' : String(shown)
    // The badge is hidden from assistive tech; its meaning is part of the button's name instead.
    const name = expanded ? strings.close : strings.open
    button.setAttribute('aria-label', shown ? `${name}, ${format(strings.unread, { count: shown })}` : name)
  }
  render()

  return {
    button,
    setExpanded(value) {
      expanded = value
      render()
    },
    setUnread(count) {
      unread = count
      render()
    },
  }
}
