/**
 * `window.__switchboardWidget` lets an end-to-end test drive the frame like a flaky
 * network would. It exposes nothing a visitor's own devtools could not do anyway.
 */
import type { ChatClient } from './chat-client.js'

export interface WidgetTestHook {
  dropConnection(): void
  /** 'idle' | 'connecting' | 'open' | 'ready' | 'reconnecting' | 'closed' */
  state(): string
}

declare global {
  interface Window {
    __switchboardWidget?: WidgetTestHook
  }
}

export function exposeTestHook(client: ChatClient): () => void {
  window.__switchboardWidget = { dropConnection: () => client.dropConnection(), state: () => client.state }
  return () => {
    delete window.__switchboardWidget
  }
}
