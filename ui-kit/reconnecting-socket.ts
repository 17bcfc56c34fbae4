/**
 * A WebSocket that reconnects with capped exponential backoff and jitter.
 *
 * It knows nothing about the protocol: on every (re)connection it calls `onOpen`,
 * where the caller sends its hello/subscribe frames with its own resume point.
 * Frames that fail to parse are reported, never thrown, so one bad frame cannot
 * break the client.
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed'

export interface ReconnectingSocketOptions<ServerFrame> {
  url: () => string
  onOpen: (socket: ReconnectingSocket<ServerFrame>) => void
  onFrame: (frame: ServerFrame) => void
  onStateChange?: (state: ConnectionState) => void
  /** Close codes after which reconnecting is pointless (e.g. unauthorized). */
  fatalCloseCodes?: number[]
  minDelayMs?: number
  maxDelayMs?: number
  createWebSocket?: (url: string) => WebSocket
}

export class ReconnectingSocket<ServerFrame> {
  private socket: WebSocket | null = null
  private attempts = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  private stopped = false
  state: ConnectionState = 'connecting'

  constructor(private readonly options: ReconnectingSocketOptions<ServerFrame>) {
    this.connect()
  }

  /** Sends a frame if connected; returns false when it could not be sent now. */
  send(frame: unknown): boolean {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false
    this.socket.send(JSON.stringify(frame))
    return true
  }

  /** Drops the current connection as if the network failed (used by tests and "reconnect now"). */
  dropConnection(): void {
    this.socket?.close()
  }

  close(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.socket?.close(1000)
    this.setState('closed')
  }

  private connect(): void {
    const create = this.options.createWebSocket ?? ((url: string) => new WebSocket(url))
    const socket = create(this.options.url())
    this.socket = socket
    socket.onopen = () => {
      this.attempts = 0
      this.setState('open')
      this.options.onOpen(this)
    }
    socket.onmessage = (event) => {
      let frame: ServerFrame
      try {
        frame = JSON.parse(String(event.data)) as ServerFrame
      } catch {
        return
      }
      this.options.onFrame(frame)
    }
    socket.onclose = (event) => {
      if (this.socket !== socket) return
      this.socket = null
      if (this.stopped || this.options.fatalCloseCodes?.includes(event.code)) {
        this.setState('closed')
        return
      }
      this.scheduleReconnect()
    }
  }

  private scheduleReconnect(): void {
    this.setState('reconnecting')
    const min = this.options.minDelayMs ?? 500
    const max = this.options.maxDelayMs ?? 15_000
    const delay = Math.min(max, min * 2 ** this.attempts) * (0.5 + Math.random() / 2)
    this.attempts += 1
    this.timer = setTimeout(() => this.connect(), delay)
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return
    this.state = state
    this.options.onStateChange?.(state)
  }
}
