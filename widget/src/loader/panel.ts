/**
 * The iframe that holds the chat UI. It is created on first open only, so visitors who
 * never open the chat download nothing but the loader. Once created it is hidden, not
 * removed, on close: the socket stays up and unread agent messages can be counted.
 */
import { type LoaderMessage, toWire } from '../frame-protocol.js'

export interface Panel {
  iframe: HTMLIFrameElement
  show(): void
  hide(): void
  post(message: LoaderMessage): void
}

export function createPanel(src: string, title: string, frameOrigin: string): Panel {
  const iframe = document.createElement('iframe')
  iframe.className = 'panel'
  iframe.id = 'switchboard-panel'
  iframe.title = title
  iframe.src = src
  return {
    iframe,
    show() {
      iframe.hidden = false
    },
    hide() {
      iframe.hidden = true
    },
    post(message) {
      iframe.contentWindow?.postMessage(toWire(message), frameOrigin)
    },
  }
}
