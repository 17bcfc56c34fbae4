/**
 * Debian's Chromium driven by playwright-core (which ships no browser of its own),
 * plus a switch that cuts a page's WebSockets like a network outage would.
 */
import { type Browser, type BrowserContext, chromium, type WebSocketRoute } from 'playwright-core'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // --no-sandbox: CI and this machine run as root, where Chromium's sandbox refuses to start.
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

export interface SocketOutage {
  /** Closes every matching socket and refuses new ones until `end()`. */
  begin(): void
  end(): void
  /** Sockets that reached the server since the test began (reconnects included). */
  readonly connections: number
}

/**
 * Routes the context's WebSockets whose URL matches `pattern` through Playwright, so
 * the test can drop them at the network level: the app sees an ordinary close and
 * must reconnect and resume on its own, exactly as after a Wi-Fi drop.
 */
export async function controlSockets(context: BrowserContext, pattern: RegExp): Promise<SocketOutage> {
  const live = new Set<WebSocketRoute>()
  let down = false
  let connections = 0
  await context.routeWebSocket(pattern, (route) => {
    if (down) {
      route.close({ code: 1011, reason: 'network down (test)' })
      return
    }
    connections += 1
    route.connectToServer()
    live.add(route)
  })
  return {
    begin() {
      down = true
      // Closing the page side closes the server side too (Playwright's default).
      for (const route of live) route.close({ code: 1011, reason: 'network down (test)' }).catch(() => {})
      live.clear()
    },
    end() {
      down = false
    },
    get connections() {
      return connections
    },
  }
}
