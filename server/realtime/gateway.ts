/**
 * The realtime role: accepts widget and inbox sockets on the HTTP server and
 * fans out bus events to them. Any number of gateway processes can run: each
 * hears every event on Redis and delivers to its own sockets.
 */
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Redis } from 'ioredis'
import { WebSocketServer } from 'ws'
import { isWebchatConnector } from '../../connectors/webchat/index.js'
import { SESSION_COOKIE } from '../auth/sessions.js'
import type { HubContext } from '../hub-context.js'
import { subscribeToEvents } from './event-bus.js'
import { InboxSession } from './inbox-session.js'
import { RoomRegistry } from './room-registry.js'
import { WidgetSession } from './widget-session.js'

/** Hard cap enforced by ws itself; frames between the app limit and this get an error frame, not a close. */
const MAX_PAYLOAD_BYTES = 1024 * 1024

export interface Gateway {
  rooms: RoomRegistry
  socketCount(): number
  close(): Promise<void>
}

export async function startGateway(context: HubContext, server: Server, subscriber: Redis): Promise<Gateway> {
  const rooms = new RoomRegistry()
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES, perMessageDeflate: false })
  const unsubscribe = await subscribeToEvents(subscriber, (envelope) => rooms.dispatch(envelope))

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://hub.invalid')
    if (url.pathname === '/ws/widget') {
      const channel = context.channels.get(url.searchParams.get('channel') ?? '')
      if (!channel || !isWebchatConnector(channel.connector)) return reject(socket, 404, 'Unknown webchat channel')
      const webchat = { ...channel, connector: channel.connector }
      return wss.handleUpgrade(request, socket, head, (ws) => new WidgetSession(ws, rooms, context, webchat))
    }
    if (url.pathname === '/ws/inbox') {
      // The session cookie rides along on any page's socket: refuse other origins (cross-site socket hijacking).
      const origin = request.headers.origin
      if (origin && new URL(origin).host !== request.headers.host) return reject(socket, 403, 'Forbidden origin')
      const token = cookieValue(request.headers.cookie, SESSION_COOKIE)
      return wss.handleUpgrade(request, socket, head, (ws) => new InboxSession(ws, rooms, context, token))
    }
    reject(socket, 404, 'Not found')
  }
  server.on('upgrade', onUpgrade)

  return {
    rooms,
    socketCount: () => wss.clients.size,
    async close() {
      server.off('upgrade', onUpgrade)
      await unsubscribe()
      for (const client of wss.clients) client.close(1001, 'server shutting down')
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    },
  }
}

function reject(socket: Duplex, status: number, message: string): void {
  socket.end(`HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return decodeURIComponent(value.join('='))
  }
  return null
}
