/**
 * The frame's side of the postMessage channel. The parent's origin comes from the
 * `parent` parameter the loader wrote; messages go only there, and only messages from
 * window.parent with that origin are accepted.
 */
import { type FrameMessage, type LoaderMessage, readLoaderMessage, toWire } from '../frame-protocol.js'

export interface ParentLink {
  /** False when the frame runs stand-alone (opened directly, not through the loader). */
  embedded: boolean
  post(message: FrameMessage): void
  listen(handler: (message: LoaderMessage) => void): () => void
}

export function connectParent(parentOrigin: string | null): ParentLink {
  const parent = window.parent
  if (!parentOrigin || parent === window) {
    return { embedded: false, post: () => {}, listen: () => () => {} }
  }
  return {
    embedded: true,
    post(message) {
      parent.postMessage(toWire(message), parentOrigin)
    },
    listen(handler) {
      const listener = (event: MessageEvent) => {
        const message = readLoaderMessage(event, { origin: parentOrigin, window: parent })
        if (message) handler(message)
      }
      window.addEventListener('message', listener)
      return () => window.removeEventListener('message', listener)
    },
  }
}
