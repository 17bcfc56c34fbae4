/** A test WebSocket client that records every frame and waits for the one a test expects. */
import WebSocket from 'ws'

export interface TestSocket<Frame> {
  socket: WebSocket
  frames: Frame[]
  send(frame: unknown): void
  sendRaw(data: string): void
  /** Resolves with the first frame (already received or future) that matches, after `fromIndex`. */
  waitFor(match: (frame: Frame) => boolean, options?: { timeoutMs?: number; fromIndex?: number }): Promise<Frame>
  closed: Promise<{ code: number; reason: string }>
  close(): Promise<void>
}

export async function openSocket<Frame = Record<string, unknown> & { type: string }>(
  url: string,
  headers: Record<string, string> = {},
): Promise<TestSocket<Frame>> {
  const socket = new WebSocket(url, { headers })
  const frames: Frame[] = []
  const waiters = new Set<() => void>()
  socket.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Frame)
    for (const wake of waiters) wake()
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })))
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  return {
    socket,
    frames,
    send: (frame) => socket.send(JSON.stringify(frame)),
    sendRaw: (data) => socket.send(data),
    waitFor(match, options = {}) {
      const start = options.fromIndex ?? 0
      return new Promise<Frame>((resolve, reject) => {
        const check = () => {
          const found = frames.slice(start).find(match)
          if (!found) return false
          waiters.delete(check)
          clearTimeout(timer)
          resolve(found)
          return true
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`timed out waiting for a frame; got ${JSON.stringify(frames.slice(start)).slice(0, 1500)}`))
        }, options.timeoutMs ?? 10_000)
        if (!check()) waiters.add(check)
      })
    },
    closed,
    async close() {
      if (socket.readyState === WebSocket.CLOSED) return
      socket.close()
      await closed
    },
  }
}
