/**
 * `window.__switchboardInbox` lets end-to-end tests simulate a network drop.
 * It exists from boot (before login) and acts on whichever socket is current.
 */
declare global {
  interface Window {
    __switchboardInbox?: { dropConnection(): void }
  }
}

let current: { dropConnection(): void } | null = null

export function installTestHook(): void {
  window.__switchboardInbox = { dropConnection: () => current?.dropConnection() }
}

export function setCurrentConnection(connection: { dropConnection(): void } | null): void {
  current = connection
}
