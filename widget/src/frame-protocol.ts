/**
 * The postMessage protocol between the loader (on the host page) and the chat frame
 * (an iframe served from HOST). This file is the single source of truth for both sides.
 *
 * Why every message is checked three ways: any window may post to any other, so a
 * message is trusted only when it comes from the expected window, from the expected
 * origin, and has our prefixed shape. Nothing is ever posted with targetOrigin '*':
 * the visitor token must reach the page it belongs to and nobody else.
 *
 * Handshake: the loader creates the iframe → frame posts `ready` once it listens →
 * loader answers `init` (token from the host page's storage) → frame posts `token`
 * whenever the server issued a different one.
 */

export const FRAME_MESSAGE_SOURCE = 'switchboard-widget'

/** Loader → frame. */
export type LoaderMessage =
  /** Reply to `ready`. `token` is null on the visitor's first visit. */
  | { type: 'init'; token: string | null; open: boolean }
  /** The panel was shown: move focus into the composer, mark messages read. */
  | { type: 'opened' }
  /** The panel was hidden: later agent messages count as unread. */
  | { type: 'closed' }

/** Frame → loader. */
export type FrameMessage =
  /** The frame listens now; the loader answers with `init`. */
  | { type: 'ready' }
  /** The server issued a new visitor token: store it in the host page's storage. */
  | { type: 'token'; token: string }
  /** The visitor asked to close the panel (Esc or the close button). */
  | { type: 'close' }
  /** Agent messages not yet read; the loader shows it as a badge while closed. */
  | { type: 'unread'; count: number }

export type Wire<Message> = Message & { source: typeof FRAME_MESSAGE_SOURCE }

/** Adds the prefix so the other side can tell our messages from everyone else's. */
export function toWire<Message extends LoaderMessage | FrameMessage>(message: Message): Wire<Message> {
  return { ...message, source: FRAME_MESSAGE_SOURCE }
}

/** The parts of a MessageEvent the guards look at (so they are testable without a DOM). */
export interface ReceivedMessage {
  origin: string
  source: unknown
  data: unknown
}

export interface ExpectedSender {
  origin: string
  /** The window the message must come from (iframe.contentWindow, or window.parent). */
  window: unknown
}

/** Visitor tokens are opaque to the widget; the same bound as the socket's hello frame. */
export function isVisitorToken(value: unknown): value is string {
  return typeof value === 'string' && /^[\x21-\x7e]{1,512}$/.test(value)
}

/** Returns `value` when it is exactly an http(s) origin (no path, no trailing slash), else null. */
export function asWebOrigin(value: string | null | undefined): string | null {
  if (!value) return null
  try {
    const url = new URL(value)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
    return url.origin === value ? value : null
  } catch {
    return null
  }
}

function fromSender(event: ReceivedMessage, expected: ExpectedSender): Record<string, unknown> | null {
  if (event.origin !== expected.origin || event.source !== expected.window || expected.window == null) return null
  const data = event.data
  if (typeof data !== 'object' || data === null) return null
  const record = data as Record<string, unknown>
  return record.source === FRAME_MESSAGE_SOURCE ? record : null
}

/** Used by the frame: a message from the loader, or null when it is not one. */
export function readLoaderMessage(event: ReceivedMessage, expected: ExpectedSender): LoaderMessage | null {
  const data = fromSender(event, expected)
  switch (data?.type) {
    case 'init':
      if (data.token !== null && !isVisitorToken(data.token)) return null
      if (typeof data.open !== 'boolean') return null
      return { type: 'init', token: data.token, open: data.open }
    case 'opened':
    case 'closed':
      return { type: data.type }
    default:
      return null
  }
}

/** Used by the loader: a message from the frame, or null when it is not one. */
export function readFrameMessage(event: ReceivedMessage, expected: ExpectedSender): FrameMessage | null {
  const data = fromSender(event, expected)
  switch (data?.type) {
    case 'token':
      return isVisitorToken(data.token) ? { type: 'token', token: data.token } : null
    case 'unread': {
      const count = data.count
      return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? { type: 'unread', count } : null
    }
    case 'ready':
    case 'close':
      return { type: data.type }
    default:
      return null
  }
}
