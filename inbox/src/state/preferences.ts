/**
 * Small per-browser preferences. localStorage can throw (privacy modes, quota),
 * and a preference is never worth breaking the app for, so failures are ignored.
 */
const PREFIX = 'switchboard.inbox.'

export function loadPreference(name: string): string | null {
  try {
    return globalThis.localStorage?.getItem(PREFIX + name) ?? null
  } catch {
    return null
  }
}

export function savePreference(name: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(PREFIX + name, value)
  } catch {
    // Not persisted; the choice still applies to this tab.
  }
}
