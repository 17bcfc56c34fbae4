/**
 * What every socket session shares: JSON frames validated with zod, a frame size
 * limit answered with an error frame (the socket stays open), an authentication
 * deadline, backpressure, and leaving all rooms on close.
 */
import type { WebSocket } from 'ws'
import type { z } from 'zod'
import type { EventEnvelope } from './event-bus.js'
import type { Room } from './events.js'
import { CLOSE_CODES } from './protocol.js'
import type { RoomMember, RoomRegistry } from './room-registry.js'

const AUTH_DEADLINE_MS = 10_000
/** Past this much unsent data the client is too slow; it reconnects and resumes from its seq. */
const MAX_BUFFERED_BYTES = 2 * 1024 * 1024

export interface SessionOptions<Frame> {
  socket: WebSocket
  rooms: RoomRegistry
  frameSchema: z.ZodType<Frame>
  maxFrameBytes: number
  onError?: (error: unknown) => void
}

export abstract class SocketSession<ClientFrame, ServerFrame> implements RoomMember {
  protected readonly socket: WebSocket
  private readonly registry: RoomRegistry
  private readonly joined = new Set<Room>()
  private authTimer: ReturnType<typeof setTimeout> | null
  private queue: Promise<void> = Promise.resolve()

  constructor(private readonly options: SessionOptions<ClientFrame>) {
    this.socket = options.socket
    this.registry = options.rooms
    this.authTimer = setTimeout(() => this.socket.close(CLOSE_CODES.authTimeout, 'authenticate first'), AUTH_DEADLINE_MS)
    this.socket.on('message', (data, isBinary) => this.receive(data as Buffer, isBinary))
    this.socket.on('close', () => this.dispose())
    this.socket.on('error', () => this.dispose())
  }

  protected abstract handle(frame: ClientFrame): Promise<void>
  abstract deliver(envelope: EventEnvelope, rooms: ReadonlySet<Room>): void

  protected authenticated(): void {
    if (this.authTimer) clearTimeout(this.authTimer)
    this.authTimer = null
  }

  protected get isAuthenticated(): boolean {
    return this.authTimer === null
  }

  protected join(room: Room): void {
    this.joined.add(room)
    this.registry.join(room, this)
  }

  protected leave(room: Room): void {
    this.joined.delete(room)
    this.registry.leave(room, this)
  }

  send(frame: ServerFrame): void {
    if (this.socket.readyState !== this.socket.OPEN) return
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.socket.close(CLOSE_CODES.slowConsumer, 'too slow; reconnect and resume')
      return
    }
    this.socket.send(JSON.stringify(frame))
  }

  protected sendError(code: string, message: string, extra: Record<string, unknown> = {}): void {
    this.send({ type: 'error', code, message, ...extra } as ServerFrame)
  }

  private receive(data: Buffer, isBinary: boolean): void {
    try {
      this.parseAndHandle(data, isBinary)
    } catch (error) {
      // Whatever a client sends, the socket and the process survive it.
      this.options.onError?.(error)
      this.sendError('invalid_frame', 'The frame could not be read')
    }
  }

  private parseAndHandle(data: Buffer, isBinary: boolean): void {
    if (isBinary) {
      this.sendError('invalid_frame', 'Frames are JSON text')
      return
    }
    if (data.byteLength > this.options.maxFrameBytes) {
      const clientId = clientIdOf(data)
      this.sendError('frame_too_large', `Frames are limited to ${this.options.maxFrameBytes} bytes`, clientId ? { clientId } : {})
      return
    }
    let json: unknown
    try {
      json = JSON.parse(data.toString('utf8'))
    } catch {
      this.sendError('invalid_json', 'The frame is not valid JSON')
      return
    }
    const parsed = this.options.frameSchema.safeParse(json)
    if (!parsed.success) {
      const clientId = clientIdOf(json)
      this.sendError('invalid_frame', parsed.error.issues[0]?.message ?? 'Unknown frame', clientId ? { clientId } : {})
      return
    }
    this.runInOrder(() => this.handle(parsed.data))
  }

  /** Frames from one socket are handled one at a time, in order (a hello must finish before a message). */
  protected runInOrder(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((error: unknown) => {
      this.options.onError?.(error)
      this.sendError('internal_error', 'The hub could not handle that frame; try again')
    })
  }

  private dispose(): void {
    if (this.authTimer) clearTimeout(this.authTimer)
    this.authTimer = null
    for (const room of this.joined) this.registry.leave(room, this)
    this.joined.clear()
  }
}

/** The clientId of a rejected frame, when one can be read, so the client knows which message failed. */
function clientIdOf(frame: unknown): string | undefined {
  let value = frame
  if (Buffer.isBuffer(frame)) {
    try {
      value = JSON.parse(frame.toString('utf8'))
    } catch {
      return undefined
    }
  }
  if (typeof value !== 'object' || value === null || !('clientId' in value)) return undefined
  const clientId = (value as { clientId: unknown }).clientId
  return typeof clientId === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(clientId) ? clientId : undefined
}
