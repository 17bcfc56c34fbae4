/**
 * The visitor token lives in the HOST page's localStorage (first-party), because the
 * iframe's own storage is partitioned or blocked as third-party in most browsers.
 * Storage can throw (private mode, blocked cookies): the widget then simply works
 * without remembering the visitor.
 */
import { isVisitorToken } from './frame-protocol.js'

export type TokenStorage = Pick<Storage, 'getItem' | 'setItem'>

export function visitorTokenKey(channel: string): string {
  return `switchboard:${channel}:visitor`
}

/** localStorage, or null when the browser refuses access to it. */
export function browserStorage(): TokenStorage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

export function readVisitorToken(storage: TokenStorage | null, channel: string): string | null {
  try {
    const value = storage?.getItem(visitorTokenKey(channel)) ?? null
    return isVisitorToken(value) ? value : null
  } catch {
    return null
  }
}

/** Returns false when the token could not be stored (the visit still works, it is just not remembered). */
export function writeVisitorToken(storage: TokenStorage | null, channel: string, token: string): boolean {
  if (!storage || !isVisitorToken(token)) return false
  try {
    storage.setItem(visitorTokenKey(channel), token)
    return true
  } catch {
    return false
  }
}
